import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { queryRows, type Database, type OpenedDatabase } from '../../src/server/db/open';
import { describeEachDriver, type FreshDatabase } from './support/drivers';

const MIGRATIONS = fileURLToPath(new URL('../../src/server/db/migrations', import.meta.url));

/** Applies the migrations up to and including `tag` to a database not opened yet, as an endpoint of that version did. */
async function migrateUpTo(location: FreshDatabase, tag: string): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'onevisit-migrations-'));
  try {
    cpSync(MIGRATIONS, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === tag) + 1);
    writeFileSync(journalFile, JSON.stringify(journal));
    await openedAt(location, (db, driver) =>
      driver instanceof PGlite
        ? migratePglite(db as never, { migrationsFolder: folder })
        : migratePg(db as never, { migrationsFolder: folder }),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs `work` on a database without migrating it (openDatabase would apply every migration). */
async function openedAt<T>(location: FreshDatabase, work: (db: Database, driver: PGlite | pg.Client) => Promise<T>): Promise<T> {
  const driver = location.options.databaseUrl ? new pg.Client(location.options.databaseUrl) : new PGlite(location.options.dataDir!);
  if (driver instanceof pg.Client) await driver.connect();
  try {
    const db = (driver instanceof PGlite ? drizzlePglite(driver) : drizzlePg(driver)) as unknown as Database;
    return await work(db, driver);
  } finally {
    await (driver instanceof PGlite ? driver.close() : driver.end());
  }
}

describeEachDriver('migrations', (fresh, kind) => {
  let location: FreshDatabase;
  beforeAll(async () => {
    location = await fresh({ empty: true });
  });

  it('apply on an empty database and create every table', async () => {
    const database = await location.open();
    expect(database.kind).toBe(kind);
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'applied_mutations',
      'attachment_uploads',
      'attachments',
      'attestations',
      'audit_log',
      'check_item_versions',
      'check_items',
      'departments',
      'device_info',
      'device_revocations',
      'draw_records',
      'enterprises',
      'inspection_plans',
      'inspection_sections',
      'inspection_tasks',
      'intake_batches',
      'intake_cleaning_runs',
      'intake_records',
      'intake_reviews',
      'officer_device_sign_ins',
      'officers',
      'profile_snapshots',
      'recusals',
      'scope_events',
      'section_corrections',
      'sessions',
      'snapshot_chunks',
      'sync_state',
      'units',
    ]);
    await database.db.execute(sql`INSERT INTO departments (id, code, name) VALUES ('d1', 'D1', 'one')`);
    await database.close();
  });

  it('are idempotent: reopening applies nothing twice and keeps the data', async () => {
    const countMigrations = async (database: OpenedDatabase) =>
      Number(
        (await queryRows<{ count: string | number }>(database.db, sql`SELECT count(*) AS count FROM drizzle.__drizzle_migrations`))[0]
          ?.count,
      );
    const first = await location.open();
    const applied = await countMigrations(first);
    expect(applied).toBeGreaterThan(0);
    await first.close();

    const second = await location.open();
    expect(await countMigrations(second)).toBe(applied);
    expect(await queryRows<{ id: string }>(second.db, sql`SELECT id FROM departments`)).toEqual([{ id: 'd1' }]);
    await second.close();
  });

  it('compress profiles with lz4 where the server has it, and keep the default elsewhere', async () => {
    const database = await location.open();
    const [lz4] = await queryRows<{ available: boolean }>(
      database.db,
      sql`SELECT 'lz4' = ANY(enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const columns = await queryRows<{ name: string; compression: string }>(
      database.db,
      sql`SELECT attname AS name, attcompression::text AS compression FROM pg_attribute
        WHERE attrelid = 'enterprises'::regclass AND attname = 'profile_json'`,
    );
    expect(columns).toEqual([{ name: 'profile_json', compression: lz4?.available ? 'l' : '' }]);
    await database.close();
  });

  it('move a stored profile to its text alone, with its filters and past inspections in columns of their own, unstamped', async () => {
    const earlier = await fresh({ empty: true });
    await migrateUpTo(earlier, '0020_snapshot_entries');
    const profile = { uscc: 'e1', name: 'one', industry: '制造业', entityCategory: 'enterprise', pastInspections: [{ id: 's1' }] };
    const before = await openedAt(earlier, async (db) => {
      await db.execute(sql`INSERT INTO enterprises (uscc, name, district_code, risk_class, profile)
        VALUES ('e1', 'one', '370602', 'C', ${JSON.stringify(profile)}::jsonb)`);
      return (await queryRows<{ text: string; seq: string }>(db, sql`SELECT profile_json AS text, change_seq AS seq FROM enterprises`))[0];
    });
    const database = await earlier.open();
    const [after] = await queryRows<{ text: string; seq: string; industry: string; category: string; past: unknown }>(
      database.db,
      sql`SELECT profile_json AS text, change_seq AS seq, industry, entity_category AS category, past_inspections AS past FROM enterprises`,
    );
    expect(after).toEqual({ ...before, industry: '制造业', category: 'enterprise', past: [{ id: 's1' }] });
    const columns = await queryRows<{ name: string }>(
      database.db,
      sql`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'enterprises' AND column_name LIKE 'profile%'`,
    );
    expect(columns).toEqual([{ name: 'profile_json' }]);
    await database.close();
  });

  it('drop the snapshots stored in the layout before compressed blocks, which the next first sync builds anew', async () => {
    const earlier = await fresh({ empty: true });
    await migrateUpTo(earlier, '0022_intake_fields_json');
    await openedAt(earlier, async (db) => {
      await db.execute(sql`INSERT INTO snapshot_chunks (sha256, body, profiles, size) VALUES ('c1', '\\x00'::bytea, 1, 1)`);
      await db.execute(sql`INSERT INTO profile_snapshots (scope, seq, chunks, profiles) VALUES ('370602', 1, ARRAY['c1'], 1)`);
    });
    const database = await earlier.open();
    const [left] = await queryRows<{ snapshots: number; chunks: number }>(
      database.db,
      sql`SELECT (SELECT count(*) FROM profile_snapshots)::int AS snapshots, (SELECT count(*) FROM snapshot_chunks)::int AS chunks`,
    );
    expect(left).toEqual({ snapshots: 0, chunks: 0 });
    await database.close();
  });

  it('stamp every insert and update with one global change sequence', async () => {
    const database = await location.open();
    await database.db.execute(sql`INSERT INTO units (id, name, district_codes) VALUES ('u1', 'unit', ARRAY['370602'])`);
    const [unit] = await queryRows<{ change_seq: string | number }>(database.db, sql`SELECT change_seq FROM units WHERE id = 'u1'`);
    const [department] = await queryRows<{ change_seq: string | number }>(
      database.db,
      sql`SELECT change_seq FROM departments WHERE id = 'd1'`,
    );
    expect(Number(unit?.change_seq)).toBeGreaterThan(Number(department?.change_seq));
    await database.close();
  });
});
