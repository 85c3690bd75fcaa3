// The HTTP face of the endpoint: the operations of the table, one plugin per domain (routes/), and the renderer.
import path from 'node:path';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_PREFIX, type OperationName } from '@shared/api/operations';
import { contentSecurityPolicyDirectives } from '@shared/security/contentSecurityPolicy';
import {
  CLIENT_REVISION_HEADER,
  CLIENT_TOO_OLD,
  CONTRACT_REVISION,
  ENDPOINT_REVISION_HEADER,
  MIN_CLIENT_REVISION,
  clientRevisionOf,
} from '@shared/api/version';
import type { OpenedDatabase } from './db/open';
import { DomainError } from './domain/errors';
import { LoginThrottle } from './auth/loginThrottle';
import { errorBody, errorCodeForStatus, statusOf } from './http/errors';
import { assertOneHandlerEach, type Endpoint, type NamesOf } from './http/operations';
import { attachmentRoutes } from './routes/attachments';
import { adminRoutes } from './routes/admin';
import { attestationRoutes } from './routes/attestations';
import { auditRoutes } from './routes/audit';
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
  /** Fastify's trustProxy: whether (or which) proxies' X-Forwarded-For names the client (TRUST_PROXY). */
  trustProxy?: boolean | number | string[];
  /** Folder of the audit chain's daily head exports, shown on the admin screen. */
  auditHeadFolder?: string;
  loginThrottle?: LoginThrottle;
  /** Map tile origins the browser host's Content-Security-Policy admits (TILE_ORIGINS). */
  tileOrigins?: readonly string[];
  /** The oldest app revision served (MIN_CLIENT_REVISION unless a test says otherwise). */
  minClientRevision?: number;
  /** PEM certificate and key: served over HTTPS only, and browsers are told to keep to it (HSTS). */
  tls?: { cert: Buffer; key: Buffer };
}

/** A year, as browsers' preload lists ask. */
const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

const ROUTE_GROUPS = [
  authRoutes,
  syncRoutes,
  attachmentRoutes,
  attestationRoutes,
  deviceRoutes,
  reviewRoutes,
  planRoutes,
  adminRoutes,
  auditRoutes,
  intakeRoutes,
];

// An operation of the table without a handler in any group is a type error here, naming it (and a startup error).
type Unhandled = Exclude<OperationName, NamesOf<(typeof ROUTE_GROUPS)[number]>>;
const _everyOperationHandled: [Unhandled] extends [never] ? true : `no handler for ${Unhandled}` = true;

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const NO_CACHE_FILES = new Set(['index.html', 'sw.js']);

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { database, webRoot } = options;
  // Path parameters are as long as the contract allows and checked by it: a too long one is a 400, not a 414.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 1000 },
    // A number is the count of proxies in front: trust that many hops (what Fastify does with a number, typed as a function).
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    ...(options.tls ? { https: options.tls } : {}),
  });

  // Only JSON bodies are accepted: anything else is 415, not a string handed to the routes.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', error.retryAfterSeconds);
      return reply.code(statusOf(error)).send(errorBody(error));
    }
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
  // Every answer carries the security headers, the renderer's pages the same policy as in Electron (one definition).
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives({ tileOrigins: options.tileOrigins }) },
    strictTransportSecurity: options.tls ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: true } : false,
    // Browsers may keep the endpoint's address out of referrers to tile servers.
    referrerPolicy: { policy: 'no-referrer' },
  });

  // Every answer says which contract revision the endpoint speaks; an app older than it serves is told so (426).
  const minClientRevision = options.minClientRevision ?? MIN_CLIENT_REVISION;
  app.addHook('onRequest', async (request, reply) => {
    reply.header(ENDPOINT_REVISION_HEADER, String(CONTRACT_REVISION));
    if (!request.url.startsWith(`${API_PREFIX}/`)) return;
    const revision = clientRevisionOf(request.headers[CLIENT_REVISION_HEADER]);
    if (revision >= minClientRevision) return;
    return reply.code(426).send({
      error: CLIENT_TOO_OLD,
      message: `this app speaks revision ${revision} of the endpoint's contract; the endpoint needs ${minClientRevision} or later: install the current version of OneVisit (unsent work stays on this machine)`,
    });
  });

  assertOneHandlerEach(ROUTE_GROUPS);
  const endpoint: Endpoint = {
    db: database.db,
    settings: { tokenTtlHours: options.tokenTtlHours ?? 12, databaseKind: database.kind, auditHeadFolder: options.auditHeadFolder },
    loginThrottle: options.loginThrottle ?? new LoginThrottle(),
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
      // The build writes a brotli file beside each asset (see electron.vite.config.ts); others are compressed on the fly.
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        // A precompressed file's path is the brotli file's.
        if (NO_CACHE_FILES.has(path.basename(filePath).replace(/\.br$/, ''))) reply.header('cache-control', 'no-cache');
      },
    });
  }

  return app;
}
