// The HTTP face of the endpoint. Routes stay thin: parse with the contract's zod schemas, call a service, answer.
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  API_PREFIX,
  UPLOAD_OFFSET_HEADER,
  deviceIdParamsSchema,
  loginRequestSchema,
  parseContentRange,
  type HealthResponse,
} from '../shared/api/contract';
import {
  progressQuerySchema,
  publicationCsv,
  publicationExportQuerySchema,
  publishRequestSchema,
  returnSectionRequestSchema,
  reviewQueueQuerySchema,
  taskIdParamsSchema,
} from '../shared/api/review';
import { includedCollections, pullQuerySchema, pushRequestSchema } from '../shared/sync/protocol';
import type { OpenedDatabase } from './db/open';
import { HttpError, errorCodeForStatus, parseRequest } from './http/errors';
import { createPlanRequestSchema, createRecusalRequestSchema, runDrawRequestSchema } from '../shared/api/drawContract';
import { authenticate, login } from './services/auth';
import { listDevices, revokeDevice } from './services/devices';
import { getDrawFile, getDrawView, getPublicity, runPlanDraw } from './services/draws';
import { addRecusal, createPlan, listPlans, listRecusals } from './services/plans';
import { pullChanges, pullPageJson } from './services/pull';
import { pushMutations } from './services/push';
import { approveTask, publicationExport, publishTasks, returnSection, reviewQueue, unitProgress } from './services/review';
import {
  attachmentInfo,
  isAttachmentType,
  readAttachment,
  storeAttachment,
  storeAttachmentChunk,
  unfinishedUploadOffset,
} from './services/attachments';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, sha256Schema } from '../shared/domain/model';

export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface BuildAppOptions {
  database: OpenedDatabase;
  /** Folder of the built renderer served at `/`; omitted means API only. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
  tokenTtlHours?: number;
}

const NO_CACHE_FILES = new Set(['index.html', 'sw.js']);

/** Query values sent empty (e.g. `limit=`) count as absent, so the contract's defaults apply. */
function withoutEmptyValues(query: unknown): Record<string, unknown> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { database, webRoot } = options;
  const { db } = database;
  const tokenTtlHours = options.tokenTtlHours ?? 12;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT_BYTES });

  // Only JSON bodies are accepted: anything else is 415, not a string handed to the routes.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(error.body());
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
    if (status >= 400 && status < 500) {
      const message =
        status === 415
          ? `request bodies must be JSON: send Content-Type: application/json (got ${request.headers['content-type'] ?? 'none'})`
          : error instanceof Error
            ? error.message
            : String(error);
      return reply.code(status).send({ error: errorCodeForStatus(status), message });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: 'internal_error', message: 'the endpoint failed unexpectedly; the error was logged' });
  });

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isApi = pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`) || pathname.startsWith('/api/');
    if (webRoot && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    const allowed = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].filter((method) => app.hasRoute({ method, url: pathname }));
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return reply
        .code(405)
        .send({ error: 'method_not_allowed', message: `${request.method} is not allowed on ${pathname}; use ${allowed.join(' or ')}` });
    }
    return reply.code(404).send({ error: 'not_found', message: `no such endpoint: ${request.method} ${pathname}` });
  });

  await app.register(compress, { global: true });

  await app.register(
    async (api) => {
      api.get('/health', async (): Promise<HealthResponse> => {
        await db.execute(sql`SELECT 1`);
        return { status: 'ok', db: database.kind };
      });

      api.post('/auth/login', async (request) => {
        const body = parseRequest(loginRequestSchema, request.body, 'login request');
        return login(db, body, tokenTtlHours);
      });

      api.get('/sync/pull', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization);
        const query = parseRequest(pullQuerySchema, withoutEmptyValues(request.query), 'pull query');
        const page = await pullChanges(db, officer, query.cursor, query.limit, includedCollections(query.include), {
          remaining: query.remaining === '1',
        });
        // A string body: @fastify/compress compresses it like any other response when the client accepts it.
        return reply.type('application/json; charset=utf-8').send(pullPageJson(page));
      });

      api.post('/sync/push', async (request) => {
        // A revoked device may still deliver its queued work (services/devices.ts).
        const officer = await authenticate(db, request.headers.authorization, { upload: true });
        const body = parseRequest(pushRequestSchema, request.body, 'push request');
        return pushMutations(db, officer, body);
      });

      api.get('/devices', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        return listDevices(db, officer);
      });

      api.post('/devices/:deviceId/revoke', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        const { deviceId } = parseRequest(deviceIdParamsSchema, request.params, 'device id');
        return revokeDevice(db, officer, deviceId);
      });

      // Review and publication: supervisors of the plan's unit (services/review.ts enforces role and unit).
      api.get('/review/queue', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        const query = parseRequest(reviewQueueQuerySchema, withoutEmptyValues(request.query), 'review queue query');
        return reviewQueue(db, officer, query);
      });

      api.get('/review/progress', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        const query = parseRequest(progressQuerySchema, withoutEmptyValues(request.query), 'progress query');
        return unitProgress(db, officer, query);
      });

      api.post('/review/tasks/:taskId/approve', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        const { taskId } = parseRequest(taskIdParamsSchema, request.params, 'task id');
        return approveTask(db, officer, taskId);
      });

      api.post('/review/tasks/:taskId/return', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        const { taskId } = parseRequest(taskIdParamsSchema, request.params, 'task id');
        const body = parseRequest(returnSectionRequestSchema, request.body, 'return request');
        return returnSection(db, officer, taskId, body);
      });

      api.post('/publication/publish', async (request) => {
        const officer = await authenticate(db, request.headers.authorization);
        const body = parseRequest(publishRequestSchema, request.body, 'publish request');
        return publishTasks(db, officer, body.taskIds);
      });

      api.get('/publication/export', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization);
        const query = parseRequest(publicationExportQuerySchema, withoutEmptyValues(request.query), 'export query');
        const list = await publicationExport(db, officer, query);
        if (query.format === 'json') return list;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="publication-${list.generatedAt.slice(0, 10)}.csv"`)
          .send(publicationCsv(list));
      });

      // Plans, recusals and draws: supervisors of the unit only (enforced by the services).
      api.get('/plans', async (request) => ({ plans: await listPlans(db, await authenticate(db, request.headers.authorization)) }));

      api.post('/plans', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization);
        const body = parseRequest(createPlanRequestSchema, request.body, 'plan');
        return reply.code(201).send(await createPlan(db, officer, body));
      });

      api.get('/recusals', async (request) => ({
        recusals: await listRecusals(db, await authenticate(db, request.headers.authorization)),
      }));

      api.post('/recusals', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization);
        const body = parseRequest(createRecusalRequestSchema, request.body, 'recusal');
        return reply.code(201).send(await addRecusal(db, officer, body));
      });

      api.post<{ Params: { planId: string } }>('/plans/:planId/draw', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization);
        const body = parseRequest(runDrawRequestSchema, request.body, 'draw request');
        return reply.code(201).send(await runPlanDraw(db, officer, request.params.planId, body));
      });

      api.get<{ Params: { planId: string } }>('/plans/:planId/draw', async (request) =>
        getDrawView(db, await authenticate(db, request.headers.authorization), request.params.planId),
      );

      api.get<{ Params: { planId: string } }>('/plans/:planId/draw/file', async (request) =>
        getDrawFile(db, await authenticate(db, request.headers.authorization), request.params.planId),
      );

      api.get<{ Params: { planId: string } }>('/plans/:planId/publicity', async (request) =>
        getPublicity(db, await authenticate(db, request.headers.authorization), request.params.planId),
      );
      // Attachment bytes travel as raw image bodies, never inside JSON. Only this scope parses them.
      api.addContentTypeParser([...ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) =>
        done(null, body),
      );
      const attachmentParams = z.object({ sha256: sha256Schema });

      api.put('/attachments/:sha256', { bodyLimit: ATTACHMENT_MAX_BYTES }, async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization, { upload: true });
        const { sha256 } = parseRequest(attachmentParams, request.params, 'attachment address');
        const contentType = request.headers['content-type']?.split(';')[0]?.trim();
        if (!isAttachmentType(contentType) || !Buffer.isBuffer(request.body)) {
          throw new HttpError(
            415,
            'unsupported_media_type',
            `attachments are sent as raw bytes with Content-Type ${ATTACHMENT_TYPES.join(', ')}`,
          );
        }
        // A chunk of a resumable upload names its place in the whole (see UPLOAD_OFFSET_HEADER in the contract).
        const rangeHeader = request.headers['content-range'];
        const range = rangeHeader === undefined ? null : parseContentRange(rangeHeader);
        if (rangeHeader !== undefined && !range)
          throw new HttpError(400, 'invalid_request', 'Content-Range must read "bytes start-end/total" with start ≤ end < total');
        const { created, ...receipt } = range
          ? await storeAttachmentChunk(db, officer, sha256, contentType, range, request.body)
          : await storeAttachment(db, officer, sha256, contentType, request.body);
        if (receipt.received !== undefined) reply.header(UPLOAD_OFFSET_HEADER, receipt.received);
        return reply.code(created ? 201 : 200).send(receipt);
      });

      api.head('/attachments/:sha256', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization, { upload: true });
        const { sha256 } = parseRequest(attachmentParams, request.params, 'attachment address');
        const info = await attachmentInfo(db, sha256);
        if (!info)
          return reply
            .code(404)
            .header(UPLOAD_OFFSET_HEADER, await unfinishedUploadOffset(db, officer, sha256))
            .send();
        return reply.header('content-type', info.contentType).header('content-length', info.size).code(200).send();
      });

      api.get('/attachments/:sha256', async (request, reply) => {
        const officer = await authenticate(db, request.headers.authorization);
        const { sha256 } = parseRequest(attachmentParams, request.params, 'attachment address');
        const found = await readAttachment(db, officer, sha256);
        if (!found) throw new HttpError(404, 'not_found', `no attachment ${sha256}`);
        // Content-addressed bytes never change.
        return reply
          .header('content-type', found.contentType)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .send(found.bytes);
      });
    },
    { prefix: API_PREFIX },
  );

  if (webRoot) {
    await app.register(fastifyStatic, {
      root: path.resolve(webRoot),
      prefix: '/',
      setHeaders: (reply, filePath) => {
        if (NO_CACHE_FILES.has(path.basename(filePath))) reply.header('cache-control', 'no-cache');
      },
    });
  }

  return app;
}
