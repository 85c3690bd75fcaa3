// One entry point to storage: embedded PGlite in a data folder, or a real PostgreSQL server when a URL is given.
// Services receive `Database` and never care which driver runs.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenedDatabase {
  db: Database;
  kind: DatabaseKind;
  /**
   * Runs `work` holding the start lock: endpoint instances starting together on one PostgreSQL database take turns
   * (migrations, the demo seed). PGlite has one process, so nothing waits there.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PGlite data folder; omitted (and no URL) means an in-memory PGlite. */
  dataDir?: string;
  /** A PostgreSQL connection URL; takes precedence over dataDir. */
  databaseUrl?: string;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** The start lock's key, apart from the write (0x0e51), audit (0x0a0d) and intake (0x1a7e) locks. */
const START_LOCK_KEY = 0x0e52;

/** A session advisory lock on a connection of its own, held while `work` runs on the pool. */
async function holdingStartLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [START_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [START_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** Opens the database and applies pending migrations (idempotent). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, admin command) must not crash the process: the pool replaces it.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost (the pool opens a new one): ${error.message}`));
    try {
      const db = drizzlePg(pool, { schema });
      const exclusively = <T>(work: () => Promise<T>) => holdingStartLock(pool, work);
      // Two instances applying the same migration at once would both fail half-way: one applies, the other then finds none pending.
      await exclusively(() => migratePg(db, { migrationsFolder }));
      return { db: db as unknown as Database, kind: 'postgres', exclusively, close: () => pool.end() };
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir ?? 'memory://');
  try {
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    return { db: db as unknown as Database, kind: 'pglite', exclusively: (work) => work(), close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/**
 * A value made once per database handle and kept as long as the handle (a prepared statement, the work under way
 * through it): `make` runs on the first call for a handle.
 */
export function perDatabase<T>(make: (db: Database) => T): (db: Database) => T {
  const made = new WeakMap<Database, T>();
  return (db) => {
    if (!made.has(db)) made.set(db, make(db));
    return made.get(db)!;
  };
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
