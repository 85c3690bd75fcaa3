// The preload IS the renderer's API: it exposes `window.oneVisit`, an implementation of PlatformBridge made of
// named functions, one per IPC channel. ipcRenderer itself never crosses into the page.
// Only types come from src/shared (plus the dependency-free bridgeError): this file is bundled into one sandboxed
// CommonJS script, and a runtime import of the contract would drag zod in with it.
import { contextBridge, ipcRenderer } from 'electron';
import type { z } from 'zod';
import { encodeBridgeError } from '@shared/bridgeError';
import type { IpcChannel, IpcResponses, IpcResult, PlatformBridge, ipcRequestSchemas } from '@shared/ipc';

type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcRequestSchemas)[C]>;

/** Invokes a channel and unwraps its IpcResult; a failure becomes an Error whose message carries kind and status. */
async function invoke<C extends IpcChannel>(
  channel: C,
  ...payload: IpcRequest<C> extends undefined ? [] : [IpcRequest<C>]
): Promise<IpcResponses[C]> {
  const result = (await ipcRenderer.invoke(channel, ...payload)) as IpcResult<IpcResponses[C]>;
  if (result.ok) return result.value;
  throw new Error(encodeBridgeError(result.error));
}

const bridge: PlatformBridge = {
  getAppInfo: () => invoke('app:getInfo'),
  login: (input) => invoke('auth:login', input),
  logout: () => invoke('auth:logout'),
  getSession: () => invoke('auth:getSession'),
  pull: (query) => invoke('sync:pull', query),
  push: (request) => invoke('sync:push', request),
  reviewQueue: (query) => invoke('review:queue', query),
  approveTask: (input) => invoke('review:approve', input),
  returnSection: (input) => invoke('review:return', input),
  publish: (request) => invoke('publication:publish', request),
  publicationExport: (query) => invoke('publication:export', query),
  listPlans: () => invoke('plans:list'),
  createPlan: (request) => invoke('plans:create', request),
  listRecusals: () => invoke('recusals:list'),
  createRecusal: (request) => invoke('recusals:create', request),
  runDraw: (input) => invoke('draws:run', input),
  getDraw: (ref) => invoke('draws:get', ref),
  getDrawFile: (ref) => invoke('draws:getFile', ref),
  getPublicity: (ref) => invoke('draws:getPublicity', ref),
  listDevices: () => invoke('devices:list'),
  revokeDevice: (input) => invoke('devices:revoke', input),
  putAttachment: (upload) => invoke('attachments:put', upload),
  hasAttachment: (sha256) => invoke('attachments:has', { sha256 }),
  getAttachment: (sha256) => invoke('attachments:get', { sha256 }),
  exportRecordPdf: (fileName) => invoke('record:exportPdf', { fileName }),
};

contextBridge.exposeInMainWorld('oneVisit', bridge);
