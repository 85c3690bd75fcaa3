// The one HTTP client of the endpoint. Used by the Electron main process (which holds the token) and by the
// web bridge; it relies only on the global fetch, so it stays platform-neutral.
import type { z } from 'zod';
import type { AttachmentMeta } from '../domain/model';
import {
  API_PREFIX,
  ATTACHMENT_CHUNK_BYTES,
  UPLOAD_OFFSET_HEADER,
  apiErrorBodySchema,
  attachmentReceiptSchema,
  DEVICE_REVOKED,
  deviceListResponseSchema,
  deviceRevocationSchema,
  formatContentRange,
  healthResponseSchema,
  loginResponseSchema,
  type AttachmentReceipt,
  type ContentRange,
  type DeviceRevocation,
  type DeviceSummary,
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
  PULL_CURSOR_RESET,
  pullEnvelopeSchema,
  pullResponseSchema,
  pushResponseSchema,
  type PullQuery,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../sync/protocol';
import {
  drawViewSchema,
  planDetailSchema,
  planListResponseSchema,
  publicityExportSchema,
  recusalListResponseSchema,
  type CreatePlanRequest,
  type CreateRecusalRequest,
  type DrawView,
  type PlanDetail,
  type PublicityExport,
  type RunDrawRequest,
} from './drawContract';
import { recusalSchema, type Recusal } from '../domain/model';
import { drawFileSchema, type DrawFile } from '../draw/schema';

/**
 * `cursor_reset`: the pull cursor can no longer be served incrementally (HTTP 410, see protocol.ts PULL_CURSOR_RESET).
 * `device_revoked`: an admin or supervisor revoked this device (contract.ts DEVICE_REVOKED).
 */
export type ApiErrorKind =
  'network' | 'unauthorized' | 'forbidden' | 'invalid_request' | 'cursor_reset' | 'device_revoked' | 'server' | 'invalid_response';

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

/** A pull page as the bridges hand it to the renderer: the protocol's answer plus the size of its body in bytes. */
export type ReceivedPullPage = PullResponse & { bytes?: number };

export interface AttachmentUpload {
  sha256: string;
  type: AttachmentMeta['type'];
  bytes: Uint8Array;
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

  /**
   * A pull page, with the size of the answer's body (`bytes`, after decompression) for progress reporting.
   * `checkChanges: false` checks only the page's envelope, for a caller that validates every change itself before
   * using it (the web bridge, whose pages go to the sync worker's PullStore).
   */
  async pull(query: PullQuery, { checkChanges = true }: { checkChanges?: boolean } = {}): Promise<ReceivedPullPage> {
    const params = new URLSearchParams({ cursor: query.cursor ?? '', limit: String(query.limit ?? '') });
    if (query.include) params.set('include', query.include);
    if (query.remaining) params.set('remaining', query.remaining);
    const path = `/sync/pull?${params}`;
    const schema = checkChanges ? pullResponseSchema : pullEnvelopeSchema;
    const { value, bytes } = await this.readSized(await this.send('GET', path, undefined, true), path, schema);
    return { ...(value as PullResponse), bytes };
  }

  push(body: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/sync/push', pushResponseSchema, body, true);
  }

  /** Devices a supervisor's unit used (admins: all), last seen first. */
  async listDevices(): Promise<DeviceSummary[]> {
    return (await this.request('GET', '/devices', deviceListResponseSchema, undefined, true)).devices;
  }

  /** Revokes a device (admins, and supervisors for devices of their unit's officers): its sessions end, its local data is wiped. */
  revokeDevice(deviceId: string): Promise<DeviceRevocation> {
    return this.request('POST', `/devices/${encodeURIComponent(deviceId)}/revoke`, deviceRevocationSchema, {}, true);
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
    return this.request(
      'GET',
      `/publication/export?${queryString({ ...query, format: 'json' })}`,
      publicationExportSchema,
      undefined,
      true,
    );
  }

  async listPlans(): Promise<PlanDetail[]> {
    return (await this.request('GET', '/plans', planListResponseSchema, undefined, true)).plans;
  }

  createPlan(body: CreatePlanRequest): Promise<PlanDetail> {
    return this.request('POST', '/plans', planDetailSchema, body, true);
  }

  async listRecusals(): Promise<Recusal[]> {
    return (await this.request('GET', '/recusals', recusalListResponseSchema, undefined, true)).recusals;
  }

  createRecusal(body: CreateRecusalRequest): Promise<Recusal> {
    return this.request('POST', '/recusals', recusalSchema, body, true);
  }

  runDraw(planId: string, body: RunDrawRequest): Promise<DrawView> {
    return this.request('POST', `${planPath(planId)}/draw`, drawViewSchema, body, true);
  }

  getDraw(planId: string): Promise<DrawView> {
    return this.request('GET', `${planPath(planId)}/draw`, drawViewSchema, undefined, true);
  }

  /** The complete draw file, for auditors and `npm run draw:verify`. */
  getDrawFile(planId: string): Promise<DrawFile> {
    return this.request('GET', `${planPath(planId)}/draw/file`, drawFileSchema, undefined, true);
  }

  /** The publicity export of a drawn plan: public fields only. */
  getPublicity(planId: string): Promise<PublicityExport> {
    return this.request('GET', `${planPath(planId)}/publicity`, publicityExportSchema, undefined, true);
  }

  /**
   * Uploads attachment bytes to their content address; the endpoint checks the hash. Safe to repeat. Bytes larger
   * than one chunk go up in chunks from wherever the endpoint's unfinished upload stands, so an upload cut off by the
   * network resumes on the next call instead of starting over.
   */
  async putAttachment(upload: AttachmentUpload, chunkBytes = ATTACHMENT_CHUNK_BYTES): Promise<AttachmentReceipt> {
    const total = upload.bytes.byteLength;
    if (total <= chunkBytes) return this.putBytes(upload.sha256, upload.type, upload.bytes);
    const presence = await this.attachmentPresence(upload.sha256);
    if (presence === 'stored') return { sha256: upload.sha256, size: total };
    let offset = presence.offset;
    for (;;) {
      const end = Math.min(offset + chunkBytes, total) - 1;
      const receipt = await this.putBytes(upload.sha256, upload.type, upload.bytes.subarray(offset, end + 1), {
        start: offset,
        end,
        total,
      });
      if (receipt.received === undefined) return receipt;
      if (receipt.received <= offset)
        throw new ApiError('invalid_response', `the endpoint did not take the chunk at byte ${offset} of ${upload.sha256}`);
      offset = receipt.received;
    }
  }

  /** Whether the endpoint holds bytes with this sha256. */
  async hasAttachment(sha256: string): Promise<boolean> {
    return (await this.attachmentPresence(sha256)) === 'stored';
  }

  /** The bytes stored under a sha256 (the caller checks them against the hash it asked for). */
  async getAttachment(sha256: string): Promise<Uint8Array> {
    const path = `/attachments/${sha256}`;
    const response = await this.send('GET', path, undefined, true);
    if (!response.ok) throw await errorOf(response);
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new ApiError('network', `the download of ${path} broke off: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stored, or how many bytes of this caller's unfinished upload the endpoint holds (0 from an endpoint that does not resume). */
  private async attachmentPresence(sha256: string): Promise<'stored' | { offset: number }> {
    const response = await this.send('HEAD', `/attachments/${sha256}`, undefined, true);
    if (response.ok) return 'stored';
    if (response.status !== 404)
      throw new ApiError(kindOfStatus(response.status), `cannot check attachment ${sha256} (HTTP ${response.status})`, response.status);
    const offset = Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? 0);
    return { offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0 };
  }

  private async putBytes(
    sha256: string,
    type: AttachmentMeta['type'],
    bytes: Uint8Array,
    range?: ContentRange,
  ): Promise<AttachmentReceipt> {
    const path = `/attachments/${sha256}`;
    const headers: Record<string, string> = range ? { 'content-range': formatContentRange(range) } : {};
    return this.read(await this.send('PUT', path, { body: bytes, contentType: type, headers }, true), path, attachmentReceiptSchema);
  }

  private async request<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body: unknown, authenticated: boolean): Promise<T> {
    const payload = body === undefined ? undefined : { body: JSON.stringify(body), contentType: 'application/json' };
    return this.read(await this.send(method, path, payload, authenticated), path, schema);
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT' | 'HEAD',
    path: string,
    payload: { body: string | Uint8Array; contentType: string; headers?: Record<string, string> } | undefined,
    authenticated: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...payload?.headers };
    if (payload) headers['content-type'] = payload.contentType;
    if (authenticated) {
      const token = await this.options.getToken();
      if (!token) throw new ApiError('unauthorized', 'not signed in');
      headers.authorization = `Bearer ${token}`;
    }
    const doFetch = this.options.fetch ?? fetch;
    try {
      return await doFetch(`${this.options.baseUrl.replace(/\/$/, '')}${API_PREFIX}${path}`, {
        method,
        headers,
        body: payload?.body as RequestInit['body'],
      });
    } catch (error) {
      throw new ApiError('network', `cannot reach the endpoint: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async read<T>(response: Response, path: string, schema: z.ZodType<T>): Promise<T> {
    return (await this.readSized(response, path, schema)).value;
  }

  /** The parsed answer and the size of its body (after any content decoding), for progress in bytes. */
  private async readSized<T>(response: Response, path: string, schema: z.ZodType<T>): Promise<{ value: T; bytes: number }> {
    if (!response.ok) throw await errorOf(response);
    let body: ArrayBuffer;
    try {
      body = await response.arrayBuffer();
    } catch (error) {
      // A body cut off on the way is the network's doing; a whole body that is not JSON is the endpoint's.
      throw new ApiError(
        'network',
        `the answer broke off (HTTP ${response.status}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new ApiError('invalid_response', `unreadable answer (HTTP ${response.status})`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError('invalid_response', `unexpected answer from ${path}: ${parsed.error.message}`);
    return { value: parsed.data, bytes: body.byteLength };
  }
}

/** The ApiError of a refused request, from the endpoint's error body where it has one. */
async function errorOf(response: Response): Promise<ApiError> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return new ApiError(kindOfStatus(response.status), `unreadable answer (HTTP ${response.status})`, response.status);
  }
  const parsed = apiErrorBodySchema.safeParse(json);
  const message = parsed.success ? parsed.data.message : `HTTP ${response.status}`;
  const code = parsed.success ? parsed.data.error : null;
  const kind =
    response.status === 410 && code === PULL_CURSOR_RESET
      ? 'cursor_reset'
      : (response.status === 401 || response.status === 403) && code === DEVICE_REVOKED
        ? 'device_revoked'
        : kindOfStatus(response.status);
  return new ApiError(kind, message, response.status);
}

function queryString(query: Record<string, string | undefined>): URLSearchParams {
  return new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
const planPath = (planId: string) => `/plans/${encodeURIComponent(planId)}`;

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'server';
}
