// Client-facing errors: every 4xx/5xx answer has the ApiErrorBody shape of the contract.
import type { z } from 'zod';
import type { ApiErrorBody } from '../../shared/api/contract';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): ApiErrorBody {
    return this.details ? { error: this.code, message: this.message, details: this.details } : { error: this.code, message: this.message };
  }
}

export function unauthorized(message: string): HttpError {
  return new HttpError(401, 'unauthorized', message);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** Parses with a contract schema; a violation answers 400 listing every issue. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map(describeIssue);
  throw new HttpError(
    400,
    'invalid_request',
    `invalid ${what}: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`,
    details,
  );
}

const ERROR_CODES: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  411: 'length_required',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

export function errorCodeForStatus(status: number): string {
  return ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request');
}
