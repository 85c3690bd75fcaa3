// A seeded endpoint for a suite, with small request helpers for the tests. On a two-instance database (drivers.ts) it
// runs two endpoints, each with its own connection pool and in-memory state, and the helpers take turns between them.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../src/server/app';
import { sql } from 'drizzle-orm';
import { queryRows, type OpenDatabaseOptions, type OpenedDatabase } from '../../../src/server/db/open';
import { hashPassword } from '../../../src/server/auth/password';
import { seedDatabase, type PasswordHasher } from '../../../src/server/services/seed';
import type { DemoDataset } from '../../../src/server/demo/types';
import { pullResponseSchema, type Change, type PushRequest, type PushResponse } from '@shared/sync/protocol';
import { buildFixture, PASSWORD } from './fixture';
import type { DatabaseFactory } from './drivers';

export interface Harness {
  /** The first instance; `apps` holds every one. */
  app: FastifyInstance;
  apps: FastifyInstance[];
  /** The first instance's database handle; `databases` holds every instance's. */
  database: OpenedDatabase;
  databases: OpenedDatabase[];
  /** Where the database lives, to open more connections (PostgreSQL) in concurrency tests. */
  options: OpenDatabaseOptions;
  login(username: string): Promise<string>;
  /** Pulls every page; `include` asks for optional collections (e.g. 'corrections'), as current clients do. */
  pullAll(token: string, limit?: number, cursor?: string, include?: string): Promise<{ changes: Change[]; cursor: string; pages: number }>;
  push(token: string, body: PushRequest): Promise<PushResponse>;
  /** A request to the next instance in turn. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Every instance listening on 127.0.0.1: their base URLs (a fault proxy takes turns between them). */
  listen(): Promise<string[]>;
  close(): Promise<void>;
}

const madeHashes = new Map<string, Promise<string>>();

/**
 * The seed's hasher for the tests: one real hash per password (the product's scrypt cost, verified at every sign-in),
 * shared by every officer seeded with it, rather than one per officer per seed. The seed's own hashing is what the
 * seeding test in app.test.ts runs.
 */
export const hashOnce: PasswordHasher = (password) => {
  if (!madeHashes.has(password)) madeHashes.set(password, hashPassword(password));
  return madeHashes.get(password)!;
};

export async function startHarness(
  fresh: DatabaseFactory,
  dataset: DemoDataset = buildFixture(),
  tokenTtlHours?: number,
): Promise<Harness> {
  const location = await fresh();
  const database = await location.open();
  await seedDatabase(database.db, dataset, undefined, hashOnce);
  const databases = location.instances === 2 ? [database, await location.open()] : [database];
  const apps = await Promise.all(databases.map((opened) => buildApp({ database: opened, tokenTtlHours })));
  let turn = 0;
  const next = () => apps[turn++ % apps.length]!;
  const inject = (options: InjectOptions) => next().inject(options);
  const harness: Harness = {
    app: apps[0]!,
    apps,
    database,
    databases,
    options: location.options,
    request: inject,
    async listen() {
      const urls: string[] = [];
      for (const app of apps) {
        await app.listen({ port: 0, host: '127.0.0.1' });
        urls.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      }
      return urls;
    },
    async close() {
      for (const app of apps) await app.close();
    },
    async login(username) {
      const response = await inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD, deviceId: 'test-device' },
      });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
      return response.json<{ token: string }>().token;
    },
    async pullAll(token, limit = 1000, cursor = '', include = '') {
      const changes: Change[] = [];
      let pages = 0;
      for (;;) {
        const response = await inject({
          method: 'GET',
          url: `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}${include ? `&include=${include}` : ''}`,
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.statusCode !== 200) throw new Error(`pull failed: ${response.body}`);
        // The client validates every record: so do the tests.
        const page = pullResponseSchema.parse(response.json());
        pages += 1;
        changes.push(...(page.changes as Change[]));
        cursor = page.cursor;
        if (!page.hasMore) return { changes, cursor, pages };
        if (pages > 10_000) throw new Error('pull never ends');
      }
    },
    async push(token, body) {
      const response = await inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        payload: body,
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.statusCode !== 200) throw new Error(`push failed (${response.statusCode}): ${response.body}`);
      return response.json<PushResponse>();
    },
  };
  return harness;
}

export const idsOf = (changes: Change[], collection: Change['collection']) =>
  changes
    .filter((c) => c.collection === collection)
    .map((c) => c.id)
    .sort();

/**
 * A fingerprint of every table's full content, the tables read from the database so a new one is never missed: equal
 * fingerprints mean nothing was written. `except` names tables a request may write even so (the audit log).
 */
export async function snapshot(
  database: OpenedDatabase,
  { except = [] }: { except?: readonly string[] } = {},
): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  // One statement for all tables: the fuzz suite takes a fingerprint around each of its many thousand requests.
  const digests = tables
    .filter((table) => !except.includes(table.name))
    .map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM "${name}" x`);
  if (!digests.length) return {};
  const rows = await queryRows<{ name: string; digest: string }>(database.db, sql.raw(digests.join(' UNION ALL ')));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/**
 * The first transaction id not yet given out. Every write takes one, so while it stays the same, no table was written
 * (a refused request that wrote nothing needs no second fingerprint).
 */
export async function writeMark(database: OpenedDatabase): Promise<string> {
  const [row] = await queryRows<{ mark: string }>(database.db, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS mark`);
  return row!.mark;
}
