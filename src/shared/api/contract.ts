// HTTP contract of the central endpoint, version 1.
import { z } from 'zod';
import { officerSchema } from '../domain/model';

export const API_PREFIX = '/api/v1';

export const healthResponseSchema = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  deviceId: z.string().min(1).max(100),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  officer: officerSchema,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** Every 4xx/5xx answer of the endpoint has this shape. */
export const apiErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/**
 * Answer of `PUT /attachments/{sha256}`: the bytes are stored under their hash (whether by this call or an earlier one).
 * A chunk of a resumable upload (version-1 addition) that does not finish it is answered with `received`, the bytes the
 * endpoint now holds of the unfinished upload; `size` is then the announced total.
 */
export const attachmentReceiptSchema = z.object({
  sha256: z.string(),
  size: z.number().int(),
  received: z.number().int().nonnegative().optional(),
});
export type AttachmentReceipt = z.infer<typeof attachmentReceiptSchema>;

/**
 * Resumable attachment uploads (version-1 addition). `PUT /attachments/{sha256}` with `Content-Range: bytes
 * start-end/total` appends a chunk to the caller's unfinished upload of that address; `start` must not be past what the
 * endpoint holds (a repeated chunk is harmless). The last chunk completes it: the whole is hash-checked, stored, and a
 * wrong hash discards the unfinished upload (422). `HEAD /attachments/{sha256}` answers 200 once the bytes are stored,
 * otherwise 404 carrying in UPLOAD_OFFSET_HEADER how many bytes of the caller's unfinished upload it holds (0: none).
 * A PUT without Content-Range sends the whole attachment at once, as in the first release.
 */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
/** Chunk size of the app's resumable uploads: small enough to lose little on a dropped connection in the field. */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024;

export interface ContentRange {
  start: number;
  /** Inclusive, as in HTTP. */
  end: number;
  total: number;
}

export function formatContentRange({ start, end, total }: ContentRange): string {
  return `bytes ${start}-${end}/${total}`;
}

export function parseContentRange(header: string): ContentRange | null {
  const match = /^bytes (\d{1,10})-(\d{1,10})\/(\d{1,10})$/.exec(header.trim());
  if (!match) return null;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return start <= end && end < total ? { start, end, total } : null;
}

/**
 * Error code (a version-1 addition) of the 401 answered to a device an admin or supervisor revoked, and of the 403
 * answered to a sign-in from it. The client then wipes the officer's local data (after pushing what it can).
 */
export const DEVICE_REVOKED = 'device_revoked';

export const deviceIdParamsSchema = z.object({ deviceId: z.string().min(1).max(100) });

/** Answer of `POST /devices/{deviceId}/revoke`. */
export const deviceRevocationSchema = z.object({ deviceId: z.string(), revokedAt: z.string(), sessionsRevoked: z.number().int() });
export type DeviceRevocation = z.infer<typeof deviceRevocationSchema>;

/** An officer as the device list names them. */
export const deviceOfficerSchema = z.object({ id: z.string(), name: z.string() });
export type DeviceOfficer = z.infer<typeof deviceOfficerSchema>;

/**
 * A device as `GET /devices` lists it: who used it (signed in on it or pushed from it), when it was first and last seen
 * (sign-in or push; pulls are not recorded), how many sessions still run on it, and its revocation if any.
 */
export const deviceSummarySchema = z.object({
  deviceId: z.string(),
  officers: z.array(deviceOfficerSchema),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  activeSessions: z.number().int().nonnegative(),
  revokedAt: z.string().nullable(),
  revokedBy: deviceOfficerSchema.nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

/** Answer of `GET /devices`: supervisors get the devices their unit's officers used, admins every device; last seen first. */
export const deviceListResponseSchema = z.object({ devices: z.array(deviceSummarySchema) });
export type DeviceListResponse = z.infer<typeof deviceListResponseSchema>;
