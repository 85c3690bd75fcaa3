// The HTTP face of the endpoint: the operations of the table, one plugin per domain (routes/), and the renderer.
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_PREFIX, type OperationName } from '@shared/api/operations';
import type { OpenedDatabase } from './db/open';
import { DomainError } from './domain/errors';
import { errorBody, errorCodeForStatus, statusOf } from './http/errors';
import { assertOneHandlerEach, type Endpoint, type NamesOf } from './http/operations';
import { attachmentRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { deviceRoutes } from './routes/devices';
import { intakeRoutes } from './routes/intake';
import { planRoutes } from './routes/plans';
import { reviewRoutes } from './routes/review';
import { syncRoutes } from './routes/sync';

export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export interface BuildAppOptions {
  database: OpenedDatabase;
  /** Folder of the built renderer served at `/`; omitted means API only. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
  tokenTtlHours?: number;
}

const ROUTE_GROUPS = [authRoutes, syncRoutes, attachmentRoutes, deviceRoutes, reviewRoutes, planRoutes, intakeRoutes];
// An operation of the table without a handler in any group is a type error here, naming it (and a startup error).
type Unhandled = Exclude<OperationName, NamesOf<(typeof ROUTE_GROUPS)[number]>>;
const _everyOperationHandled: [Unhandled] extends [never] ? true : `no handler for ${Unhandled}` = true;

const NO_CACHE_FILES = new Set(['index.html', 'sw.js']);

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { database, webRoot } = options;
  // Path parameters are as long as the contract allows and checked by it: a too long one is a 400, not a 414.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT_BYTES, routerOptions: { maxParamLength: 1000 } });

  // Only JSON bodies are accepted: anything else is 415, not a string handed to the routes.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) return reply.code(statusOf(error)).send(errorBody(error));
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

  assertOneHandlerEach(ROUTE_GROUPS);
  const endpoint: Endpoint = {
    db: database.db,
    settings: { tokenTtlHours: options.tokenTtlHours ?? 12, databaseKind: database.kind },
  };
  await app.register(
    async (api) => {
      for (const group of ROUTE_GROUPS) await api.register(group.plugin, endpoint);
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
