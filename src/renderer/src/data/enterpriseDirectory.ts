// The one repository of enterprise profiles (see ProfileChunk in db.ts for the layout). Reads go through an in-memory
// directory per database, kept current incrementally: chunks are immutable and numbered in write order, so only the
// chunks above the last one seen are read. Every read touches the epoch and the chunk range in IndexedDB, so a
// liveQuery over any of these calls re-runs when a pull lands.
import type { Enterprise } from '@shared/domain/model';
import type { DirectoryChunk, DirectoryEntry, EnterpriseKey, OneVisitDb } from './db';
import { profileChunkOf } from './enterpriseKeys';

interface Directory {
  epoch: number;
  lastChunk: number;
  entries: Map<string, DirectoryEntry>;
  /** The search orders of `entries` (in their iteration order), while they still match: from a snapshot, until a chunk lands. */
  orders?: SearchOrders;
  /** The last chunk the persisted snapshot covers (0: none), so an unchanged directory is not written again. */
  snapshotChunk: number;
}

/** Positions of the entries sorted by id (the USCC) and by pinyin initials, for prefix lookups by binary search. */
export interface SearchOrders {
  byId: Int32Array;
  byInitials: Int32Array;
}

/** Positions of `keys` sorted by `value` (code-unit order, as the prefix search compares). */
export function sortedOrder<K>(keys: readonly K[], value: (key: K) => string): Int32Array {
  return Int32Array.from(keys.keys()).sort((a, b) => {
    const x = value(keys[a]!);
    const y = value(keys[b]!);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function searchOrders(keys: readonly EnterpriseKey[]): SearchOrders {
  return { byId: sortedOrder(keys, (k) => k.id), byInitials: sortedOrder(keys, (k) => k.initials) };
}

/**
 * The whole directory of an epoch as one value (meta `directorySnapshot`), written by the sync worker after a pull:
 * columns instead of objects (one JSON parse of a few long arrays) plus the search orders, so a cold start reads one
 * row instead of every directory chunk and sorts nothing. Chunks above `lastChunk` are applied on top as usual.
 */
interface DirectorySnapshot {
  epoch: number;
  lastChunk: number;
  id: string[];
  name: string[];
  initials: string[];
  districtCode: string[];
  riskClass: string;
  /** Bits: 1 black-listed, 2 red-listed, 4 dishonest debtor. */
  flags: number[];
  penalties: number[];
  disputedPenalties: number[];
  industry: string[];
  lng: number[];
  lat: number[];
  chunk: number[];
  slot: number[];
  byId: number[];
  byInitials: number[];
}

async function readSnapshot(db: OneVisitDb, epoch: number): Promise<Directory | undefined> {
  const text = (await db.meta.get('directorySnapshot'))?.value;
  if (!text) return undefined;
  const snap = JSON.parse(text) as DirectorySnapshot;
  if (snap.epoch !== epoch) return undefined;
  const entries = new Map<string, DirectoryEntry>();
  for (let i = 0; i < snap.id.length; i++) {
    const flags = snap.flags[i]!;
    entries.set(snap.id[i]!, {
      id: snap.id[i]!,
      name: snap.name[i]!,
      initials: snap.initials[i]!,
      districtCode: snap.districtCode[i]!,
      riskClass: snap.riskClass.charAt(i) as DirectoryEntry['riskClass'],
      blackListed: (flags & 1) !== 0,
      redListed: (flags & 2) !== 0,
      dishonestDebtor: (flags & 4) !== 0,
      penalties: snap.penalties[i]!,
      disputedPenalties: snap.disputedPenalties[i]!,
      industry: snap.industry[i]!,
      lng: snap.lng[i]!,
      lat: snap.lat[i]!,
      chunk: snap.chunk[i]!,
      slot: snap.slot[i]!,
    });
  }
  return {
    epoch,
    lastChunk: snap.lastChunk,
    entries,
    snapshotChunk: snap.lastChunk,
    orders: { byId: Int32Array.from(snap.byId), byInitials: Int32Array.from(snap.byInitials) },
  };
}

/**
 * Persists the live directory as a snapshot when it changed since the last one. The sync worker runs it behind a
 * pull (see scheduleDirectorySnapshot), so the sorting and the write stay off the window's thread and off the pull's
 * critical path. Built without holding a transaction: the snapshot names its epoch and last chunk, so a reader applies
 * what came after it, and ignores it once the epoch has changed.
 */
async function saveDirectorySnapshot(db: OneVisitDb): Promise<void> {
  const directory = await loadDirectory(db);
  if (directory.lastChunk === directory.snapshotChunk) return;
  // From here to the write nothing awaits, so the columns, the orders and lastChunk describe one state.
  const all = [...directory.entries.values()];
  const orders = directory.orders ?? searchOrders(all);
  directory.orders = orders;
  const column = <T>(value: (entry: DirectoryEntry) => T) => all.map(value);
  const snap: DirectorySnapshot = {
    epoch: directory.epoch,
    lastChunk: directory.lastChunk,
    id: column((e) => e.id),
    name: column((e) => e.name),
    initials: column((e) => e.initials),
    districtCode: column((e) => e.districtCode),
    riskClass: column((e) => e.riskClass).join(''),
    flags: column((e) => (e.blackListed ? 1 : 0) | (e.redListed ? 2 : 0) | (e.dishonestDebtor ? 4 : 0)),
    penalties: column((e) => e.penalties),
    disputedPenalties: column((e) => e.disputedPenalties),
    industry: column((e) => e.industry),
    lng: column((e) => e.lng),
    lat: column((e) => e.lat),
    chunk: column((e) => e.chunk),
    slot: column((e) => e.slot),
    byId: Array.from(orders.byId),
    byInitials: Array.from(orders.byInitials),
  };
  await db.meta.put({ key: 'directorySnapshot', value: JSON.stringify(snap) });
  directory.snapshotChunk = snap.lastChunk;
}

const snapshotWrites = new WeakMap<OneVisitDb, Promise<void>>();

/**
 * Writes the directory snapshot after a pull without holding the pull up: it only speeds up the next cold start
 * (at 100,000 profiles it is a value of several MB), and a cold start without it reads the chunks instead. Writes
 * queue up per database, so the last one written is the newest.
 */
export function scheduleDirectorySnapshot(db: OneVisitDb): void {
  const previous = snapshotWrites.get(db) ?? Promise.resolve();
  snapshotWrites.set(
    db,
    previous.then(() => saveDirectorySnapshot(db)).catch((error: unknown) => console.warn('the directory snapshot was not saved', error)),
  );
}

/** Resolves when the snapshots scheduled so far for this database are written (or failed). */
export function directorySnapshotSettled(db: OneVisitDb): Promise<void> {
  return snapshotWrites.get(db) ?? Promise.resolve();
}

const directories = new WeakMap<OneVisitDb, Directory>();
/** Decoded profile chunks, most recently used last; chunks never change, so entries never go stale. */
const textCache = new WeakMap<OneVisitDb, Map<number, string[]>>();
const TEXT_CACHE_CHUNKS = 8;

export async function activeProfileEpoch(db: OneVisitDb): Promise<number> {
  return Number((await db.meta.get('profileEpoch'))?.value ?? 0);
}

const newerChunks = (db: OneVisitDb, epoch: number, after: number) =>
  db.directoryChunks
    .where('[epoch+id]')
    .between([epoch, after + 1], [epoch, Infinity])
    .toArray();

async function loadDirectory(db: OneVisitDb): Promise<Directory> {
  const known = directories.get(db);
  // The usual case, a directory already loaded: read the epoch and the newer chunks at once (one round trip, not two).
  const [epoch, guessed] = await Promise.all([activeProfileEpoch(db), known ? newerChunks(db, known.epoch, known.lastChunk) : undefined]);
  if (known && known.epoch === epoch && guessed && directories.get(db) === known) {
    for (const chunk of guessed) if (chunk.id > known.lastChunk) applyChunk(known, chunk);
    return known;
  }
  let directory = directories.get(db);
  if (!directory || directory.epoch !== epoch) {
    const loaded = (await readSnapshot(db, epoch)) ?? { epoch, lastChunk: 0, entries: new Map(), snapshotChunk: 0 };
    // Another caller may have loaded it meanwhile.
    if (directories.get(db)?.epoch === epoch) return loadDirectory(db);
    directory = loaded;
    directories.set(db, directory);
  }
  const chunks = await newerChunks(db, epoch, directory.lastChunk);
  // Another caller may have applied these meanwhile (reads interleave); applying is synchronous and in chunk order.
  const current = directories.get(db);
  if (current !== directory) return loadDirectory(db);
  for (const chunk of chunks) if (chunk.id > directory.lastChunk) applyChunk(directory, chunk);
  return directory;
}

function applyChunk(directory: Directory, chunk: DirectoryChunk): void {
  for (const id of chunk.deleted) directory.entries.delete(id);
  for (const entry of JSON.parse(chunk.entries) as Omit<DirectoryEntry, 'chunk'>[])
    directory.entries.set(entry.id, { ...entry, chunk: chunk.id });
  directory.lastChunk = chunk.id;
  directory.orders = undefined;
}

async function chunkTexts(db: OneVisitDb, chunk: number): Promise<string[] | undefined> {
  let cache = textCache.get(db);
  if (!cache) textCache.set(db, (cache = new Map()));
  const cached = cache.get(chunk);
  if (cached) {
    cache.delete(chunk);
    cache.set(chunk, cached);
    return cached;
  }
  const texts = (await db.profileChunks.get(chunk))?.texts;
  if (!texts) return undefined;
  cache.set(chunk, texts);
  if (cache.size > TEXT_CACHE_CHUNKS) cache.delete(cache.keys().next().value!);
  return texts;
}

export function enterpriseDirectory(db: OneVisitDb) {
  return {
    /** The full profile (dossier) by enterprise id, which is its USCC. */
    async get(id: string): Promise<Enterprise | undefined> {
      const entry = (await loadDirectory(db)).entries.get(id);
      if (!entry) return undefined;
      const text = (await chunkTexts(db, entry.chunk))?.[entry.slot];
      return text === undefined ? undefined : (JSON.parse(text) as Enterprise);
    },
    /** The compact keys of these ids, in order (undefined where the profile is not on this machine). */
    async keys(ids: readonly string[]): Promise<(DirectoryEntry | undefined)[]> {
      const { entries } = await loadDirectory(db);
      return ids.map((id) => entries.get(id));
    },
    /** Every stored key, with a version that changes whenever the set does (for caches built over it). */
    async all(): Promise<{ version: string; entries: DirectoryEntry[]; orders?: SearchOrders }> {
      const directory = await loadDirectory(db);
      return { version: `${directory.epoch}:${directory.lastChunk}`, entries: [...directory.entries.values()], orders: directory.orders };
    },
    async count(): Promise<number> {
      return (await loadDirectory(db)).entries.size;
    },
    /** The industries present among the stored profiles, sorted, each once. */
    async industries(): Promise<string[]> {
      const found = new Set<string>();
      for (const entry of (await loadDirectory(db)).entries.values()) found.add(entry.industry);
      return [...found].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    },
  };
}

/**
 * Writes one batch of profile changes as a new chunk of `epoch`. Call inside a transaction over profileChunks and
 * directoryChunks (the pull writes it together with its cursor).
 */
export async function writeProfileChanges(db: OneVisitDb, epoch: number, upserts: readonly Enterprise[], deleted: string[]): Promise<void> {
  if (upserts.length === 0 && deleted.length === 0) return;
  const last = Number((await db.directoryChunks.orderBy('id').lastKey()) ?? 0);
  const chunk = profileChunkOf(last + 1, epoch, upserts, deleted);
  if (upserts.length > 0) await db.profileChunks.add(chunk.profiles);
  await db.directoryChunks.add(chunk.directory);
}

/** Removes every chunk of an epoch (the profiles a replacement sync superseded, or an abandoned staging). */
export async function dropProfileEpoch(db: OneVisitDb, epoch: number): Promise<void> {
  await db.profileChunks.where('epoch').equals(epoch).delete();
  await db.directoryChunks.where('[epoch+id]').between([epoch, -Infinity], [epoch, Infinity]).delete();
}

/** Chunks of this size or more count as base chunks; smaller ones (incremental pulls) form the overlay. */
const FULL_CHUNK = 500;
const COMPACT_CHUNK = 1000;

/**
 * Keeps the overlay small: when more than `maxOverlay` small chunks have piled up, rewrites the live profiles into
 * full chunks under a new epoch (superseded and deleted profiles are dropped) and swaps it in, in one transaction.
 * Runs in the sync worker after a pull; skipped while a replacement sync is staged.
 */
export async function compactProfiles(db: OneVisitDb, maxOverlay = 64): Promise<boolean> {
  return db.transaction('rw', [db.meta, db.profileChunks, db.directoryChunks], async () => {
    if (await db.meta.get('replacement')) return false;
    const epoch = await activeProfileEpoch(db);
    const chunks = await db.directoryChunks.where('[epoch+id]').between([epoch, -Infinity], [epoch, Infinity]).toArray();
    if (chunks.filter((c) => c.size < FULL_CHUNK).length <= maxOverlay) return false;
    const directory: Directory = { epoch, lastChunk: 0, entries: new Map(), snapshotChunk: 0 };
    for (const chunk of chunks) applyChunk(directory, chunk);
    const live = directory.entries;
    const texts = new Map((await db.profileChunks.bulkGet(chunks.map((c) => c.id))).flatMap((c) => (c ? [[c.id, c.texts] as const] : [])));
    const next = epoch + 1;
    let id = Number((await db.directoryChunks.orderBy('id').lastKey()) ?? 0);
    const all = [...live.values()];
    for (let start = 0; start < all.length; start += COMPACT_CHUNK) {
      id++;
      const batch = all.slice(start, start + COMPACT_CHUNK);
      await db.profileChunks.add({ id, epoch: next, texts: batch.map((e) => texts.get(e.chunk)![e.slot]!) });
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the chunk is the row's id, not stored per entry
      const entries = batch.map(({ chunk, ...entry }, slot) => ({ ...entry, slot }));
      await db.directoryChunks.add({ id, epoch: next, entries: JSON.stringify(entries), size: entries.length, deleted: [] });
    }
    await dropProfileEpoch(db, epoch);
    await db.meta.put({ key: 'profileEpoch', value: String(next) });
    return true;
  });
}
