// The one typed contract between the renderer and its host. In Electron the preload exposes it over IPC
// (channels named `domain:verb`, payloads validated in main); in a plain browser the web bridge implements
// the same interface directly. The renderer only ever sees `PlatformBridge`.
import { z } from 'zod';
import { deviceIdParamsSchema, loginRequestSchema, type DeviceRevocation, type DeviceSummary, type LoginResponse } from './api/contract';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, officerSchema, sha256Schema } from './domain/model';
import type { AttachmentReceipt } from './api/contract';
import {
  pullQuerySchema,
  pushRequestSchema,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './sync/protocol';
import {
  publicationExportQuerySchema,
  publishRequestSchema,
  returnSectionRequestSchema,
  reviewQueueQuerySchema,
  taskIdParamsSchema,
  type PublicationExport,
  type PublicationExportQuery,
  type PublishRequest,
  type PublishResponse,
  type ReturnSectionRequest,
  type ReviewActionResponse,
  type ReviewQueueQuery,
  type ReviewQueueResponse,
} from './api/review';
import {
  createPlanRequestSchema,
  createRecusalRequestSchema,
  runDrawRequestSchema,
  type CreatePlanRequest,
  type CreateRecusalRequest,
  type DrawView,
  type PlanDetail,
  type PublicityExport,
} from './api/drawContract';
import type { Recusal } from './domain/model';
import type { DrawFile } from './draw/schema';
import type { ApiErrorKind, AttachmentUpload, ReceivedPullPage } from './api/client';

export const attachmentUploadSchema = z.object({
  sha256: sha256Schema,
  type: z.enum(ATTACHMENT_TYPES),
  bytes: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (Uint8Array)')
    .refine((b) => b.byteLength > 0 && b.byteLength <= ATTACHMENT_MAX_BYTES, `1 to ${ATTACHMENT_MAX_BYTES} bytes`),
});

export const appInfoSchema = z.object({
  host: z.enum(['electron', 'web']),
  version: z.string(),
  serverUrl: z.string(),
  deviceId: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** What the renderer knows of a sign-in. The token itself never leaves the Electron main process. */
export const sessionInfoSchema = z.object({ officer: officerSchema, expiresAt: z.string() });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const loginInputSchema = loginRequestSchema.omit({ deviceId: true });
export type LoginInput = z.infer<typeof loginInputSchema>;

const planRefSchema = z.object({ planId: z.string().min(1).max(100) });
export type PlanRef = z.infer<typeof planRefSchema>;

export const runDrawInputSchema = runDrawRequestSchema.extend(planRefSchema.shape);
export type RunDrawInput = z.infer<typeof runDrawInputSchema>;

/** Payload schemas of each channel, checked by main before a handler runs. */
export const ipcRequestSchemas = {
  'app:getInfo': z.undefined(),
  'auth:login': loginInputSchema,
  'auth:logout': z.undefined(),
  'auth:getSession': z.undefined(),
  'sync:pull': pullQuerySchema,
  'sync:push': pushRequestSchema.omit({ deviceId: true }),
  'review:queue': reviewQueueQuerySchema,
  'review:approve': taskIdParamsSchema,
  'review:return': taskIdParamsSchema.extend({ request: returnSectionRequestSchema }),
  'publication:publish': publishRequestSchema,
  'publication:export': publicationExportQuerySchema.omit({ format: true }),
  'plans:list': z.undefined(),
  'plans:create': createPlanRequestSchema,
  'recusals:list': z.undefined(),
  'recusals:create': createRecusalRequestSchema,
  'draws:run': runDrawInputSchema,
  'draws:get': planRefSchema,
  'draws:getFile': planRefSchema,
  'draws:getPublicity': planRefSchema,
  'devices:list': z.undefined(),
  'devices:revoke': deviceIdParamsSchema,
  'attachments:put': attachmentUploadSchema,
  'attachments:has': z.object({ sha256: sha256Schema }),
  'attachments:get': z.object({ sha256: sha256Schema }),
  'record:exportPdf': z.object({
    fileName: z
      .string()
      .max(200)
      .regex(/^[^/\\:*?"<>|]+\.pdf$/, 'a file name ending in .pdf'),
  }),
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export const IPC_CHANNELS = Object.keys(ipcRequestSchemas) as IpcChannel[];

export interface IpcResponses {
  'app:getInfo': AppInfo;
  'auth:login': SessionInfo;
  'auth:logout': void;
  'auth:getSession': SessionInfo | null;
  'sync:pull': ReceivedPullPage;
  'sync:push': PushResponse;
  'review:queue': ReviewQueueResponse;
  'review:approve': ReviewActionResponse;
  'review:return': ReviewActionResponse;
  'publication:publish': PublishResponse;
  'publication:export': PublicationExport;
  'plans:list': PlanDetail[];
  'plans:create': PlanDetail;
  'recusals:list': Recusal[];
  'recusals:create': Recusal;
  'draws:run': DrawView;
  'draws:get': DrawView;
  'draws:getFile': DrawFile;
  'draws:getPublicity': PublicityExport;
  'devices:list': DeviceSummary[];
  'devices:revoke': DeviceRevocation;
  'attachments:put': AttachmentReceipt;
  'attachments:has': boolean;
  'attachments:get': Uint8Array;
  'record:exportPdf': RecordExport;
}

/** Where the exported inspection record went: a file path (Electron), or null when the browser's print dialog took over or the officer cancelled. */
export interface RecordExport {
  path: string | null;
}

/** Errors cross IPC as data, since Electron keeps only the message of a thrown error. */
export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { kind: ApiErrorKind | 'invalid_payload' | 'forbidden_sender'; message: string; status?: number } };

export interface PlatformBridge {
  getAppInfo(): Promise<AppInfo>;
  login(input: LoginInput): Promise<SessionInfo>;
  logout(): Promise<void>;
  getSession(): Promise<SessionInfo | null>;
  /** A pull page; `bytes` is the size of the endpoint's answer, for progress (absent where the host cannot tell). */
  pull(query: PullQuery): Promise<ReceivedPullPage>;
  push(request: Omit<PushRequest, 'deviceId'>): Promise<PushResponse>;
  // Review and publication (supervisors; the endpoint refuses others with 403).
  reviewQueue(query: ReviewQueueQuery): Promise<ReviewQueueResponse>;
  approveTask(input: { taskId: string }): Promise<ReviewActionResponse>;
  returnSection(input: { taskId: string; request: ReturnSectionRequest }): Promise<ReviewActionResponse>;
  publish(request: PublishRequest): Promise<PublishResponse>;
  publicationExport(query: Omit<PublicationExportQuery, 'format'>): Promise<PublicationExport>;
  /** Plans, recusals and draws: supervisors only, and only online (the endpoint computes and stores draws). */
  listPlans(): Promise<PlanDetail[]>;
  createPlan(request: CreatePlanRequest): Promise<PlanDetail>;
  listRecusals(): Promise<Recusal[]>;
  createRecusal(request: CreateRecusalRequest): Promise<Recusal>;
  runDraw(input: RunDrawInput): Promise<DrawView>;
  getDraw(ref: PlanRef): Promise<DrawView>;
  getDrawFile(ref: PlanRef): Promise<DrawFile>;
  getPublicity(ref: PlanRef): Promise<PublicityExport>;
  /** Devices and their revocation: supervisors (their unit's officers' devices) and admins, online only. */
  listDevices(): Promise<DeviceSummary[]>;
  revokeDevice(input: { deviceId: string }): Promise<DeviceRevocation>;
  /** Uploads attachment bytes to their content address (idempotent). */
  putAttachment(upload: AttachmentUpload): Promise<AttachmentReceipt>;
  /** Whether the endpoint already holds the bytes of this sha256. */
  hasAttachment(sha256: string): Promise<boolean>;
  /** Downloads the bytes stored under a sha256 (e.g. another department's photo, for the record); the caller verifies the hash. */
  getAttachment(sha256: string): Promise<Uint8Array>;
  /** Exports the page on screen (the inspection record) as PDF: printToPDF and a save dialog in Electron, the print dialog in a browser. */
  exportRecordPdf(fileName: string): Promise<RecordExport>;
}

export function sessionFromLogin(response: LoginResponse): SessionInfo {
  return { officer: response.officer, expiresAt: response.expiresAt };
}

export type { PushResponse, PullResponse };
