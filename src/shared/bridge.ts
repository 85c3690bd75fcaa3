// The one typed contract between the renderer and its host. In Electron the preload exposes it over IPC (payloads
// validated in main); in a plain browser the web bridge implements the same interface directly. The renderer only ever
// sees `PlatformBridge`: a few host functions, the calls that are not plain JSON, and `call` for every other operation
// of the table (src/shared/api/operations.ts).
import { z } from 'zod';
import { attachmentParamsSchema, attachmentUploadSchema, type AttachmentReceipt, type AttachmentUpload } from './api/attachments';
import { changePasswordRequestSchema, loginRequestSchema, type LoginResponse } from './api/auth';
import type { ApiErrorKind, DownloadedFile, ReceivedPullPage } from './api/client';
import { intakeReturnsFileQuerySchema, intakeUploadQuerySchema, type IntakeReturnsFileQuery, type IntakeUploadQuery } from './api/intake';
import type { IntakeUploadProgress, IntakeUploadResult } from './api/intakeUpload';
import type { BridgeInput, CallableOperation, InputArgs, OperationOutput } from './api/operations';
import type { HostChannel } from './bridgeChannels';
import { officerSchema } from './domain/model';
import { pullQuerySchema, snapshotChunkParamsSchema, type PullQuery } from './sync/protocol';

export const appInfoSchema = z.object({
  host: z.enum(['electron', 'web']),
  version: z.string(),
  serverUrl: z.string(),
  deviceId: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** What the renderer knows of a sign-in. The token itself never leaves the Electron main process. */
export const sessionInfoSchema = z.object({
  officer: officerSchema,
  expiresAt: z.string(),
  /** An admin reset the password: the app shows only the password change until it is made. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const loginInputSchema = loginRequestSchema.omit({ deviceId: true });
export type LoginInput = z.infer<typeof loginInputSchema>;

export const changePasswordInputSchema = changePasswordRequestSchema;
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

/** Where the exported inspection record went: a file path (Electron), or null when the browser's print dialog took over or the officer cancelled. */
export interface RecordExport {
  path: string | null;
}

/** Main's progress report of an upload, on the event channel INTAKE_UPLOAD_PROGRESS_CHANNEL. */
export interface IntakeUploadProgressEvent {
  uploadId: string;
  progress: IntakeUploadProgress;
}

export interface PlatformBridge {
  getAppInfo(): Promise<AppInfo>;
  login(input: LoginInput): Promise<SessionInfo>;
  /** Ends the session on the endpoint (its token is refused from then on), then forgets it; offline it only forgets. */
  logout(): Promise<void>;
  /** Changes the officer's password; the host keeps the new session the endpoint answers (every other one ends). */
  changePassword(input: ChangePasswordInput): Promise<SessionInfo>;
  getSession(): Promise<SessionInfo | null>;
  /** Any signed-in JSON operation of the table; a device-bound body gets the host's device id. */
  call<N extends CallableOperation>(name: N, ...input: InputArgs<BridgeInput<N>>): Promise<OperationOutput<N>>;
  /** A pull page; `bytes` is the size of the endpoint's answer, for progress (absent where the host cannot tell). */
  pull(query: PullQuery): Promise<ReceivedPullPage>;
  /** Uploads attachment bytes to their content address (idempotent, resumable). */
  putAttachment(upload: AttachmentUpload): Promise<AttachmentReceipt>;
  /** Downloads the bytes stored under a sha256 (e.g. another department's photo, for the record); the caller verifies the hash. */
  getAttachment(sha256: string): Promise<Uint8Array>;
  /** A snapshot chunk's bytes (snapshotChunk.ts), by its address (protocol.ts SnapshotManifest); the sync store verifies it. */
  getSnapshotChunk(sha256: string): Promise<Uint8Array>;
  /** Exports the page on screen (the inspection record) as PDF: printToPDF and a save dialog in Electron, the print dialog in a browser. */
  exportRecordPdf(fileName: string): Promise<RecordExport>;
  /**
   * Uploads a department's file as an intake batch. The officer picks it in the host's own dialog (Electron: a native
   * dialog in main, which streams the file from disk with the token it holds, so the file never crosses IPC; a
   * browser: its file chooser, and the page sends the File). `onProgress` follows the bytes sent. Null when the
   * officer closed the dialog without a file.
   */
  uploadIntakeFile(query: IntakeUploadQuery, onProgress?: (progress: IntakeUploadProgress) => void): Promise<IntakeUploadResult | null>;
  /** The open returns of a department and kind as a file in the kind's template with a problems column. */
  getIntakeReturnsFile(query: IntakeReturnsFileQuery): Promise<DownloadedFile>;
}

/** Payload schemas of the host channels, checked by main before a handler runs (operations are checked against their row). */
export const hostRequestSchemas = {
  'app:getInfo': z.undefined(),
  'auth:login': loginInputSchema,
  'auth:logout': z.undefined(),
  'auth:changePassword': changePasswordInputSchema,
  'auth:getSession': z.undefined(),
  'sync:pull': pullQuerySchema,
  'attachments:put': attachmentUploadSchema,
  'attachments:get': attachmentParamsSchema,
  'sync:snapshotChunk': snapshotChunkParamsSchema,
  'record:exportPdf': z.object({
    fileName: z
      .string()
      .max(200)
      .regex(/^[^/\\:*?"<>|]+\.pdf$/, 'a file name ending in .pdf'),
  }),
  // The renderer names the batch and an id for its progress events; main picks and reads the file itself.
  'intake:upload': z.object({ uploadId: z.string().min(1).max(100), query: intakeUploadQuerySchema }).strict(),
  'intake:returnsFile': intakeReturnsFileQuerySchema,
} as const satisfies Record<HostChannel, z.ZodType>;

export interface HostResponses {
  'app:getInfo': AppInfo;
  'auth:login': SessionInfo;
  'auth:logout': void;
  'auth:changePassword': SessionInfo;
  'auth:getSession': SessionInfo | null;
  'sync:pull': ReceivedPullPage;
  'attachments:put': AttachmentReceipt;
  'attachments:get': Uint8Array;
  'sync:snapshotChunk': Uint8Array;
  'record:exportPdf': RecordExport;
  'intake:upload': IntakeUploadResult | null;
  'intake:returnsFile': DownloadedFile;
}

/** Errors cross IPC as data, since Electron keeps only the message of a thrown error. */
export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { kind: ApiErrorKind | 'invalid_payload' | 'forbidden_sender'; message: string; status?: number } };

export function sessionFromLogin(response: LoginResponse): SessionInfo {
  return {
    officer: response.officer,
    expiresAt: response.expiresAt,
    ...(response.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}
