// What a service refuses, in its own terms: http/errors.ts alone turns a kind into an HTTP status.

export type DomainErrorKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'gone'
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_media'
  | 'too_many_requests';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** The wire code of the answer's `error` field, e.g. `invalid_request`, `device_revoked`, `hash_mismatch`. */
    readonly code: string,
    message: string,
    readonly details?: string[],
    /** When to ask again (a throttled sign-in): the answer's Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message: string) => new DomainError('unauthenticated', 'unauthorized', message);
export const forbidden = (message: string) => new DomainError('forbidden', 'forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', 'not_found', message);
export const conflict = (message: string, details?: string[]) => new DomainError('conflict', 'conflict', message, details);
export const invalid = (message: string, details?: string[]) => new DomainError('invalid', 'invalid_request', message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError('too_many_requests', 'too_many_requests', message, undefined, retryAfterSeconds);
