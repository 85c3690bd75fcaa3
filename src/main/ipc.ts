// The IPC surface of main: one handler per host channel of the bridge (src/shared/bridge.ts), and one dispatcher for
// every callable operation of the table (src/shared/api/operations.ts), each on its own `api:<name>` channel. Every
// call is checked before it runs (sender frame, then payload), and every failure comes back as data (IpcResult),
// because Electron keeps only the message of an error thrown across IPC.
import type { IpcMain, WebContents } from 'electron';
import { z } from 'zod';
import { ApiError, ApiClient } from '@shared/api/client';
import type { DeviceInfo } from '@shared/api/auth';
import {
  CALLABLE_OPERATIONS,
  bridgeInputSchema,
  withDeviceId,
  type BridgeInput,
  type CallableOperation,
  type OperationInput,
  type OperationOutput,
} from '@shared/api/operations';
import { hostRequestSchemas, sessionFromLogin, type HostResponses, type IntakeUploadProgressEvent, type IpcResult } from '@shared/bridge';
import { HOST_CHANNELS, INTAKE_UPLOAD_PROGRESS_CHANNEL, operationChannel, type HostChannel } from '@shared/bridgeChannels';
import { uploadIntakeFileFromDisk } from './intakeFile';
import type { AppUrlPolicy } from './origin';
import type { SessionStore } from './secureStorage';
import type { Settings } from './settings';

export interface IpcContext {
  api: ApiClient;
  storage: SessionStore;
  settings: Settings;
  appVersion: string;
  /** What this computer tells the endpoint of itself at sign-in (see deviceInfo.ts). */
  device: DeviceInfo;
  now?: () => number;
  /** Asks where to save a PDF and writes it; null when the officer cancels. */
  savePdf: (pdf: Uint8Array, suggestedName: string) => Promise<string | null>;
  /** Asks which department file to upload (a native open dialog); null when the officer cancels. */
  chooseIntakeFile: () => Promise<string | null>;
}

/**
 * The endpoint's client as main uses it: the stored token, and a token the endpoint refuses (expired) forgets the
 * session, so the renderer asks for a new sign-in. A revoked device keeps it (see ApiClientOptions.onSessionRefused).
 */
export function sessionApiClient(serverUrl: string, storage: SessionStore, fetch?: typeof globalThis.fetch): ApiClient {
  return new ApiClient({
    baseUrl: serverUrl,
    fetch,
    getToken: async () => (await storage.load())?.token ?? null,
    onSessionRefused: () => storage.clear(),
  });
}

/** The page that made the call: only what handlers may use of it. */
export type IpcSender = Pick<WebContents, 'printToPDF' | 'send'>;

export type HostPayload<C extends HostChannel> = z.output<(typeof hostRequestSchemas)[C]>;
export type HostHandlerTable = {
  [C in HostChannel]: (payload: HostPayload<C>, context: IpcContext, sender: IpcSender | null) => Promise<HostResponses[C]>;
};

export const hostHandlers: HostHandlerTable = {
  'app:getInfo': async (_payload, { settings, appVersion }) => ({
    host: 'electron',
    version: appVersion,
    serverUrl: settings.serverUrl,
    deviceId: settings.deviceId,
  }),

  'auth:login': async (input, { api, storage, settings, device }) => {
    const response = await api.call('auth.login', { body: { ...input, deviceId: settings.deviceId, device } });
    await storage.save(response);
    return sessionFromLogin(response);
  },

  'auth:logout': async (_payload, { api, storage }) => {
    if (await storage.load()) await api.endSession();
    await storage.clear();
  },

  'auth:changePassword': async (input, { api, storage }) => {
    const response = await api.call('auth.changePassword', { body: input });
    await storage.save(response);
    return sessionFromLogin(response);
  },

  'auth:getSession': async (_payload, { storage, now = Date.now }) => {
    const stored = await storage.load();
    if (!stored) return null;
    if (Date.parse(stored.expiresAt) <= now()) {
      await storage.clear();
      return null;
    }
    return sessionFromLogin(stored);
  },

  'sync:pull': (query, { api }) => api.pull(query),

  'attachments:put': (upload, { api }) => api.putAttachment(upload),

  'attachments:get': ({ sha256 }, { api }) => api.getAttachment(sha256),

  'sync:snapshotChunk': ({ sha256 }, { api }) => api.getSnapshotChunk(sha256),

  // Prints the calling page itself, so the PDF is exactly the print layout the officer sees, with its CJK fonts.
  'record:exportPdf': async ({ fileName }, context, sender) => {
    if (!sender) throw new Error('no page to print');
    const pdf = await sender.printToPDF({ printBackground: true, pageSize: 'A4' });
    return { path: await context.savePdf(pdf, fileName) };
  },

  // The officer picks the file here, in main, which reads and sends it: the page gets progress events, never the bytes.
  'intake:upload': async ({ uploadId, query }, { api, chooseIntakeFile }, sender) => {
    const filePath = await chooseIntakeFile();
    if (filePath === null) return null;
    return uploadIntakeFileFromDisk(api, filePath, query, (progress) =>
      sender?.send(INTAKE_UPLOAD_PROGRESS_CHANNEL, { uploadId, progress } satisfies IntakeUploadProgressEvent),
    );
  },

  'intake:returnsFile': (query, { api }) => api.intakeReturnsFile(query),
};

type IpcFailure = Extract<IpcResult<never>, { ok: false }>['error'];

function failure(error: IpcFailure): IpcResult<never> {
  return { ok: false, error };
}

export interface IpcDispatchOptions {
  context: IpcContext;
  isAppUrl: AppUrlPolicy;
  handlers?: HostHandlerTable;
  log?: Pick<Console, 'warn' | 'error'>;
}

/** Checks the sender, then the payload, then runs the call; never throws. */
async function answer<T>(
  channel: string,
  senderUrl: string | undefined,
  payload: unknown,
  schema: z.ZodType,
  run: (parsed: unknown) => Promise<T>,
  { isAppUrl, log = console }: IpcDispatchOptions,
): Promise<IpcResult<T>> {
  if (!isAppUrl(senderUrl)) {
    log.warn(`[ipc] refused ${channel} from ${senderUrl ?? 'a destroyed frame'}`);
    return failure({ kind: 'forbidden_sender', message: `${channel} is only answered for the app's own pages` });
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return failure({ kind: 'invalid_payload', message: `${channel}: ${z.prettifyError(parsed.error)}` });
  try {
    return { ok: true, value: await run(parsed.data) };
  } catch (error) {
    if (error instanceof ApiError)
      return failure({ kind: error.kind, message: error.message, ...(error.status === undefined ? {} : { status: error.status }) });
    log.error(`[ipc] ${channel} failed`, error);
    return failure({ kind: 'server', message: `${channel} failed in the app: ${error instanceof Error ? error.message : String(error)}` });
  }
}

/** Runs one call of a host channel end to end. */
export function dispatchHost<C extends HostChannel>(
  channel: C,
  senderUrl: string | undefined,
  payload: unknown,
  options: IpcDispatchOptions,
  sender: IpcSender | null = null,
): Promise<IpcResult<HostResponses[C]>> {
  // TypeScript cannot correlate handlers[C] with the schema of C across the mapped type; the table's type guarantees it.
  const handler = (options.handlers ?? hostHandlers)[channel] as (
    payload: unknown,
    context: IpcContext,
    sender: IpcSender | null,
  ) => Promise<HostResponses[C]>;
  return answer(channel, senderUrl, payload, hostRequestSchemas[channel], (parsed) => handler(parsed, options.context, sender), options);
}

/** Runs one operation of the table for the renderer: its input checked against the row, the device id main's own. */
export function dispatchOperation<N extends CallableOperation>(
  name: N,
  senderUrl: string | undefined,
  payload: unknown,
  options: IpcDispatchOptions,
): Promise<IpcResult<OperationOutput<N>>> {
  const { api, settings } = options.context;
  // The input was parsed against bridgeInputSchema(name), the schema BridgeInput<N> describes.
  const call = api.call.bind(api) as (name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;
  return answer(
    operationChannel(name),
    senderUrl,
    payload,
    bridgeInputSchema(name),
    (input) => call(name, withDeviceId(name, input as BridgeInput<N>, settings.deviceId)),
    options,
  );
}

export function installIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, options: IpcDispatchOptions): void {
  for (const channel of HOST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatchHost(channel, event.senderFrame?.url, payload, options, event.sender));
  }
  for (const name of CALLABLE_OPERATIONS) {
    ipcMain.handle(operationChannel(name), (event, payload: unknown) => dispatchOperation(name, event.senderFrame?.url, payload, options));
  }
}
