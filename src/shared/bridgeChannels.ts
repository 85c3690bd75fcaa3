// How the renderer reaches its Electron host: the names of the IPC channels. No runtime imports: the sandboxed preload
// bundles this without zod or the table of operations.

/** Host functions: what the host does itself (its info, the session it keeps, printing), not a call of the endpoint. */
export const HOST_CHANNELS = [
  'app:getInfo',
  'auth:login',
  'auth:logout',
  'auth:changePassword',
  'auth:getSession',
  'sync:pull',
  'attachments:put',
  'attachments:get',
  'sync:snapshotChunk',
  'record:exportPdf',
  'intake:upload',
  'intake:returnsFile',
] as const;
export type HostChannel = (typeof HOST_CHANNELS)[number];

/** Main → renderer: the progress of an intake upload (IntakeUploadProgressEvent), tagged with the upload's id. */
export const INTAKE_UPLOAD_PROGRESS_CHANNEL = 'intake:uploadProgress';

/** One channel per callable operation of the table, e.g. `api:plans.list`. */
export const operationChannel = (name: string) => `api:${name}`;

/**
 * Main passes the callable operations' names to the preload as this command-line argument of the renderer
 * (webPreferences.additionalArguments), so the preload allow-lists them without bundling the table.
 */
export const OPERATIONS_ARGUMENT = '--onevisit-operations=';

export function operationsArgument(names: readonly string[]): string {
  return `${OPERATIONS_ARGUMENT}${names.join(',')}`;
}

/** The operation names main passed in; empty when there are none (the preload then refuses every call). */
export function operationsFromArgv(argv: readonly string[]): ReadonlySet<string> {
  const argument = argv.find((arg) => arg.startsWith(OPERATIONS_ARGUMENT));
  return new Set(argument ? argument.slice(OPERATIONS_ARGUMENT.length).split(',').filter(Boolean) : []);
}
