// The IPC surface of main: one handler per channel of the contract in src/shared/ipc.ts. Every call is checked
// before its handler runs (sender frame, then payload), and every failure comes back as data (IpcResult),
// because Electron keeps only the message of an error thrown across IPC.
import type { IpcMain, WebContents } from 'electron';
import { z } from 'zod';
import { ApiError, type ApiClient } from '@shared/api/client';
import { ipcRequestSchemas, IPC_CHANNELS, sessionFromLogin, type IpcChannel, type IpcResponses, type IpcResult } from '@shared/ipc';
import type { AppUrlPolicy } from './origin';
import type { SessionStore } from './secureStorage';
import type { Settings } from './settings';

export interface IpcContext {
  api: Pick<
    ApiClient,
    | 'login'
    | 'pull'
    | 'push'
    | 'putAttachment'
    | 'hasAttachment'
    | 'getAttachment'
    | 'listPlans'
    | 'createPlan'
    | 'listRecusals'
    | 'createRecusal'
    | 'runDraw'
    | 'getDraw'
    | 'getDrawFile'
    | 'getPublicity'
    | 'reviewQueue'
    | 'approveTask'
    | 'returnSection'
    | 'publish'
    | 'publicationExport'
    | 'listDevices'
    | 'revokeDevice'
  >;
  storage: SessionStore;
  settings: Settings;
  appVersion: string;
  now?: () => number;
  /** Asks where to save a PDF and writes it; null when the officer cancels. */
  savePdf: (pdf: Uint8Array, suggestedName: string) => Promise<string | null>;
}

/** The page that made the call: only what handlers may use of it. */
export type IpcSender = Pick<WebContents, 'printToPDF'>;

export type IpcPayload<C extends IpcChannel> = z.output<(typeof ipcRequestSchemas)[C]>;
export type IpcHandlerTable = {
  [C in IpcChannel]: (payload: IpcPayload<C>, context: IpcContext, sender: IpcSender | null) => Promise<IpcResponses[C]>;
};

/**
 * The endpoint refused the token (expired): forget the session so the renderer asks for a new sign-in. A revoked device
 * (`device_revoked`) keeps it: the renderer wipes and signs out, and until then the token can still deliver queued work.
 */
async function forgetSessionWhenRefused<T>(context: IpcContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'unauthorized') await context.storage.clear();
    throw error;
  }
}

export const ipcHandlers: IpcHandlerTable = {
  'app:getInfo': async (_payload, { settings, appVersion }) => ({
    host: 'electron',
    version: appVersion,
    serverUrl: settings.serverUrl,
    deviceId: settings.deviceId,
  }),

  'auth:login': async (input, { api, storage, settings }) => {
    const response = await api.login({ ...input, deviceId: settings.deviceId });
    await storage.save(response);
    return sessionFromLogin(response);
  },

  'auth:logout': async (_payload, { storage }) => {
    await storage.clear();
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

  'sync:pull': (query, context) => forgetSessionWhenRefused(context, () => context.api.pull(query)),

  'sync:push': (request, context) =>
    forgetSessionWhenRefused(context, () => context.api.push({ ...request, deviceId: context.settings.deviceId })),

  'review:queue': (query, context) => forgetSessionWhenRefused(context, () => context.api.reviewQueue(query)),

  'review:approve': ({ taskId }, context) => forgetSessionWhenRefused(context, () => context.api.approveTask(taskId)),

  'review:return': ({ taskId, request }, context) => forgetSessionWhenRefused(context, () => context.api.returnSection(taskId, request)),

  'publication:publish': (request, context) => forgetSessionWhenRefused(context, () => context.api.publish(request)),

  'publication:export': (query, context) => forgetSessionWhenRefused(context, () => context.api.publicationExport(query)),

  'plans:list': (_payload, context) => forgetSessionWhenRefused(context, () => context.api.listPlans()),

  'plans:create': (request, context) => forgetSessionWhenRefused(context, () => context.api.createPlan(request)),

  'recusals:list': (_payload, context) => forgetSessionWhenRefused(context, () => context.api.listRecusals()),

  'recusals:create': (request, context) => forgetSessionWhenRefused(context, () => context.api.createRecusal(request)),

  'draws:run': ({ planId, ...request }, context) => forgetSessionWhenRefused(context, () => context.api.runDraw(planId, request)),

  'draws:get': ({ planId }, context) => forgetSessionWhenRefused(context, () => context.api.getDraw(planId)),

  'draws:getFile': ({ planId }, context) => forgetSessionWhenRefused(context, () => context.api.getDrawFile(planId)),

  'draws:getPublicity': ({ planId }, context) => forgetSessionWhenRefused(context, () => context.api.getPublicity(planId)),

  'devices:list': (_payload, context) => forgetSessionWhenRefused(context, () => context.api.listDevices()),

  'devices:revoke': ({ deviceId }, context) => forgetSessionWhenRefused(context, () => context.api.revokeDevice(deviceId)),

  'attachments:put': (upload, context) => forgetSessionWhenRefused(context, () => context.api.putAttachment(upload)),

  'attachments:has': ({ sha256 }, context) => forgetSessionWhenRefused(context, () => context.api.hasAttachment(sha256)),

  'attachments:get': ({ sha256 }, context) => forgetSessionWhenRefused(context, () => context.api.getAttachment(sha256)),

  // Prints the calling page itself, so the PDF is exactly the print layout the officer sees, with its CJK fonts.
  'record:exportPdf': async ({ fileName }, context, sender) => {
    if (!sender) throw new Error('no page to print');
    const pdf = await sender.printToPDF({ printBackground: true, pageSize: 'A4' });
    return { path: await context.savePdf(pdf, fileName) };
  },
};

type IpcFailure = Extract<IpcResult<never>, { ok: false }>['error'];

function failure(error: IpcFailure): IpcResult<never> {
  return { ok: false, error };
}

export interface IpcDispatchOptions {
  context: IpcContext;
  isAppUrl: AppUrlPolicy;
  handlers?: IpcHandlerTable;
  log?: Pick<Console, 'warn' | 'error'>;
}

/** Runs one IPC call end to end; never throws. */
export async function dispatchIpc<C extends IpcChannel>(
  channel: C,
  senderUrl: string | undefined,
  payload: unknown,
  { context, isAppUrl, handlers = ipcHandlers, log = console }: IpcDispatchOptions,
  sender: IpcSender | null = null,
): Promise<IpcResult<IpcResponses[C]>> {
  if (!isAppUrl(senderUrl)) {
    log.warn(`[ipc] refused ${channel} from ${senderUrl ?? 'a destroyed frame'}`);
    return failure({ kind: 'forbidden_sender', message: `${channel} is only answered for the app's own pages` });
  }
  const parsed = ipcRequestSchemas[channel].safeParse(payload);
  if (!parsed.success) return failure({ kind: 'invalid_payload', message: `${channel}: ${z.prettifyError(parsed.error)}` });
  // TypeScript cannot correlate handlers[C] with the schema of C across the mapped type; the table's type guarantees it.
  const handler = handlers[channel] as (payload: unknown, context: IpcContext, sender: IpcSender | null) => Promise<IpcResponses[C]>;
  try {
    return { ok: true, value: await handler(parsed.data, context, sender) };
  } catch (error) {
    if (error instanceof ApiError)
      return failure({ kind: error.kind, message: error.message, ...(error.status === undefined ? {} : { status: error.status }) });
    log.error(`[ipc] ${channel} failed`, error);
    return failure({ kind: 'server', message: `${channel} failed in the app: ${error instanceof Error ? error.message : String(error)}` });
  }
}

export function installIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, options: IpcDispatchOptions): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatchIpc(channel, event.senderFrame?.url, payload, options, event.sender));
  }
}
