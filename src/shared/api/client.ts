// The one HTTP client of the endpoint, derived from the table of operations. Used by the Electron main process (which
// holds the token), by the web bridge and by tests; it relies only on the global fetch, so it stays platform-neutral.
import type { z } from 'zod';
import { pullEnvelopeSchema, type PullQuery, type PullResponse } from '../sync/protocol';
import {
  ATTACHMENT_CHUNK_BYTES,
  UPLOAD_OFFSET_HEADER,
  formatContentRange,
  type AttachmentReceipt,
  type AttachmentUpload,
  type ContentRange,
} from './attachments';
import { ApiError, apiErrorBodySchema, kindOfAnswer, kindOfStatus } from './errors';
import { CLIENT_REVISION_HEADER, CONTRACT_REVISION } from './version';
import {
  intakeContentType,
  throttledProgress,
  type IntakeSourceFile,
  type IntakeUploadProgress,
  type IntakeUploadResult,
} from './intakeUpload';
import {
  INTAKE_FILE_NAME_HEADER,
  type IntakeBatchResponse,
  type IntakeReturnsFileQuery,
  type IntakeUploadBody,
  type IntakeUploadQuery,
} from './intake';
import {
  API_PREFIX,
  operationPath,
  operations,
  type InputArgs,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type OperationRow,
} from './operations';

export { ApiError, type ApiErrorKind } from './errors';

/** A pull page as the bridges hand it to the renderer: the protocol's answer plus the size of its body in bytes. */
export type ReceivedPullPage = PullResponse & { bytes?: number };

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => string | null | Promise<string | null>;
  /**
   * The endpoint refused the token (expired or unknown): the host forgets its session so the app asks for a new
   * sign-in. Not called for a revoked device: the app wipes and signs out itself, and until then the token can still
   * deliver queued work.
   */
  onSessionRefused?: () => void | Promise<void>;
  fetch?: typeof fetch;
  /**
   * How a request body goes with upload progress (an intake file). By default fetch over a stream that counts the
   * bytes as fetch reads them (Node, Electron main); a browser streams a request body only over HTTP/2, so the web
   * bridge sends through XMLHttpRequest instead.
   */
  upload?: UploadTransport;
}

/** A fetch that reports the bytes of the request body sent so far. */
export type UploadTransport = (url: string, init: RequestInit, onSent: (bytes: number) => void) => Promise<Response>;

type Payload = { body: string | IntakeUploadBody; contentType: string; headers?: Record<string, string> };

/** A file for the intake: its bytes (a Blob or a stream is sent as it is read), media type and name. */
export interface IntakeFile {
  body: IntakeUploadBody;
  /** One of INTAKE_MEDIA_TYPES, with `; charset=gb18030` for a GB18030 CSV. */
  contentType: string;
  fileName: string;
}

/** A downloaded file: its bytes, media type and the name the endpoint suggests. */
export interface DownloadedFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  /** Calls one operation of the table: its input as the row describes it, its answer checked against the row's output. */
  async call<N extends OperationName>(name: N, ...[input]: InputArgs<OperationInput<N>>): Promise<OperationOutput<N>> {
    const row: OperationRow = operations[name];
    const { params, query, body } = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    const path = withQuery(operationPath(name, params), query);
    const payload = body === undefined && row.method === 'POST' ? {} : body;
    const json = payload === undefined ? undefined : { body: JSON.stringify(payload), contentType: 'application/json' };
    const response = await this.send(row, path, json);
    return (await this.readSized(response, path, row.output as z.ZodType<OperationOutput<N>>)).value;
  }

  /**
   * Ends the session on the endpoint (`auth.logout`) before the host forgets its token. Signing out must work offline
   * and with a token the endpoint no longer takes, so a failure only leaves the token to expire there: never throws.
   */
  async endSession(): Promise<void> {
    try {
      await this.call('auth.logout');
    } catch (error) {
      console.warn(`[session] the endpoint did not end the session: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * A pull page, with the size of the answer's body (`bytes`, after decompression) for progress reporting.
   * `checkChanges: false` checks only the page's envelope, for a caller that validates every change itself before
   * using it (the web bridge, whose pages go to the sync worker's PullStore).
   */
  async pull(query: PullQuery, { checkChanges = true }: { checkChanges?: boolean } = {}): Promise<ReceivedPullPage> {
    const row = operations['sync.pull'];
    const path = withQuery(row.path, {
      cursor: query.cursor ?? '',
      limit: query.limit ?? '',
      include: query.include,
      remaining: query.remaining,
      snapshot: query.snapshot,
    });
    const schema = checkChanges ? row.output : pullEnvelopeSchema;
    const { value, bytes } = await this.readSized(await this.send(row, path, undefined), path, schema);
    return { ...(value as PullResponse), bytes };
  }

  /**
   * Uploads attachment bytes to their content address; the endpoint checks the hash. Safe to repeat. Bytes larger
   * than one chunk go up in chunks from wherever the endpoint's unfinished upload stands, so an upload cut off by the
   * network resumes on the next call instead of starting over.
   */
  async putAttachment(upload: AttachmentUpload, chunkBytes = ATTACHMENT_CHUNK_BYTES): Promise<AttachmentReceipt> {
    const total = upload.bytes.byteLength;
    if (total <= chunkBytes) return this.putBytes(upload, upload.bytes);
    const presence = await this.attachmentPresence(upload.sha256);
    if (presence === 'stored') return { sha256: upload.sha256, size: total };
    let offset = presence.offset;
    for (;;) {
      const end = Math.min(offset + chunkBytes, total) - 1;
      const receipt = await this.putBytes(upload, upload.bytes.subarray(offset, end + 1), { start: offset, end, total });
      if (receipt.received === undefined) return receipt;
      if (receipt.received <= offset)
        throw new ApiError('invalid_response', `the endpoint did not take the chunk at byte ${offset} of ${upload.sha256}`);
      offset = receipt.received;
    }
  }

  /** The bytes stored under a sha256 (the caller checks them against the hash it asked for). */
  getAttachment(sha256: string): Promise<Uint8Array> {
    return this.download('attachments.get', sha256);
  }

  /** A snapshot chunk's bytes, their parts compressed (snapshotChunk.ts); the store checks them against their address. */
  getSnapshotChunk(sha256: string): Promise<Uint8Array> {
    return this.download('sync.snapshotChunk', sha256);
  }

  private async download(name: 'attachments.get' | 'sync.snapshotChunk', sha256: string): Promise<Uint8Array> {
    const path = operationPath(name, { sha256 });
    const response = await this.send(operations[name], path, undefined);
    if (!response.ok) throw await this.refusal(response);
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new ApiError('network', `the download of ${path} broke off: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Uploads a department's file to the intake (`intake.upload`): the body goes out as it is read, never parsed or held
   * whole here. The answer is the checked batch.
   */
  async uploadIntakeBatch(query: IntakeUploadQuery, file: IntakeFile, onSent?: (bytes: number) => void): Promise<IntakeBatchResponse> {
    const row = operations['intake.upload'];
    const path = withQuery(row.path, query);
    const headers = { [INTAKE_FILE_NAME_HEADER]: encodeURIComponent(file.fileName) };
    const response = await this.send(row, path, { body: file.body, contentType: file.contentType, headers }, onSent);
    return (await this.readSized(response, path, row.output)).value;
  }

  /**
   * A department's file as the officer picked it, uploaded with progress: its Content-Type from its name and first
   * bytes (a CSV's encoding), refused before any byte goes when the upload does not take it.
   */
  async uploadIntakeFile(
    query: IntakeUploadQuery,
    file: IntakeSourceFile,
    onProgress?: (progress: IntakeUploadProgress) => void,
  ): Promise<IntakeUploadResult> {
    const { fileName, size: totalBytes, body } = file;
    let contentType: string;
    try {
      contentType = intakeContentType(fileName, file.head);
    } catch (error) {
      if (body instanceof ReadableStream) await body.cancel();
      throw error;
    }
    const report = onProgress && throttledProgress(onProgress);
    const sent = (sentBytes: number) => report?.({ fileName, sentBytes, totalBytes });
    sent(0);
    const { batch } = await this.uploadIntakeBatch(query, { body, contentType, fileName }, sent);
    return { fileName, batch };
  }

  /** The open returns of a department and kind as a template file with a problems column (`intake.returnsFile`). */
  async intakeReturnsFile(query: IntakeReturnsFileQuery): Promise<DownloadedFile> {
    const row = operations['intake.returnsFile'];
    const path = withQuery(row.path, query);
    const response = await this.send(row, path, undefined);
    if (!response.ok) throw await this.refusal(response);
    const disposition = response.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      fileName: encoded ? decodeURIComponent(encoded) : `returns.${query.format ?? 'xlsx'}`,
    };
  }

  /** Stored, or how many bytes of this caller's unfinished upload the endpoint holds (0 from an endpoint that does not resume). */
  private async attachmentPresence(sha256: string): Promise<'stored' | { offset: number }> {
    const row = operations['attachments.head'];
    const response = await this.send(row, operationPath('attachments.head', { sha256 }), undefined);
    if (response.ok) return 'stored';
    if (response.status !== 404) {
      throw await this.ended(
        new ApiError(kindOfStatus(response.status), `cannot check attachment ${sha256} (HTTP ${response.status})`, response.status),
      );
    }
    const offset = Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? 0);
    return { offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0 };
  }

  private async putBytes(upload: AttachmentUpload, bytes: Uint8Array, range?: ContentRange): Promise<AttachmentReceipt> {
    const row = operations['attachments.put'];
    const path = operationPath('attachments.put', { sha256: upload.sha256 });
    const headers: Record<string, string> = range ? { 'content-range': formatContentRange(range) } : {};
    const response = await this.send(row, path, { body: bytes, contentType: upload.type, headers });
    return (await this.readSized(response, path, row.output)).value;
  }

  /** `onSent`: the body goes through the upload transport, which reports its bytes as they go. */
  private async send(row: OperationRow, path: string, payload: Payload | undefined, onSent?: (bytes: number) => void): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      [CLIENT_REVISION_HEADER]: String(CONTRACT_REVISION),
      ...payload?.headers,
    };
    if (payload) headers['content-type'] = payload.contentType;
    if (row.access !== 'none') {
      const token = await this.options.getToken();
      if (!token) throw new ApiError('unauthorized', 'not signed in');
      headers.authorization = `Bearer ${token}`;
    }
    const doFetch = onSent ? this.uploadTransport(onSent) : (this.options.fetch ?? fetch);
    try {
      const streamed = typeof ReadableStream !== 'undefined' && payload?.body instanceof ReadableStream;
      return await doFetch(`${this.options.baseUrl.replace(/\/$/, '')}${API_PREFIX}${path}`, {
        method: row.method,
        headers,
        body: payload?.body as RequestInit['body'],
        // A stream body needs half duplex (fetch's rule for request streams).
        ...(streamed ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw new ApiError('network', `cannot reach the endpoint: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private uploadTransport(onSent: (bytes: number) => void): (url: string, init: RequestInit) => Promise<Response> {
    const { upload, fetch: doFetch = fetch } = this.options;
    if (upload) return (url, init) => upload(url, init, onSent);
    return (url, init) => doFetch(url, { ...init, body: countedStream(init.body, onSent), duplex: 'half' } as RequestInit);
  }

  /** The parsed answer and the size of its body (after any content decoding), for progress in bytes. */
  private async readSized<T>(response: Response, path: string, schema: z.ZodType<T>): Promise<{ value: T; bytes: number }> {
    if (!response.ok) throw await this.refusal(response);
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

  /** The ApiError of a refused request, from the endpoint's error body where it has one; a refused token ends the session. */
  private async refusal(response: Response): Promise<ApiError> {
    let json: unknown;
    let error: ApiError;
    try {
      json = await response.json();
      const parsed = apiErrorBodySchema.safeParse(json);
      const message = parsed.success ? parsed.data.message : `HTTP ${response.status}`;
      error = new ApiError(kindOfAnswer(response.status, parsed.success ? parsed.data.error : null), message, response.status);
    } catch {
      error = new ApiError(kindOfStatus(response.status), `unreadable answer (HTTP ${response.status})`, response.status);
    }
    return this.ended(error);
  }

  /** A refused token ends the session (written once, for every call). */
  private async ended(error: ApiError): Promise<ApiError> {
    if (error.kind === 'unauthorized') await this.options.onSessionRefused?.();
    return error;
  }
}

/** The body as a stream that counts the bytes read from it (by fetch, as it sends them). */
function countedStream(body: RequestInit['body'], onSent: (bytes: number) => void): ReadableStream<Uint8Array> {
  const source = body instanceof ReadableStream ? (body as ReadableStream<Uint8Array>) : new Response(body).body;
  if (!source) throw new ApiError('invalid_request', 'an upload needs a body');
  let sent = 0;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        onSent(sent);
        controller.enqueue(chunk);
      },
    }),
  );
}

/** The path with its query; values left out or sent empty are omitted, so the row's defaults apply. */
function withQuery(path: string, query: Record<string, unknown> | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (entries.length === 0) return path;
  return `${path}?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)]))}`;
}
