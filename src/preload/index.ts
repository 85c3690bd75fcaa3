// The preload IS the renderer's API: it exposes `window.oneVisit`, an implementation of PlatformBridge made of
// named functions: one per host channel, and `call` for the operations main allow-listed. ipcRenderer itself never
// crosses into the page.
// Only types and zod-free modules come from src/shared: this file is bundled into one sandboxed CommonJS script, and
// a runtime import of the contract would drag zod in with it.
import { contextBridge, ipcRenderer } from 'electron';
import type { z } from 'zod';
import type { HostResponses, IntakeUploadProgressEvent, IpcResult, PlatformBridge, hostRequestSchemas } from '@shared/bridge';
import { INTAKE_UPLOAD_PROGRESS_CHANNEL, operationChannel, operationsFromArgv, type HostChannel } from '@shared/bridgeChannels';
import { encodeBridgeError } from '@shared/bridgeError';

type HostRequest<C extends HostChannel> = z.input<(typeof hostRequestSchemas)[C]>;

/** The operations main passed in (see operationsArgument); any other name is refused before it reaches IPC. */
const callable = operationsFromArgv(process.argv);

/** Unwraps an IpcResult; a failure becomes an Error whose message carries kind and status. */
function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new Error(encodeBridgeError(result.error));
}

async function invoke<C extends HostChannel>(
  channel: C,
  ...payload: HostRequest<C> extends undefined ? [] : [HostRequest<C>]
): Promise<HostResponses[C]> {
  return unwrap((await ipcRenderer.invoke(channel, ...payload)) as IpcResult<HostResponses[C]>);
}

/** Ids of this page's uploads, so each listens to its own progress events only. */
let uploads = 0;

const bridge: PlatformBridge = {
  getAppInfo: () => invoke('app:getInfo'),
  login: (input) => invoke('auth:login', input),
  logout: () => invoke('auth:logout'),
  changePassword: (input) => invoke('auth:changePassword', input),
  getSession: () => invoke('auth:getSession'),
  call: async (name, ...input) => {
    if (!callable.has(name)) throw new Error(encodeBridgeError({ kind: 'invalid_payload', message: `no operation ${String(name)}` }));
    return unwrap(await ipcRenderer.invoke(operationChannel(name), ...input));
  },
  pull: (query) => invoke('sync:pull', query),
  putAttachment: (upload) => invoke('attachments:put', upload),
  getAttachment: (sha256) => invoke('attachments:get', { sha256 }),
  getSnapshotChunk: (sha256) => invoke('sync:snapshotChunk', { sha256 }),
  exportRecordPdf: (fileName) => invoke('record:exportPdf', { fileName }),
  // Main picks the file and streams it; what comes back over IPC is the progress, then the batch.
  uploadIntakeFile: async (query, onProgress) => {
    const uploadId = String(++uploads);
    const listener = (_event: unknown, event: IntakeUploadProgressEvent) => {
      if (event?.uploadId === uploadId) onProgress?.(event.progress);
    };
    ipcRenderer.on(INTAKE_UPLOAD_PROGRESS_CHANNEL, listener);
    try {
      return await invoke('intake:upload', { uploadId, query });
    } finally {
      ipcRenderer.removeListener(INTAKE_UPLOAD_PROGRESS_CHANNEL, listener);
    }
  },
  getIntakeReturnsFile: (query) => invoke('intake:returnsFile', query),
};

contextBridge.exposeInMainWorld('oneVisit', bridge);
