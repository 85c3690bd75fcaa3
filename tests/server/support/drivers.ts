// Runs a suite against every storage driver: PGlite in a fresh temp folder, and real PostgreSQL (a fresh database per
// call) when the global setup provides one; otherwise the PostgreSQL variant reports skipped with the reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject } from 'vitest';
import { openDatabase, type DatabaseKind, type OpenedDatabase, type OpenDatabaseOptions } from '../../../src/server/db/open';

export interface FreshDatabase {
  options: OpenDatabaseOptions;
  open(): Promise<OpenedDatabase>;
}

/** A new empty database location (not opened yet); removed after the suite. */
export type DatabaseFactory = () => Promise<FreshDatabase>;

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function trackingFactory(kind: DatabaseKind, adminUrl: string): DatabaseFactory {
  const opened: OpenedDatabase[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close().catch(() => {});
    for (const cleanup of cleanups) await cleanup();
  });
  return async () => {
    let options: OpenDatabaseOptions;
    if (kind === 'pglite') {
      const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-pglite-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      options = { dataDir: dir };
    } else {
      const name = `onevisit_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      cleanups.push(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      options = { databaseUrl: url.toString() };
    }
    return {
      options,
      open: async () => {
        const database = await openDatabase(options);
        opened.push(database);
        return database;
      },
    };
  };
}

export function describeEachDriver(title: string, body: (fresh: DatabaseFactory, kind: DatabaseKind) => void): void {
  describe(`${title} [PGlite]`, () => body(trackingFactory('pglite', ''), 'pglite'));
  const adminUrl = inject('postgresAdminUrl');
  const reason = inject('postgresSkipReason');
  describe.skipIf(!adminUrl)(`${title} [PostgreSQL]${adminUrl ? '' : ` (skipped: ${reason})`}`, () =>
    body(trackingFactory('postgres', adminUrl), 'postgres'),
  );
}
