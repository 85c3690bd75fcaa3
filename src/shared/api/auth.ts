// Sign-in and the endpoint's health.
import { z } from 'zod';
import { officerSchema } from '../domain/model';
import { lineText } from '../text/plainText';

export const healthResponseSchema = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** What a device tells of itself at sign-in, so supervisors recognise it in the device list. */
export const deviceInfoSchema = z.object({
  /** The computer's name; a browser cannot tell it. */
  hostName: lineText().trim().min(1).max(200).nullable(),
  /** Operating system (and browser, in a browser). */
  system: lineText().trim().min(1).max(200),
  appVersion: lineText().trim().min(1).max(50),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export const loginRequestSchema = z.object({
  username: lineText().min(1).max(100),
  password: lineText().min(1).max(200),
  deviceId: lineText().min(1).max(100),
  /** Optional: older apps do not send it. */
  device: deviceInfoSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  officer: officerSchema,
  expiresAt: z.iso.datetime({ offset: true }),
  /** An admin reset the password: the app shows only the password change until it is made. */
  mustChangePassword: z.boolean().optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export { ACCOUNT_DISABLED } from './errors';
/** Error code of the 403 answered to every call but the password change while an admin's reset is pending. */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';

export const changePasswordRequestSchema = z.object({
  currentPassword: lineText().min(1).max(200),
  newPassword: lineText().min(1).max(200),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** One of the officer's own sessions (signed in and not yet expired, ended or revoked). */
export const ownSessionSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  /** The session this request was made with. */
  current: z.boolean(),
  /** What the session's device last told of itself at sign-in (absent from an older endpoint). */
  hostName: z.string().nullable().optional(),
  system: z.string().nullable().optional(),
  appVersion: z.string().nullable().optional(),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;
export const ownSessionListSchema = z.object({ sessions: z.array(ownSessionSchema) });
export type OwnSessionList = z.infer<typeof ownSessionListSchema>;
export const sessionIdParamsSchema = z.object({ sessionId: lineText().min(1).max(100) });
export const sessionEndedSchema = z.object({ ended: z.number().int().nonnegative() });
