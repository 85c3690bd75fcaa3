// The one typed contract between the renderer and its host. In Electron the preload exposes it over IPC
// (channels named `domain:verb`, payloads validated in main); in a plain browser the web bridge implements
// the same interface directly. The renderer only ever sees `PlatformBridge`.
import { z } from 'zod';
import { loginRequestSchema, type LoginResponse } from './api/contract';
import { officerSchema } from './domain/model';
import { pullQuerySchema, pushRequestSchema, type PullQuery, type PullResponse, type PushRequest, type PushResponse } from './sync/protocol';
import type { ApiErrorKind } from './api/client';
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
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export const IPC_CHANNELS = Object.keys(ipcRequestSchemas) as IpcChannel[];

export interface IpcResponses {
  'app:getInfo': AppInfo;
  'auth:login': SessionInfo;
  'auth:logout': void;
  'auth:getSession': SessionInfo | null;
  'sync:pull': PullResponse;
  'sync:push': PushResponse;
  'review:queue': ReviewQueueResponse;
  'review:approve': ReviewActionResponse;
  'review:return': ReviewActionResponse;
  'publication:publish': PublishResponse;
  'publication:export': PublicationExport;
}

/** Errors cross IPC as data, since Electron keeps only the message of a thrown error. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { kind: ApiErrorKind | 'invalid_payload' | 'forbidden_sender'; message: string; status?: number } };

export interface PlatformBridge {
  getAppInfo(): Promise<AppInfo>;
  login(input: LoginInput): Promise<SessionInfo>;
  logout(): Promise<void>;
  getSession(): Promise<SessionInfo | null>;
  pull(query: PullQuery): Promise<PullResponse>;
  push(request: Omit<PushRequest, 'deviceId'>): Promise<PushResponse>;
  // Review and publication (supervisors; the endpoint refuses others with 403).
  reviewQueue(query: ReviewQueueQuery): Promise<ReviewQueueResponse>;
  approveTask(input: { taskId: string }): Promise<ReviewActionResponse>;
  returnSection(input: { taskId: string; request: ReturnSectionRequest }): Promise<ReviewActionResponse>;
  publish(request: PublishRequest): Promise<PublishResponse>;
  publicationExport(query: Omit<PublicationExportQuery, 'format'>): Promise<PublicationExport>;
}

export function sessionFromLogin(response: LoginResponse): SessionInfo {
  return { officer: response.officer, expiresAt: response.expiresAt };
}

export type { PushResponse, PullResponse };
