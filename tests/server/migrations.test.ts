import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows, type OpenedDatabase } from '../../src/server/db/open';
import { describeEachDriver, type FreshDatabase } from './support/drivers';

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
        WHERE attrelid = 'enterprises'::regclass AND attname IN ('profile', 'profile_json') ORDER BY attname`,
    );
    const expected = lz4?.available ? 'l' : '';
    expect(columns).toEqual([
      { name: 'profile', compression: expected },
      { name: 'profile_json', compression: expected },
    ]);
    await database.close();
  });

  it("keep profile_json the profile's JSON: as written with the profile, or made from it when only the profile is written", async () => {
    const database = await location.open();
    const json = async () =>
      (await queryRows<{ text: string }>(database.db, sql`SELECT profile_json AS text FROM enterprises WHERE uscc = 'e1'`))[0]?.text;
    await database.db.execute(sql`INSERT INTO enterprises (uscc, name, district_code, risk_class, profile)
      VALUES ('e1', 'one', '370602', 'C', '{"name": "one", "score": 1}')`);
    expect(JSON.parse((await json())!)).toEqual({ name: 'one', score: 1 });
    await database.db.execute(sql`UPDATE enterprises SET profile = jsonb_set(profile, '{score}', '2') WHERE uscc = 'e1'`);
    expect(JSON.parse((await json())!)).toEqual({ name: 'one', score: 2 });
    // Written with the profile, the text is kept as written.
    await database.db.execute(sql`UPDATE enterprises SET profile = '{"name":"one","score":3}', profile_json = '{"name":"one","score":3}'
      WHERE uscc = 'e1'`);
    expect(await json()).toBe('{"name":"one","score":3}');
    await database.db.execute(sql`UPDATE enterprises SET name = 'renamed' WHERE uscc = 'e1'`);
    expect(await json()).toBe('{"name":"one","score":3}');
    await database.db.execute(sql`DELETE FROM enterprises WHERE uscc = 'e1'`);
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
