// Sign-in and the endpoint's health.
import { z } from 'zod';
import { officerSchema } from '../domain/model';

export const healthResponseSchema = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** What a device tells of itself at sign-in, so supervisors recognise it in the device list. */
export const deviceInfoSchema = z.object({
  /** The computer's name; a browser cannot tell it. */
  hostName: z.string().trim().min(1).max(200).nullable(),
  /** Operating system (and browser, in a browser). */
  system: z.string().trim().min(1).max(200),
  appVersion: z.string().trim().min(1).max(50),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  deviceId: z.string().min(1).max(100),
  /** Optional: older apps do not send it. */
  device: deviceInfoSchema.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  officer: officerSchema,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
