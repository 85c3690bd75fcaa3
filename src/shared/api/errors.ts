// Errors of remote calls, as both ends name them. Every 4xx/5xx answer of the endpoint carries an ApiErrorBody; the
// client turns it into an ApiError whose `kind` is what the app acts on.
import { z } from 'zod';
import { PULL_CURSOR_RESET } from '../sync/protocol';
import { CLIENT_TOO_OLD } from './version';

/** Every 4xx/5xx answer of the endpoint has this shape. */
export const apiErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/**
 * Error code (a version-1 addition) of the 401 answered to a device an admin or supervisor revoked, and of the 403
 * answered to a sign-in from it. The client then wipes the officer's local data (after pushing what it can).
 */
export const DEVICE_REVOKED = 'device_revoked';

/** Error code of the 403 answered to a disabled officer's sign-in and of the 401 answered to their sessions. */
export const ACCOUNT_DISABLED = 'account_disabled';

/**
 * `cursor_reset`: the pull cursor can no longer be served incrementally (HTTP 410, see protocol.ts PULL_CURSOR_RESET).
 * `device_revoked`: an admin or supervisor revoked this device, or an admin disabled the officer.
 * `too_many_requests`: sign-in is throttled (HTTP 429 with Retry-After).
 * `client_too_old`: the endpoint no longer serves this app's revision (HTTP 426, see version.ts).
 */
export type ApiErrorKind =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_request'
  | 'cursor_reset'
  | 'device_revoked'
  | 'too_many_requests'
  | 'client_too_old'
  | 'server'
  | 'invalid_response';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'too_many_requests';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'server';
}

/** The kind of a refused request, from its status and the endpoint's error code. */
export function kindOfAnswer(status: number, code: string | null): ApiErrorKind {
  if (status === 410 && code === PULL_CURSOR_RESET) return 'cursor_reset';
  // A disabled officer's devices do what a revoked device does: push what they can, wipe, sign out.
  if ((status === 401 || status === 403) && (code === DEVICE_REVOKED || code === ACCOUNT_DISABLED)) return 'device_revoked';
  if (status === 426 && code === CLIENT_TOO_OLD) return 'client_too_old';
  return kindOfStatus(status);
}
