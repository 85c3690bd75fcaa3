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

/** Answer of `PUT /attachments/{sha256}`: the bytes are stored under their hash (whether by this call or an earlier one). */
export const attachmentReceiptSchema = z.object({ sha256: z.string(), size: z.number().int() });
export type AttachmentReceipt = z.infer<typeof attachmentReceiptSchema>;

/**
 * Error code (a version-1 addition) of the 401 answered to a device an admin or supervisor revoked, and of the 403
 * answered to a sign-in from it. The client then wipes the officer's local data (after pushing what it can).
 */
export const DEVICE_REVOKED = 'device_revoked';

export const deviceIdParamsSchema = z.object({ deviceId: z.string().min(1).max(100) });

/** Answer of `POST /devices/{deviceId}/revoke`. */
export const deviceRevocationSchema = z.object({ deviceId: z.string(), revokedAt: z.string(), sessionsRevoked: z.number().int() });
export type DeviceRevocation = z.infer<typeof deviceRevocationSchema>;
