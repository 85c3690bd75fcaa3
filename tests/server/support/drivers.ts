// Runs a suite against every storage driver: PGlite in a fresh temp folder, and real PostgreSQL (a fresh database per
// call) when the global setup provides one; otherwise the PostgreSQL variant reports skipped with the reason. Suites of
// the sync guarantees also run against two endpoint instances sharing one PostgreSQL database (PGlite is one process).
// A fresh database is a copy of the global setup's migrated template unless the test asks for an empty one (to see
// the migrations applied): opening it still runs the migrator, which finds nothing pending.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, inject } from 'vitest';
import { openDatabase, type DatabaseKind, type OpenedDatabase, type OpenDatabaseOptions } from '../../../src/server/db/open';
import { adminQuery, databaseUrl } from './globalSetup';

export interface FreshDatabase {
  options: OpenDatabaseOptions;
  /** How many endpoint instances the harness runs on it, each over a connection pool of its own. */
  instances: 1 | 2;
  open(): Promise<OpenedDatabase>;
}

/** A new database location (not opened yet), migrated or `empty`, without data; removed after the suite. */
export type DatabaseFactory = (options?: { empty?: boolean }) => Promise<FreshDatabase>;

function trackingFactory(kind: DatabaseKind, adminUrl: string, instances: 1 | 2 = 1): DatabaseFactory {
  const opened: OpenedDatabase[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close().catch(() => {});
    for (const cleanup of cleanups) await cleanup();
  });
  return async ({ empty = false } = {}) => {
    let options: OpenDatabaseOptions;
    if (kind === 'pglite') {
      const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-pglite-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      if (!empty) cpSync(inject('pgliteTemplateDir'), dir, { recursive: true });
      options = { dataDir: dir };
    } else {
      const name = `onevisit_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}${empty ? '' : ` TEMPLATE ${inject('postgresTemplate')}`}`);
      cleanups.push(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      options = { databaseUrl: databaseUrl(adminUrl, name) };
    }
    return {
      options,
      instances,
      open: async () => {
        const database = await openDatabase(options);
        opened.push(database);
        return database;
      },
    };
  };
}

export function describeEachDriver(title: string, body: (fresh: DatabaseFactory, kind: DatabaseKind) => void, instances = false): void {
  describe(`${title} [PGlite]`, () => body(trackingFactory('pglite', ''), 'pglite'));
  describeOnPostgres(`${title} [PostgreSQL]`, (adminUrl) => body(trackingFactory('postgres', adminUrl), 'postgres'));
  if (instances) describeTwoInstances(title, (fresh) => body(fresh, 'postgres'));
}

/** Every driver, and two endpoint instances taking turns on one PostgreSQL database: for the sync guarantees. */
export const describeEachDeployment = (title: string, body: (fresh: DatabaseFactory, kind: DatabaseKind) => void) =>
  describeEachDriver(title, body, true);

/** A suite of two endpoint instances on one PostgreSQL database (each `fresh()` database is opened by two). */
export const describeTwoInstances = (title: string, body: (fresh: DatabaseFactory) => void) =>
  describeOnPostgres(`${title} [PostgreSQL, two instances]`, (adminUrl) => body(trackingFactory('postgres', adminUrl, 2)));

function describeOnPostgres(title: string, body: (adminUrl: string) => void): void {
  const adminUrl = inject('postgresAdminUrl');
  describe.skipIf(!adminUrl)(`${title}${adminUrl ? '' : ` (skipped: ${inject('postgresSkipReason')})`}`, () => body(adminUrl));
}
