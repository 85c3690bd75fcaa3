// The one HTTP client of the endpoint. Used by the Electron main process (which holds the token) and by the
// web bridge; it relies only on the global fetch, so it stays platform-neutral.
import type { z } from 'zod';
import {
  API_PREFIX,
  apiErrorBodySchema,
  healthResponseSchema,
  loginResponseSchema,
  type HealthResponse,
  type LoginRequest,
  type LoginResponse,
} from './contract';
import {
  publicationExportSchema,
  publishResponseSchema,
  reviewActionResponseSchema,
  reviewQueueResponseSchema,
  type PublicationExport,
  type PublicationExportQuery,
  type PublishRequest,
  type PublishResponse,
  type ReturnSectionRequest,
  type ReviewActionResponse,
  type ReviewQueueQuery,
  type ReviewQueueResponse,
} from './review';
import { progressSummarySchema, type ProgressSummary } from '../review/progress';
import {
  pullResponseSchema,
  pushResponseSchema,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../sync/protocol';

export type ApiErrorKind = 'network' | 'unauthorized' | 'forbidden' | 'invalid_request' | 'server' | 'invalid_response';

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

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  health(): Promise<HealthResponse> {
    return this.request('GET', '/health', healthResponseSchema, undefined, false);
  }

  login(body: LoginRequest): Promise<LoginResponse> {
    return this.request('POST', '/auth/login', loginResponseSchema, body, false);
  }

  pull(query: PullQuery): Promise<PullResponse> {
    const params = new URLSearchParams({ cursor: query.cursor ?? '', limit: String(query.limit ?? '') });
    if (query.include) params.set('include', query.include);
    return this.request('GET', `/sync/pull?${params}`, pullResponseSchema, undefined, true) as Promise<PullResponse>;
  }

  push(body: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/sync/push', pushResponseSchema, body, true);
  }

  reviewQueue(query: ReviewQueueQuery): Promise<ReviewQueueResponse> {
    return this.request('GET', `/review/queue?${queryString(query)}`, reviewQueueResponseSchema, undefined, true);
  }

  progress(query: { planId?: string } = {}): Promise<ProgressSummary> {
    return this.request('GET', `/review/progress?${queryString(query)}`, progressSummarySchema, undefined, true);
  }

  approveTask(taskId: string): Promise<ReviewActionResponse> {
    return this.request('POST', `/review/tasks/${encodeURIComponent(taskId)}/approve`, reviewActionResponseSchema, {}, true);
  }

  returnSection(taskId: string, body: ReturnSectionRequest): Promise<ReviewActionResponse> {
    return this.request('POST', `/review/tasks/${encodeURIComponent(taskId)}/return`, reviewActionResponseSchema, body, true);
  }

  publish(body: PublishRequest): Promise<PublishResponse> {
    return this.request('POST', '/publication/publish', publishResponseSchema, body, true);
  }

  /** The publication list as JSON (the CSV form is built from it with publicationCsv). */
  publicationExport(query: Omit<PublicationExportQuery, 'format'>): Promise<PublicationExport> {
    return this.request('GET', `/publication/export?${queryString({ ...query, format: 'json' })}`, publicationExportSchema, undefined, true);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body: unknown,
    authenticated: boolean,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (authenticated) {
      const token = await this.options.getToken();
      if (!token) throw new ApiError('unauthorized', 'not signed in');
      headers.authorization = `Bearer ${token}`;
    }
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${this.options.baseUrl.replace(/\/$/, '')}${API_PREFIX}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError('network', `cannot reach the endpoint: ${error instanceof Error ? error.message : String(error)}`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.ok ? 'invalid_response' : kindOfStatus(response.status), `unreadable answer (HTTP ${response.status})`, response.status);
    }
    if (!response.ok) {
      const parsed = apiErrorBodySchema.safeParse(json);
      const message = parsed.success ? parsed.data.message : `HTTP ${response.status}`;
      throw new ApiError(kindOfStatus(response.status), message, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError('invalid_response', `unexpected answer from ${path}: ${parsed.error.message}`);
    return parsed.data;
  }
}

function queryString(query: Record<string, string | undefined>): URLSearchParams {
  return new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'server';
}
