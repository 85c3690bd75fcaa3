// The one repository of enterprise profiles, read through an in-memory directory per database over the chunks of
// profileStore.ts. The directory is kept current incrementally: chunks are immutable and numbered in write order, so
// only the chunks above the last one seen are read. Every read touches the epoch and the chunk range in IndexedDB, so
// a liveQuery over any of these calls re-runs when a pull lands.
import type { EnterpriseKey } from '@shared/domain/directory';
import { enterpriseSchema, type Enterprise } from '@shared/domain/model';
import type { OneVisitDb } from './db';
import type { DirectoryChunk, DirectoryEntry } from './enterpriseKeys';
import { activeProfileEpoch, directoryChunksAfter, foldChunk, profileText } from './profileStore';

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

/**
 * Positions of `keys` sorted by `value` (code-unit order, as the prefix search compares). The values are read once, and
 * an Array of positions is sorted rather than the typed array: about twice as fast at 100,000 keys in V8.
 */
export function sortedOrder<K>(keys: readonly K[], value: (key: K) => string): Int32Array {
  const values = keys.map(value);
  const positions = Array.from(keys.keys());
  positions.sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return Int32Array.from(positions);
}

export function searchOrders(keys: readonly EnterpriseKey[]): SearchOrders {
  return { byId: sortedOrder(keys, (k) => k.id), byInitials: sortedOrder(keys, (k) => k.initials) };
}

/**
 * The whole directory of an epoch as one value (a row of directorySnapshots), written by the sync worker after a pull:
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
  const text = (await db.directorySnapshots.get(epoch))?.json;
  if (!text) return undefined;
  const snap = JSON.parse(text) as DirectorySnapshot;
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
  // One row: an older epoch's snapshot is of no use once this epoch is live.
  await db.transaction('rw', db.directorySnapshots, async () => {
    await db.directorySnapshots.where('epoch').notEqual(snap.epoch).delete();
    await db.directorySnapshots.put({ epoch: snap.epoch, json: JSON.stringify(snap) });
  });
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
    previous
      .then(() => saveDirectorySnapshot(db))
      .catch((error: unknown) => {
        // Closed by a sign-out or a wipe: there is nothing left to speed up.
        if (!(error instanceof Error && error.name === 'DatabaseClosedError')) console.warn('the directory snapshot was not saved', error);
      }),
  );
}

/** Resolves when the snapshots scheduled so far for this database are written (or failed). */
export function directorySnapshotSettled(db: OneVisitDb): Promise<void> {
  return snapshotWrites.get(db) ?? Promise.resolve();
}

const directories = new WeakMap<OneVisitDb, Directory>();
const coldLoads = new WeakMap<OneVisitDb, { epoch: number; load: Promise<void> }>();

/**
 * Loads an epoch's directory (the snapshot, then the chunks after it) once for all who ask while it loads: at a cold
 * start the task list, the search and the map all load it at once, and each would parse the same several-MB snapshot,
 * or without one read and fold every chunk. A load that failed is forgotten, so the next caller tries again.
 */
function coldLoad(db: OneVisitDb, epoch: number): Promise<void> {
  const loading = coldLoads.get(db);
  if (loading?.epoch === epoch) return loading.load;
  const load = readDirectory(db, epoch).finally(() => {
    if (coldLoads.get(db)?.load === load) coldLoads.delete(db);
  });
  coldLoads.set(db, { epoch, load });
  return load;
}

async function readDirectory(db: OneVisitDb, epoch: number): Promise<void> {
  const directory = (await readSnapshot(db, epoch)) ?? { epoch, lastChunk: 0, entries: new Map(), snapshotChunk: 0 };
  for (const chunk of await directoryChunksAfter(db, epoch, directory.lastChunk)) applyChunk(directory, chunk);
  directories.set(db, directory);
  if (directory.lastChunk !== directory.snapshotChunk && (await settledSinceLastSync(db))) scheduleDirectorySnapshot(db);
}

async function loadDirectory(db: OneVisitDb): Promise<Directory> {
  const known = directories.get(db);
  // The usual case, a directory already loaded: read the epoch and the newer chunks at once (one round trip, not two).
  const [epoch, guessed] = await Promise.all([
    activeProfileEpoch(db),
    known ? directoryChunksAfter(db, known.epoch, known.lastChunk) : undefined,
  ]);
  if (known && known.epoch === epoch && guessed && directories.get(db) === known) {
    // Reads interleave: another caller may have applied some of these meanwhile; applying is synchronous and in chunk order.
    for (const chunk of guessed) if (chunk.id > known.lastChunk) applyChunk(known, chunk);
    return known;
  }
  // Wrapped as Dexie asks of promises made elsewhere (here in another caller's liveQuery), so this caller's own liveQuery
  // still records what it reads next.
  if (directories.get(db)?.epoch !== epoch) await Promise.resolve(coldLoad(db, epoch));
  // Then the usual case, with reads of this caller's own: a liveQuery re-runs on changes to what it read itself, not
  // to what the shared load read, and chunks may have landed since.
  return loadDirectory(db);
}

/**
 * Whether a directory loaded ahead of its snapshot should write one now: it was missing or behind (a device upgraded
 * from a version without one, a write that failed), so the next cold start reads it instead of every chunk; the next
 * pull would write it too, but may be days away. Not while a first sync or a replacement is under way: its pulls
 * write the snapshot when they end, and the window's thread is busy enough then.
 */
async function settledSinceLastSync(db: OneVisitDb): Promise<boolean> {
  const [synced, bootstrap, replacement] = await db.meta.bulkGet(['lastSyncedAt', 'bootstrap', 'replacement']);
  return synced !== undefined && bootstrap === undefined && replacement === undefined;
}

function applyChunk(directory: Directory, chunk: DirectoryChunk): void {
  foldChunk(directory.entries, chunk);
  directory.lastChunk = chunk.id;
  directory.orders = undefined;
}

/** A stored profile that fails its schema: snapshot chunks store profiles unchecked (see snapshotChunk.ts), so it is found when read. */
export class DamagedProfileError extends Error {}

/**
 * The profiles checked last, by their stored text: reading one again (its page's live query answering after the page
 * drew what a first read gave it) yields the same object, so nothing is drawn twice. Profiles are never mutated.
 */
const checkedProfiles = new Map<string, Enterprise>();
const CHECKED_PROFILES = 16;

function storedProfile(id: string, text: string): Enterprise {
  const known = checkedProfiles.get(text);
  if (known?.id === id) return known;
  const profile = checkedProfile(id, text);
  checkedProfiles.set(text, profile);
  if (checkedProfiles.size > CHECKED_PROFILES) checkedProfiles.delete(checkedProfiles.keys().next().value!);
  return profile;
}

function checkedProfile(id: string, text: string): Enterprise {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DamagedProfileError(`the profile of ${id} stored on this machine is not JSON: ${String(error)}`);
  }
  const parsed = enterpriseSchema.safeParse(json);
  if (!parsed.success)
    throw new DamagedProfileError(`the profile of ${id} stored on this machine is not as expected: ${parsed.error.message}`);
  if (parsed.data.id !== id) throw new DamagedProfileError(`the profile stored for ${id} is that of ${parsed.data.id}`);
  return parsed.data;
}

export function enterpriseDirectory(db: OneVisitDb) {
  return {
    /** The full profile (dossier) by enterprise id, which is its USCC. */
    async get(id: string): Promise<Enterprise | undefined> {
      // The block the loaded directory points at is read while the directory is brought up to date (one round trip,
      // not two): blocks never change, so the text is right whenever the entry is still the same.
      const guess = directories.get(db)?.entries.get(id);
      const [directory, guessed] = await Promise.all([loadDirectory(db), guess && profileText(db, guess.chunk, guess.slot)]);
      const entry = directory.entries.get(id);
      if (!entry) return undefined;
      const text = entry === guess ? guessed : await profileText(db, entry.chunk, entry.slot);
      return text === undefined ? undefined : storedProfile(id, text);
    },
    /** The compact keys of these ids, in order (undefined where the profile is not on this machine). */
    async keys(ids: readonly string[]): Promise<(DirectoryEntry | undefined)[]> {
      const { entries } = await loadDirectory(db);
      return ids.map((id) => entries.get(id));
    },
    /** Every stored key, with a version that changes whenever the set does (for caches built over it). */
    async all(): Promise<{ version: string; entries: DirectoryEntry[]; orders: SearchOrders }> {
      const directory = await loadDirectory(db);
      const entries = [...directory.entries.values()];
      // Sorted once per state of the directory, not at every opening of the instant check.
      directory.orders ??= searchOrders(entries);
      return { version: `${directory.epoch}:${directory.lastChunk}`, entries, orders: directory.orders };
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
