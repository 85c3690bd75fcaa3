// Routes from the table of operations (src/shared/api/operations.ts): each row's method and URL, the caller
// authenticated by its access, its params, query and body parsed with its schemas, then its handler with a request
// context.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  OPERATION_NAMES,
  operations,
  type OperationName,
  type OperationOutput,
  type OperationRow,
  type Operations,
  type ParsedInput,
} from '@shared/api/operations';
import type { Officer } from '@shared/domain/model';
import type { Database, OpenedDatabase } from '../db/open';
import type { LoginThrottle } from '../auth/loginThrottle';
import { authenticate } from '../services/auth';
import { parseRequest } from './errors';

export interface EndpointSettings {
  tokenTtlHours: number;
  databaseKind: OpenedDatabase['kind'];
  /** Where the audit chain's head is exported daily (services/audit.ts); unset when the endpoint has no data folder. */
  auditHeadFolder?: string;
}

export interface AnonymousContext {
  db: Database;
  /** The caller's address: the proxy's X-Forwarded-For only when TRUST_PROXY says to trust it (Fastify's trustProxy). */
  clientAddress: string;
  settings: EndpointSettings;
  loginThrottle: LoginThrottle;
}

export interface SignedInContext extends AnonymousContext {
  officer: Officer;
  /** The device the session was opened on. */
  deviceId: string;
  sessionId: string;
}

export type ContextOf<N extends OperationName> = Operations[N]['access'] extends 'none' ? AnonymousContext : SignedInContext;

/** A `raw` row's body is bytes its handler checks itself (content type first), so the registrar leaves it alone. */
export type HandlerInput<N extends OperationName> = Operations[N] extends { raw: true } ? Omit<ParsedInput<N>, 'body'> : ParsedInput<N>;

/** An answer beyond the row's output and status: pre-serialised text, a download, bytes, headers, its own status. */
export class RawReply {
  constructor(
    /** Sent as Fastify sends it: a string or bytes as they are, an object as JSON. */
    readonly body: unknown,
    readonly headers: Record<string, string | number> = {},
    readonly status?: number,
  ) {}
}

type Part = 'params' | 'query' | 'body';

export interface Handler<N extends OperationName> {
  /** What a 400 calls each part, e.g. `push request` in "invalid push request: …". */
  names?: Partial<Record<Part, string>>;
  bodyLimit?: number;
  handle(context: ContextOf<N>, input: HandlerInput<N>, request: FastifyRequest): Promise<OperationOutput<N> | RawReply>;
}

export type Handlers<N extends OperationName> = { [K in N]: Handler<K> };

/** What every group's plugin is registered with. */
export interface Endpoint {
  db: Database;
  settings: EndpointSettings;
  loginThrottle: LoginThrottle;
}

/** Query values sent empty (e.g. `limit=`) count as absent, so the contract's defaults apply. */
function withoutEmptyValues(query: unknown): Record<string, unknown> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

function parseInput(name: OperationName, row: OperationRow, handler: Handler<OperationName>, request: FastifyRequest) {
  const what = (part: Part) => handler.names?.[part] ?? `${part} of ${name}`;
  const input: Partial<Record<Part, unknown>> = {};
  if (row.params) input.params = parseRequest(row.params, request.params, what('params'));
  if (row.query) input.query = parseRequest(row.query, withoutEmptyValues(request.query), what('query'));
  if (row.body && !row.raw) input.body = parseRequest(row.body, request.body, what('body'));
  return input;
}

/** Registers the rows of one group. */
function registerOperations<N extends OperationName>(api: FastifyInstance, endpoint: Endpoint, handlers: Handlers<N>): void {
  for (const name of Object.keys(handlers) as N[]) {
    const row: OperationRow = operations[name];
    const handler = handlers[name] as unknown as Handler<OperationName>;
    api.route({
      method: row.method,
      url: row.path,
      ...(handler.bodyLimit === undefined ? {} : { bodyLimit: handler.bodyLimit }),
      handler: async (request, reply) => {
        const base = { db: endpoint.db, clientAddress: request.ip, settings: endpoint.settings, loginThrottle: endpoint.loginThrottle };
        // The endpoint's only authentication, by the row's access, before the input is looked at: a revoked device
        // hears `device_revoked` whatever it sent, and strangers learn nothing of the contract.
        const context =
          row.access === 'none'
            ? base
            : {
                ...base,
                ...(await authenticate(endpoint.db, request.headers.authorization, {
                  upload: row.access === 'upload',
                  beforePasswordChange: row.beforePasswordChange === true,
                })),
              };
        const input = parseInput(name, row, handler, request);
        const output = await handler.handle(context as SignedInContext, input as never, request);
        if (!(output instanceof RawReply)) return reply.code(row.status ?? 200).send(output);
        reply.headers(output.headers);
        return reply.code(output.status ?? row.status ?? 200).send(output.body);
      },
    });
  }
}

/** The operations of one domain and the plugin that registers them; `setup` adds what its rows need (a body parser). */
export interface OperationGroup<N extends OperationName> {
  names: readonly N[];
  plugin(api: FastifyInstance, endpoint: Endpoint): Promise<void>;
}

export function operationGroup<N extends OperationName>(handlers: Handlers<N>, setup?: (api: FastifyInstance) => void): OperationGroup<N> {
  return {
    names: Object.keys(handlers) as N[],
    async plugin(api, endpoint) {
      setup?.(api);
      registerOperations(api, endpoint, handlers);
    },
  };
}

export type NamesOf<G> = G extends OperationGroup<infer N> ? N : never;

/** Every row of the table has exactly one handler among the groups: checked before any is registered. */
export function assertOneHandlerEach(groups: readonly OperationGroup<OperationName>[]): void {
  const names = groups.flatMap((group) => group.names);
  const twice = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (twice.length > 0) throw new Error(`operations with two handlers: ${twice.join(', ')}`);
  const missing = OPERATION_NAMES.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`operations without a handler: ${missing.join(', ')}`);
}
