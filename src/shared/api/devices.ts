// Devices and their revocation: a lost or handed-over laptop stops syncing and wipes its officer's local data.
import { z } from 'zod';
import { idSchema } from '../domain/model';

export const deviceIdParamsSchema = z.object({ deviceId: idSchema });

/** Answer of `devices.revoke`. */
export const deviceRevocationSchema = z.object({ deviceId: z.string(), revokedAt: z.string(), sessionsRevoked: z.number().int() });
export type DeviceRevocation = z.infer<typeof deviceRevocationSchema>;

/** An officer as the device list names them. */
export const deviceOfficerSchema = z.object({ id: z.string(), name: z.string() });
export type DeviceOfficer = z.infer<typeof deviceOfficerSchema>;

/**
 * A device as `devices.list` lists it: who used it (signed in on it or pushed from it), when it was first and last seen
 * (sign-in or push; pulls are not recorded), how many sessions still run on it, and its revocation if any.
 */
export const deviceSummarySchema = z.object({
  deviceId: z.string(),
  /** What the device last told of itself at sign-in (null for a device that never did). */
  hostName: z.string().nullable(),
  system: z.string().nullable(),
  appVersion: z.string().nullable(),
  officers: z.array(deviceOfficerSchema),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  activeSessions: z.number().int().nonnegative(),
  revokedAt: z.string().nullable(),
  revokedBy: deviceOfficerSchema.nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

/** Supervisors get the devices their unit's officers used, admins every device; last seen first. */
export const deviceListResponseSchema = z.object({ devices: z.array(deviceSummarySchema) });
export type DeviceListResponse = z.infer<typeof deviceListResponseSchema>;
