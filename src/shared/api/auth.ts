// Sign-in and the endpoint's health.
import { z } from 'zod';
import { officerSchema } from '../domain/model';
import { lineText } from '../text/plainText';

export const healthResponseSchema = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const loginRequestSchema = z.object({
  username: lineText().min(1).max(100),
  password: lineText().min(1).max(200),
  deviceId: lineText().min(1).max(100),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(20),
  officer: officerSchema,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
