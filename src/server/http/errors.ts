// The one place where refusals become HTTP answers: every 4xx/5xx answer has the ApiErrorBody shape of the contract.
import type { z } from 'zod';
import type { ApiErrorBody } from '@shared/api/errors';
import { DomainError, invalid, type DomainErrorKind } from '../domain/errors';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media: 415,
  unprocessable: 422,
  too_many_requests: 429,
};

export function statusOf(error: DomainError): number {
  return STATUS_OF_KIND[error.kind];
}

export function errorBody(error: DomainError): ApiErrorBody {
  return error.details
    ? { error: error.code, message: error.message, details: error.details }
    : { error: error.code, message: error.message };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** Parses with a contract schema; a violation is `invalid` (400) listing every issue. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map(describeIssue);
  throw invalid(`invalid ${what}: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`, details);
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
