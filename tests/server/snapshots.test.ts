// Shared profile snapshots (services/snapshots.ts): their chunks hold exactly the jurisdiction's profiles a pull would
// send at the same sequence, and a device that bootstraps from one and pulls after it ends with what a full pull gives,
// whatever happened in between (random change histories), with writers running, and across scope changes.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { directoryKeys } from '@shared/domain/directory';
import { enterpriseSchema, type Enterprise } from '@shared/domain/model';
import { pullResponseSchema, snapshotManifestSchema, type Change, type SnapshotManifest } from '@shared/sync/protocol';
import { decodeSnapshotChunk, SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import { chunkTexts } from '../support/memoryServer';
import { queryRows } from '../../src/server/db/open';
import { buildSnapshot } from '../../src/server/services/snapshots';
import { pruneScopeEvents } from '../../src/server/services/scope';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { gate, holding } from './support/holding';
import { renameConcurrently } from './support/concurrentWriters';

const fixture = buildFixture(60);
const DISTRICTS = ['370602', '370611', '370683'];
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SNAPSHOT_URL = `/api/v1/sync/snapshot?layout=${SNAPSHOT_LAYOUT}`;
const { profileEntryOf } = directoryKeys(pinyin);

/** Profiles by USCC, as JSON text with sorted keys (the comparison ignores key order). */
type Profiles = Map<string, string>;
/** The profiles of a chunk's bytes, each with the directory entry a device would compute for it from the pull. */
function profilesOf(bytes: Buffer): Enterprise[] {
  const decoded = decodeSnapshotChunk(bytes);
  const { entries } = decoded;
  return chunkTexts(decoded).map((json, slot) => {
    const profile = enterpriseSchema.parse(JSON.parse(json));
    expect(entries[slot]).toEqual(profileEntryOf(profile, slot));
    return profile;
  });
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

function applyChanges(profiles: Profiles, changes: Change[]): void {
  for (const change of changes) {
    if (change.collection !== 'enterprises') continue;
    if (change.op === 'delete') profiles.delete(change.id);
    else profiles.set(change.id, canonical(change.data));
  }
}

describeEachDriver('profile snapshots', (fresh, kind) => {
  let h: Harness;
  let token: string;
  let next = 60;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    token = await h.login('sup-a');
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    h.request({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  async function manifest(as = token): Promise<SnapshotManifest> {
    const response = await h.request({ method: 'GET', url: SNAPSHOT_URL, headers: { authorization: `Bearer ${as}` } });
    expect(response.statusCode, response.body).toBe(200);
    return snapshotManifestSchema.parse(response.json());
  }

  async function chunk(sha256: string): Promise<Enterprise[]> {
    const response = await get(`/api/v1/sync/snapshot/chunks/${sha256}`, { 'accept-encoding': 'gzip' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    // Its parts are compressed already: the bytes go as they are stored, not compressed again.
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(createHash('sha256').update(response.rawPayload).digest('hex')).toBe(sha256);
    return profilesOf(response.rawPayload);
  }

  /** A device's profiles from the chunks of `snapshot`. */
  async function download(snapshot: SnapshotManifest): Promise<Profiles> {
    const profiles: Profiles = new Map();
    for (const { sha256 } of snapshot.chunks) for (const profile of await chunk(sha256)) profiles.set(profile.uscc, canonical(profile));
    return profiles;
  }

  /** A device's profiles after bootstrapping from `snapshot` and pulling from the empty cursor after it. */
  async function bootstrap(snapshot: SnapshotManifest, stored?: Profiles, limit = 25): Promise<{ profiles: Profiles; cursor: string }> {
    const profiles = stored ?? (await download(snapshot));
    let cursor = '';
    for (;;) {
      const response = await get(`/api/v1/sync/pull?cursor=${cursor}&limit=${limit}&snapshot=${snapshot.seq}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = pullResponseSchema.parse(response.json());
      applyChanges(profiles, page.changes as Change[]);
      cursor = page.cursor;
      if (!page.hasMore) return { profiles, cursor };
    }
  }

  async function fullPull(): Promise<Profiles> {
    const profiles: Profiles = new Map();
    applyChanges(profiles, (await h.pullAll(token, 1000)).changes);
    return profiles;
  }

  async function jurisdiction(): Promise<string[]> {
    const [row] = await queryRows<{ codes: string[] }>(h.database.db, sql`SELECT district_codes AS codes FROM units WHERE id = 'unit-a'`);
    return [...row!.codes].sort();
  }

  async function latest() {
    const codes = await jurisdiction();
    const [row] = await queryRows<{ id: number; seq: string; chunks: string[]; profiles: number }>(
      h.database.db,
      sql`SELECT id, seq::text AS seq, chunks, profiles FROM profile_snapshots WHERE scope = ${codes.join(',')} ORDER BY seq DESC, id DESC LIMIT 1`,
    );
    return { codes, previous: row ?? null };
  }

  /** The stored chunks of `built` hold exactly the profiles a full pull gives of the jurisdiction `codes`. */
  async function expectJurisdiction(built: { chunks: string[]; profiles: number }, codes: string[]): Promise<void> {
    const inChunks: Profiles = new Map();
    for (const sha256 of built.chunks) {
      const [row] = await queryRows<{ body: Buffer | Uint8Array }>(
        h.database.db,
        sql`SELECT body FROM snapshot_chunks WHERE sha256 = ${sha256}`,
      );
      expect(row, `chunk ${sha256} is stored`).toBeDefined();
      for (const profile of profilesOf(Buffer.from(row!.body))) {
        expect(inChunks.has(profile.uscc), `${profile.uscc} is in two chunks`).toBe(false);
        inChunks.set(profile.uscc, canonical(profile));
      }
    }
    const pulled = await fullPull();
    const ofJurisdiction = new Map([...pulled].filter(([, json]) => codes.includes((JSON.parse(json) as Enterprise).districtCode)));
    expect(inChunks).toEqual(ofJurisdiction);
    expect(built.profiles).toBe(inChunks.size);
  }

  /** Chunks listed by a stored snapshot but not stored themselves (always none). */
  async function missingChunks(): Promise<string[]> {
    const rows = await queryRows<{ sha256: string }>(
      h.database.db,
      sql`SELECT DISTINCT c.sha256 FROM profile_snapshots s, unnest(s.chunks) AS c(sha256)
        WHERE NOT EXISTS (SELECT 1 FROM snapshot_chunks k WHERE k.sha256 = c.sha256)`,
    );
    return rows.map((row) => row.sha256);
  }

  const isKept = async (id: number) => (await queryRows(h.database.db, sql`SELECT 1 FROM profile_snapshots WHERE id = ${id}`)).length === 1;

  // One step of a change history, as the intake, an admin or a unit change would write it.
  type Step =
    | { kind: 'rename'; pick: number }
    | { kind: 'insert'; district: number }
    | { kind: 'delete'; pick: number }
    | { kind: 'move'; pick: number; district: number }
    | { kind: 'districts'; mask: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('rename' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), district: fc.nat(2) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), district: fc.nat(2) }),
    fc.record({ kind: fc.constant('districts' as const), mask: fc.integer({ min: 1, max: 7 }) }),
  );

  async function apply(s: Step): Promise<void> {
    const db = h.database.db;
    const pickUscc = async (free: boolean) => {
      // Profiles a task refers to are never deleted (the foreign key), so deletes pick among the others.
      const rows = await queryRows<{ uscc: string }>(
        db,
        free
          ? sql`SELECT uscc FROM enterprises e WHERE NOT EXISTS (SELECT 1 FROM inspection_tasks t WHERE t.enterprise_id = e.uscc)
              AND NOT EXISTS (SELECT 1 FROM recusals r WHERE r.enterprise_id = e.uscc) ORDER BY uscc`
          : sql`SELECT uscc FROM enterprises ORDER BY uscc`,
      );
      return rows.length === 0 ? null : rows[('pick' in s ? s.pick : 0) % rows.length]!.uscc;
    };
    switch (s.kind) {
      case 'rename': {
        const uscc = await pickUscc(false);
        const name = `改名企业${next++}`;
        await db.execute(
          sql`UPDATE enterprises SET name = ${name}, profile_json = jsonb_set(profile_json::jsonb, '{name}', to_jsonb(${name}::text))::text WHERE uscc = ${uscc}`,
        );
        return;
      }
      case 'insert': {
        const profile = { ...fixture.enterpriseAt(next++), districtCode: DISTRICTS[s.district]! };
        await db.execute(sql`
          INSERT INTO enterprises (uscc, name, district_code, risk_class, industry, entity_category, profile_json)
          VALUES (${profile.uscc}, ${profile.name}, ${profile.districtCode}, ${profile.riskClass}, ${profile.industry},
            ${profile.entityCategory}, ${JSON.stringify(profile)})`);
        return;
      }
      case 'delete': {
        const uscc = await pickUscc(true);
        if (uscc) await db.execute(sql`DELETE FROM enterprises WHERE uscc = ${uscc}`);
        return;
      }
      case 'move': {
        const uscc = await pickUscc(false);
        const district = DISTRICTS[s.district]!;
        await db.execute(
          sql`UPDATE enterprises SET district_code = ${district}, profile_json = jsonb_set(profile_json::jsonb, '{districtCode}', to_jsonb(${district}::text))::text WHERE uscc = ${uscc}`,
        );
        return;
      }
      case 'districts': {
        const codes = DISTRICTS.filter((_, i) => s.mask & (1 << i));
        await db.execute(sql`UPDATE units SET district_codes = ${sql.param(codes)}::text[] WHERE id = 'unit-a'`);
        return;
      }
    }
  }

  it('chunks hold exactly the profiles a pull sends for the jurisdiction at the same sequence (built fully or incrementally)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        for (const s of steps) await apply(s);
        const { codes, previous } = await latest();
        // Chunks of a few profiles, so the fixture's jurisdiction spans several buckets.
        const built = await buildSnapshot(h.database.db, codes, previous, 7);
        await expectJurisdiction(built, codes);
      }),
      { numRuns: RUNS },
    );
  });

  it('a device that bootstraps from a snapshot, whatever changed after it, ends with what a full pull gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 4 }), fc.array(step, { maxLength: 8 }), async (before, after) => {
        for (const s of before) await apply(s);
        const snapshot = await manifest();
        const stored = await download(snapshot);
        // Scope changes included: they land between the chunks and the pull after them.
        for (const s of after) await apply(s);
        const device = await bootstrap(snapshot, stored);
        expect(device.profiles).toEqual(await fullPull());
        // The cursor continues incrementally from there: nothing more is sent.
        expect((await h.pullAll(token, 1000, device.cursor)).changes).toEqual([]);
        expect(BigInt(device.cursor)).toBeGreaterThanOrEqual(BigInt(snapshot.seq));
      }),
      { numRuns: RUNS },
    );
  }, 180_000);

  it('shares one snapshot among the officers of a jurisdiction, rebuilding only changed chunks once enough changed', async () => {
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602', '370611'] WHERE id = 'unit-a'`);
    const first = await manifest();
    expect(await manifest(await h.login('amr1'))).toEqual(first);
    for (let i = 0; i < 30; i++) await apply({ kind: 'insert', district: 0 });
    const { codes, previous } = await latest();
    const before = await buildSnapshot(h.database.db, codes, previous, 7);
    expect(before.chunks.length).toBeGreaterThan(3);
    // One profile of the jurisdiction renamed: an incremental build re-encodes its chunk alone.
    await h.database.db.execute(sql`
      UPDATE enterprises SET name = '只改这一家', profile_json = jsonb_set(profile_json::jsonb, '{name}', '"只改这一家"')::text
      WHERE uscc = (SELECT min(uscc) FROM enterprises WHERE district_code = '370602')`);
    const rebuilt = await buildSnapshot(h.database.db, codes, before, 7);
    expect(rebuilt.chunks.filter((sha, i) => sha !== before.chunks[i])).toHaveLength(1);
  });

  it('answers 404 to a client asking for no layout or another one (an older app), which then pulls the profiles', async () => {
    for (const url of ['/api/v1/sync/snapshot', '/api/v1/sync/snapshot?layout=json-array']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().message).toMatch(new RegExp(`layout ${SNAPSHOT_LAYOUT} only`));
    }
  });

  it('serves a chunk only to officers of its jurisdiction, the same bytes to a client that does not take gzip', async () => {
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602', '370611'] WHERE id = 'unit-a'`);
    const { chunks } = await manifest();
    const sha256 = chunks[0]!.sha256;
    const plain = await get(`/api/v1/sync/snapshot/chunks/${sha256}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(createHash('sha256').update(plain.rawPayload).digest('hex')).toBe(sha256);
    const other = await h.login('amrb1');
    const refused = await h.request({
      method: 'GET',
      url: `/api/v1/sync/snapshot/chunks/${sha256}`,
      headers: { authorization: `Bearer ${other}` },
    });
    expect(refused.statusCode).toBe(403);
    expect((await get(`/api/v1/sync/snapshot/chunks/${'0'.repeat(64)}`)).statusCode).toBe(404);
    // A body once served is kept in memory; who may have it, and whether it is still kept, are asked every time.
    const url = `/api/v1/sync/snapshot/chunks/${sha256}`;
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602'] WHERE id = 'unit-a'`);
    expect((await get(url)).statusCode).toBe(403);
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602', '370611'] WHERE id = 'unit-a'`);
    expect((await get(url)).statusCode).toBe(200);
    await h.database.db.execute(sql`DELETE FROM profile_snapshots WHERE ${sha256} = ANY(chunks)`);
    await h.database.db.execute(sql`DELETE FROM snapshot_chunks WHERE sha256 = ${sha256}`);
    expect((await get(url)).statusCode).toBe(404);
  });

  it('a snapshot older than the kept scope events is answered cursor_reset on the pull, and rebuilt for the next device', async () => {
    const snapshot = await manifest();
    // A profile deleted after the snapshot, and its scope event pruned.
    await apply({ kind: 'insert', district: 0 });
    await h.database.db.execute(sql`DELETE FROM enterprises WHERE uscc = ${fixture.enterpriseAt(next - 1).uscc}`);
    await pruneScopeEvents(h.database.db, new Date(Date.now() + 60_000));
    const response = await get(`/api/v1/sync/pull?cursor=&snapshot=${snapshot.seq}`);
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({ error: 'cursor_reset' });
    const rebuilt = await manifest();
    expect(BigInt(rebuilt.seq)).toBeGreaterThan(BigInt(snapshot.seq));
    expect((await bootstrap(rebuilt)).profiles).toEqual(await fullPull());
  });

  it('a snapshot built while writers run misses nothing: bootstrap and pull give every write', async () => {
    const targets = (await queryRows<{ uscc: string }>(h.database.db, sql`SELECT uscc FROM enterprises ORDER BY uscc`)).map((r) => r.uscc);
    let writes = 0;
    const writers = renameConcurrently(h, kind, { targets, rounds: 10, label: '并发快照', written: () => writes++ });
    const devices: Promise<{ profiles: Profiles; cursor: string }>[] = [];
    const seqs = new Set<string>();
    let done = false;
    const builder = (async () => {
      while (!done) {
        const { codes, previous } = await latest();
        const built = await buildSnapshot(h.database.db, codes, previous);
        seqs.add(built.seq);
        // PGlite answers within microtasks, so without this turn of the event loop the writers' timers never fire
        // and this loop runs forever; here they write between the snapshot and its device's download and pull.
        await new Promise(setImmediate);
        const chunks = await queryRows<{ sha256: string; profiles: number; size: number }>(
          h.database.db,
          sql`SELECT sha256, profiles, size FROM snapshot_chunks WHERE sha256 = ANY(${sql.param(built.chunks)}::text[]) AND profiles > 0`,
        );
        // Each device takes its snapshot's chunks and pulls after it now, while the writers go on, and pulls the rest
        // once they are done.
        const device = bootstrap({ seq: built.seq, profiles: built.profiles, chunks }, undefined, 5);
        device.catch(() => {});
        devices.push(device);
        await device;
      }
    })();
    try {
      await writers;
    } finally {
      done = true;
      await builder;
    }
    expect(writes).toBe(40);
    expect(devices.length).toBeGreaterThan(1);
    // Snapshots were built between writes, not only before or after them.
    expect(seqs.size).toBeGreaterThan(1);
    const server = await fullPull();
    for (const device of devices) {
      const { profiles, cursor } = await device;
      applyChanges(profiles, (await h.pullAll(token, 1000, cursor)).changes);
      expect(profiles).toEqual(server);
    }
  });

  // PGlite runs one transaction at a time, so a held build holds everything there.
  it.runIf(kind === 'postgres')('a build of one jurisdiction stores while a build of another is still reading', async () => {
    await apply({ kind: 'districts', mask: 7 });
    const reading = gate();
    const held = holding(h.database.db, {
      beforeStatement: (text) => (text.includes('string_agg(e.profile_json') ? reading.reach() : undefined),
    });
    const other = buildSnapshot(held, ['370602', '370611'], null, 7);
    other.catch(() => {});
    await reading.reached;
    // Answers while the other build holds its read open; a build that locked other builders out first would wait here.
    const built = await buildSnapshot(h.database.db, ['370683'], null, 7);
    expect(await isKept(built.id)).toBe(true);
    await expectJurisdiction(built, ['370683']);
    reading.open();
    await expectJurisdiction(await other, ['370602', '370611']);
    expect(await missingChunks()).toEqual([]);
  });

  it('a build that read before other builds stored and dropped chunks stores no snapshot listing a dropped chunk', async () => {
    await apply({ kind: 'districts', mask: 7 });
    const codes = [...DISTRICTS];
    /** A build from `previous` held between its read and its store (its second transaction). */
    const heldBuild = (previous: Awaited<ReturnType<typeof buildSnapshot>>) => {
      const between = gate();
      const held = holding(h.database.db, { beforeTransaction: (n) => (n === 2 ? between.reach() : undefined) });
      const built = buildSnapshot(held, codes, previous, 7);
      built.catch(() => {});
      return { between, built };
    };

    // Chunks it kept from the previous snapshot dropped meanwhile, at the same sequence (other builds bucketed
    // differently, as after the jurisdiction grew): it must not list them.
    const first = await buildSnapshot(h.database.db, codes, null, 7);
    await apply({ kind: 'rename', pick: 0 });
    const late = heldBuild(first);
    await late.between.reached;
    for (let i = 0; i < 3; i++) await buildSnapshot(h.database.db, codes, null, 3);
    const left = await queryRows(h.database.db, sql`SELECT 1 FROM snapshot_chunks WHERE sha256 = ANY(${sql.param(first.chunks)}::text[])`);
    // It kept every chunk of the first but one: with two or more gone, one it kept is gone.
    expect(left.length).toBeLessThan(first.chunks.length - 1);
    late.between.open();
    const stored = await late.built;
    expect(await missingChunks()).toEqual([]);
    expect(await isKept(stored.id)).toBe(true);
    await expectJurisdiction(stored, codes);

    // Newer snapshots stored meanwhile, each keeping the chunks it kept: stored behind them it would be dropped at once.
    const base = await buildSnapshot(h.database.db, codes, null, 7);
    await apply({ kind: 'rename', pick: 0 });
    const behind = heldBuild(base);
    await behind.between.reached;
    await apply({ kind: 'rename', pick: 0 });
    let newest = base;
    for (let i = 0; i < 3; i++) newest = await buildSnapshot(h.database.db, codes, newest, 7);
    behind.between.open();
    const after = await behind.built;
    expect(await isKept(after.id)).toBe(true);
    expect(BigInt(after.seq)).toBeGreaterThanOrEqual(BigInt(newest.seq));
    expect(await missingChunks()).toEqual([]);
    await expectJurisdiction(after, codes);
  });
});
