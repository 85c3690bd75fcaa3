// Shared profile snapshots: the first sync of a device takes its jurisdiction's profiles as immutable chunks instead of
// pull pages, then pulls the changes after the snapshot's sequence (see docs/sync.md "Bootstrap").
//
// A snapshot belongs to a jurisdiction (its sorted district codes), not to an officer: every officer of every unit with
// those districts gets the same chunks. Profiles are cut into buckets by a hash of the USCC, one chunk per bucket, so a
// rebuild re-encodes only the buckets that changed and every other chunk keeps its address.
//
// Builders: a build reads and encodes in a REPEATABLE READ transaction that takes no lock, so builds of other
// jurisdictions, and other endpoint instances, do not wait for its reading and gzipping. It then stores in a short
// READ COMMITTED transaction that first locks the snapshot table against other builders, so it sees every snapshot and
// chunk stored before. There it answers a fresh snapshot another builder stored meanwhile instead of storing a second
// (a manifest's build), and starts again from the newest if one built from a later read was stored, or if a chunk it
// kept from the previous snapshot has been dropped since it read (the chunks it encoded it inserts unless present).
// Chunks are stored and dropped only under the lock, so a stored snapshot never lists a dropped chunk. Readers never
// wait.
//
// Sequence: everything a build encodes is read in its REPEATABLE READ transaction. Writers commit in the order they
// draw change_seq (services/pull.ts, "Cursor"), so the committed changes that view sees are exactly those up to some
// value; the highest change_seq it sees of enterprises and scope events, or the retention horizon (`seq`), has every
// change at or below it committed and in the chunks. A pull after `seq` then brings everything the snapshot does not
// hold, and `seq` is never below the horizon (which would make that pull a cursor reset).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { eq, sql, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { pinyin } from 'pinyin-pro';
import { directoryKeys } from '@shared/domain/directory';
import type { Enterprise, Officer } from '@shared/domain/model';
import type { SnapshotManifest } from '@shared/sync/protocol';
import { encodeSnapshotChunk, SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import { maySnapshotChunk } from '../access/policy';
import { perDatabase, queryRows, type Database } from '../db/open';
import { snapshotChunks } from '../db/schema';
import type { Transaction } from '../db/writes';
import { forbidden, notFound } from '../domain/errors';
import { RETENTION_HORIZON_KEY } from './scope';

/** Profiles per chunk aimed at when the bucket count is chosen. */
export const SNAPSHOT_CHUNK_PROFILES = 1000;
/** Snapshots kept per jurisdiction: a device still downloading an older one can finish it. */
const KEPT_SNAPSHOTS = 3;
/** Memory for chunk bodies kept by this process (a 100,000-profile jurisdiction's snapshot is about 18 MB). */
const CHUNK_CACHE_BYTES = 256 * 2 ** 20;
/** Profiles read per statement of a build, so the endpoint never holds the whole jurisdiction as text. */
const PROFILES_PER_READ = 8000;

type Reader = Pick<Database, 'execute'>;

const { profileEntryOf } = directoryKeys(pinyin);

interface StoredSnapshot {
  id: number;
  seq: string;
  chunks: string[];
  profiles: number;
}

/** The bucket of a USCC among `buckets`: 28 bits of its md5 (stable across PostgreSQL versions, unlike hashtext). */
const bucketOf = (uscc: SQL, buckets: number): SQL => sql`mod(('x' || substr(md5(${uscc}), 1, 7))::bit(28)::int, ${buckets}::int)`;

/** The jurisdiction of a unit: its district codes, sorted (a snapshot scope joins them with commas). */
const jurisdictionOf = (unitId: unknown): SQL =>
  sql`(SELECT ARRAY(SELECT DISTINCT unnest(district_codes) ORDER BY 1) FROM units WHERE id = ${unitId})`;

async function scopeOf(db: Database, officer: Officer): Promise<string[]> {
  const [row] = await queryRows<{ codes: string[] | null }>(db, sql`SELECT ${jurisdictionOf(officer.unitId)} AS codes`);
  return row?.codes ?? [];
}

async function latestSnapshot(db: Reader, scope: string): Promise<StoredSnapshot | null> {
  const [row] = await queryRows<StoredSnapshot>(
    db,
    sql`SELECT id, seq::text AS seq, chunks, profiles FROM profile_snapshots WHERE scope = ${scope} ORDER BY seq DESC, id DESC LIMIT 1`,
  );
  return row ?? null;
}

/**
 * Whether a snapshot is still worth serving: scope events after it are kept (else the pull after it could not bring
 * its deletes), and fewer of its profiles changed since than a rebuild is worth (a page, or 2 % of the jurisdiction).
 */
async function isFresh(db: Reader, codes: string[], snapshot: StoredSnapshot): Promise<boolean> {
  const [row] = await queryRows<{ horizon: string | null; changed: number }>(
    db,
    sql`
    SELECT (SELECT value FROM sync_state WHERE key = ${RETENTION_HORIZON_KEY})::text AS horizon,
      ((SELECT count(*) FROM enterprises WHERE change_seq > ${snapshot.seq}::bigint AND district_code = ANY(${sql.param(codes)}::text[]))
       + (SELECT count(*) FROM scope_events WHERE change_seq > ${snapshot.seq}::bigint AND collection = 'enterprises'))::int AS changed`,
  );
  if (row?.horizon && BigInt(snapshot.seq) < BigInt(row.horizon)) return false;
  return (row?.changed ?? 0) <= Math.max(SNAPSHOT_CHUNK_PROFILES, snapshot.profiles * 0.02);
}

interface BuiltChunk {
  sha256: string;
  body: Buffer;
  profiles: number;
  size: number;
}

/** A snapshot as one read of the database encoded it, before it is stored. */
interface EncodedSnapshot {
  seq: string;
  profiles: number;
  chunks: string[];
  /** The chunks it re-encoded, with their bodies. */
  encoded: BuiltChunk[];
  /** The chunks it kept from the previous snapshot: their bodies are in the database only. */
  kept: string[];
}

/**
 * Builds a snapshot of the jurisdiction `codes`, re-encoding only the buckets changed since `previous` when its bucket
 * count still fits; stores its new chunks and drops snapshots (and chunks) no longer kept.
 */
export const buildSnapshot = (
  db: Database,
  codes: string[],
  previous: StoredSnapshot | null,
  chunkProfiles = SNAPSHOT_CHUNK_PROFILES,
): Promise<StoredSnapshot> => build(db, codes, chunkProfiles, previous, false);

/**
 * Reads and encodes outside the builders' lock, then stores under it (see the top of this file). `from` is the snapshot
 * to re-encode the changes of, or 'newest' for the newest stored. With `reuseFresh`, a fresh newest snapshot is answered
 * instead of building, whether it was there before the build read or stored by another builder meanwhile.
 */
async function build(
  db: Database,
  codes: string[],
  chunkProfiles: number,
  from: StoredSnapshot | null | 'newest',
  reuseFresh: boolean,
): Promise<StoredSnapshot> {
  const scope = codes.join(',');
  for (;;) {
    const read = await db.transaction(
      async (tx) => {
        const previous = from === 'newest' ? await latestSnapshot(tx, scope) : from;
        if (reuseFresh && previous && (await isFresh(tx, codes, previous))) return previous;
        return encode(tx, codes, previous, chunkProfiles);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    if (!('encoded' in read)) return read;
    const stored = await db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE profile_snapshots IN SHARE ROW EXCLUSIVE MODE`);
      return store(tx, codes, read, reuseFresh);
    });
    if (stored) return stored;
    // Another builder stored a newer snapshot or dropped a kept chunk meanwhile: build again from the newest.
    from = 'newest';
  }
}

/** Reads the jurisdiction's profiles in one view of the database (a REPEATABLE READ transaction) and encodes them. */
async function encode(tx: Transaction, codes: string[], previous: StoredSnapshot | null, chunkProfiles: number): Promise<EncodedSnapshot> {
  const inScope = sql`e.district_code = ANY(${sql.param(codes)}::text[])`;
  const [head] = await queryRows<{ seq: string; profiles: number; horizon: string | null }>(
    tx,
    sql`
    SELECT GREATEST((SELECT max(change_seq) FROM enterprises), (SELECT max(change_seq) FROM scope_events),
                    (SELECT value FROM sync_state WHERE key = ${RETENTION_HORIZON_KEY}), 0)::text AS seq,
           (SELECT count(*) FROM enterprises e WHERE ${inScope})::int AS profiles,
           (SELECT value FROM sync_state WHERE key = ${RETENTION_HORIZON_KEY})::text AS horizon`,
  );
  const { seq, profiles } = head!;
  const wanted = Math.max(1, Math.ceil(profiles / chunkProfiles));
  const buckets = previous?.chunks.length ?? 0;
  // The previous buckets are kept while their chunks stay within a quarter and twice the aimed size.
  const reusable =
    previous !== null &&
    (buckets === wanted || (profiles <= buckets * chunkProfiles * 2 && profiles >= (buckets * chunkProfiles) / 4)) &&
    !(head!.horizon && BigInt(previous.seq) < BigInt(head!.horizon));
  const count = reusable ? buckets : wanted;
  let changed: number[];
  if (reusable) {
    // Buckets of profiles written since (wherever they are now) and of profiles deleted or moved away since.
    const rows = await queryRows<{ bucket: number }>(
      tx,
      sql`
      SELECT DISTINCT ${bucketOf(sql`e.uscc`, count)} AS bucket FROM enterprises e WHERE e.change_seq > ${previous.seq}::bigint
      UNION SELECT DISTINCT ${bucketOf(sql`s.record_id`, count)} FROM scope_events s
        WHERE s.change_seq > ${previous.seq}::bigint AND s.collection = 'enterprises'`,
    );
    changed = rows.map((r) => r.bucket);
  } else {
    changed = Array.from({ length: count }, (_, i) => i);
  }
  const chunks: (string | null)[] = reusable ? [...previous.chunks] : Array<string | null>(count).fill(null);
  // The keys of the changed buckets in one scan, then their profiles by primary key, a few thousand per statement.
  const keys = await queryRows<{ bucket: number; uscc: string }>(
    tx,
    sql`
    SELECT ${bucketOf(sql`e.uscc`, count)} AS bucket, e.uscc FROM enterprises e
    WHERE ${inScope} AND ${bucketOf(sql`e.uscc`, count)} = ANY(${sql.param(changed)}::int[]) ORDER BY 1, 2`,
  );
  const encoded: BuiltChunk[] = [];
  const emptied = new Set(changed);
  for (let start = 0; start < keys.length;) {
    // Whole buckets only: a read ends at a bucket boundary once it holds enough profiles.
    let end = Math.min(start + PROFILES_PER_READ, keys.length);
    while (end < keys.length && keys[end]!.bucket === keys[end - 1]!.bucket) end++;
    const part = keys.slice(start, end);
    // One text per bucket, the profiles a line each (JSON text holds no line break): a text[] would be parsed element by
    // element by the driver, several times slower than the split.
    const rows = await queryRows<{ bucket: number; lines: string }>(
      tx,
      sql`
      SELECT k.bucket, string_agg(e.profile_json, E'\n' ORDER BY k.i) AS lines
      FROM unnest(${sql.param(part.map((k) => k.uscc))}::text[], ${sql.param(part.map((k) => k.bucket))}::int[])
        WITH ORDINALITY AS k(uscc, bucket, i)
      JOIN enterprises e ON e.uscc = k.uscc
      GROUP BY k.bucket`,
    );
    for (const row of rows) {
      const chunk = encodeChunk(row.lines.split('\n'));
      chunks[row.bucket] = chunk.sha256;
      encoded.push(chunk);
      emptied.delete(row.bucket);
    }
    start = end;
  }
  // Buckets whose every profile left.
  for (const bucket of emptied) {
    const chunk = encodeChunk([]);
    chunks[bucket] = chunk.sha256;
    encoded.push(chunk);
  }
  const fresh = new Set(encoded.map((chunk) => chunk.sha256));
  return {
    seq,
    profiles,
    chunks: chunks as string[],
    encoded,
    kept: [...new Set(chunks as string[])].filter((sha256) => !fresh.has(sha256)),
  };
}

/**
 * Stores an encoded snapshot, holding the builders' lock: answers null, storing nothing, when it must be built again
 * (a newer snapshot was stored, or a chunk it kept was dropped, since it read), or with `reuseFresh` the newest
 * snapshot when that is fresh.
 */
async function store(tx: Transaction, codes: string[], snapshot: EncodedSnapshot, reuseFresh: boolean): Promise<StoredSnapshot | null> {
  const scope = codes.join(',');
  const newest = await latestSnapshot(tx, scope);
  if (reuseFresh && newest && (await isFresh(tx, codes, newest))) return newest;
  // Stored anyway, it would not be the newest and could be dropped at once below.
  if (newest && BigInt(newest.seq) > BigInt(snapshot.seq)) return null;
  const [kept] = await queryRows<{ missing: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM unnest(${sql.param(snapshot.kept)}::text[]) AS k(sha256)
      WHERE NOT EXISTS (SELECT 1 FROM snapshot_chunks c WHERE c.sha256 = k.sha256)) AS missing`,
  );
  if (kept!.missing) return null;
  // A re-encoded chunk may have been dropped since the read saw it too: each is inserted unless present.
  for (const chunk of snapshot.encoded) {
    await tx.execute(sql`
      INSERT INTO snapshot_chunks (sha256, body, profiles, size) VALUES (${chunk.sha256}, ${chunk.body}, ${chunk.profiles}, ${chunk.size})
      ON CONFLICT (sha256) DO NOTHING`);
  }
  const [stored] = await queryRows<StoredSnapshot>(
    tx,
    sql`
    INSERT INTO profile_snapshots (scope, seq, chunks, profiles)
    VALUES (${scope}, ${snapshot.seq}::bigint, ${sql.param(snapshot.chunks)}::text[], ${snapshot.profiles})
    RETURNING id, seq::text AS seq, chunks, profiles`,
  );
  await dropOldSnapshots(tx, scope);
  return stored!;
}

/** A chunk of these stored profile texts, with their directory entries (keys computed here once for every officer). */
function encodeChunk(texts: string[]): BuiltChunk {
  const entries = texts.map((text, slot) => profileEntryOf(JSON.parse(text) as Enterprise, slot));
  // Compressed part by part (the layout's blocks), stored and served as they are.
  const body = Buffer.from(encodeSnapshotChunk({ entries, texts }, (part) => gzipSync(part)));
  return { sha256: createHash('sha256').update(body).digest('hex'), body, profiles: texts.length, size: body.byteLength };
}

/** Keeps the newest snapshots of a scope; chunks no kept snapshot lists go with the others. */
async function dropOldSnapshots(db: Reader, scope: string): Promise<void> {
  // The main statement still sees the rows the CTE deletes, hence `NOT IN gone`.
  await db.execute(sql`
    WITH gone AS (
      DELETE FROM profile_snapshots WHERE scope = ${scope} AND id NOT IN (
        SELECT id FROM profile_snapshots WHERE scope = ${scope} ORDER BY seq DESC, id DESC LIMIT ${KEPT_SNAPSHOTS})
      RETURNING id, chunks
    )
    DELETE FROM snapshot_chunks c WHERE c.sha256 IN (SELECT unnest(chunks) FROM gone)
      AND NOT EXISTS (SELECT 1 FROM profile_snapshots s WHERE c.sha256 = ANY(s.chunks) AND s.id NOT IN (SELECT id FROM gone))`);
}

/**
 * Builds under way through a database handle (an endpoint instance has one), by scope: officers who start together wait
 * for one build instead of each reading and encoding the jurisdiction.
 */
const buildsUnderWay = perDatabase(() => new Map<string, Promise<StoredSnapshot>>());

/**
 * The snapshot an officer bootstraps from: the newest of their jurisdiction, rebuilt first when it is missing or stale.
 * Chunks holding no profile are left out. A client asking for another chunk layout (an older app) is answered 404, so
 * that it pulls the profiles instead.
 */
export async function snapshotManifest(db: Database, officer: Officer, layout: string | undefined): Promise<SnapshotManifest> {
  if (layout !== SNAPSHOT_LAYOUT) throw notFound(`snapshots are built in layout ${SNAPSHOT_LAYOUT} only: pull the profiles instead`);
  const codes = await scopeOf(db, officer);
  if (codes.length === 0) return { seq: '0', profiles: 0, chunks: [] };
  const scope = codes.join(',');
  let snapshot = await latestSnapshot(db, scope);
  if (!snapshot || !(await isFresh(db, codes, snapshot))) {
    const builds = buildsUnderWay(db);
    let pending = builds.get(scope);
    if (!pending) {
      pending = build(db, codes, SNAPSHOT_CHUNK_PROFILES, 'newest', true).finally(() => builds.delete(scope));
      builds.set(scope, pending);
    }
    snapshot = await pending;
  }
  const chunks = await queryRows<{ sha256: string; profiles: number; size: number }>(
    db,
    sql`
    SELECT c.sha256, c.profiles, c.size FROM unnest(${sql.param(snapshot.chunks)}::text[]) WITH ORDINALITY AS s(sha256, i)
    JOIN snapshot_chunks c ON c.sha256 = s.sha256 WHERE c.profiles > 0 ORDER BY s.i`,
  );
  return { seq: snapshot.seq, profiles: snapshot.profiles, chunks };
}

/**
 * Chunk bodies served lately, by address. A chunk never changes, so a jurisdiction's Monday morning reads each body
 * from the database once rather than once per officer (decoding bytea was most of a first sync's cost); who may have
 * it and whether it is still kept are asked of the database every time.
 */
const chunkBodies = new LRUCache<string, Buffer>({ maxSize: CHUNK_CACHE_BYTES, sizeCalculation: (body) => body.length });

/** The officer's scope and the scopes of the kept snapshots listing a chunk; its body unless `cached`. */
const prepareChunkRead = (db: Database, cached: boolean) =>
  db
    .select({
      body: cached ? sql<null>`NULL` : snapshotChunks.body,
      scope: sql<string | null>`array_to_string(${jurisdictionOf(sql.placeholder('unitId'))}, ',')`,
      scopes: sql<string[]>`ARRAY(SELECT DISTINCT s.scope FROM profile_snapshots s WHERE ${snapshotChunks.sha256} = ANY(s.chunks))`,
    })
    .from(snapshotChunks)
    .where(eq(snapshotChunks.sha256, sql.placeholder('sha256')))
    .prepare(cached ? 'snapshot_chunk_access' : 'snapshot_chunk_read');
/** Prepared once per database: a first sync asks about a hundred chunks. */
const chunkReads = perDatabase((db) => ({ cached: prepareChunkRead(db, true), uncached: prepareChunkRead(db, false) }));

/**
 * A chunk's bytes (their parts compressed already), for an officer whose jurisdiction has a kept snapshot listing it
 * (the chunks hold internal fields such as the risk class).
 */
export async function readSnapshotChunk(db: Database, officer: Officer, sha256: string): Promise<Buffer> {
  const cached = chunkBodies.get(sha256);
  const [row] = await chunkReads(db)[cached ? 'cached' : 'uncached'].execute({ unitId: officer.unitId, sha256 });
  if (!row) throw notFound(`no snapshot chunk ${sha256}: ask for the current snapshot again`);
  if (!maySnapshotChunk(row.scope ?? '', row.scopes))
    throw forbidden(`snapshot chunk ${sha256} is not of your unit's jurisdiction: ask for the current snapshot again`);
  const body = cached ?? Buffer.from(row.body!);
  if (!cached) chunkBodies.set(sha256, body);
  return body;
}
