// The one repository of enterprise profiles, read through an in-memory directory per database over the chunks of
// profileStore.ts. The directory is kept current incrementally: chunks are immutable and numbered in write order, so
// only the chunks above the last one seen are read. Every read touches the epoch and the chunk range in IndexedDB, so
// a liveQuery over any of these calls re-runs when a pull lands.
import { enterpriseSchema, type Enterprise } from '@shared/domain/model';
import type { OneVisitDb, StoredDirectorySnapshot } from './db';
import { DirectoryColumns, unpackedStrings, type DirectoryChunk, type SearchOrders } from './directoryColumns';
import type { DirectoryEntry } from './enterpriseKeys';
import { activeProfileEpoch, DamagedProfileError, directoryChunksAfter, profileText } from './profileStore';

interface Directory {
  epoch: number;
  lastChunk: number;
  columns: DirectoryColumns;
  /** The columns were handed to a reader (all()), who keeps them as they are: the next chunk is applied to a copy. */
  shared: boolean;
  /** The last chunk the persisted snapshot covers (0: none), so an unchanged directory is not written again. */
  snapshotChunk: number;
}

/**
 * Directory chunks read at a time: IndexedDB hands a read's values over in one task, every value deserialised in it
 * (at 1,000,000 profiles a load without a snapshot reads 1,000 chunks, and the window may find a hundred landed
 * during a first sync); the chunks read are applied in pieces between pauses (APPLY_MS).
 */
const CHUNKS_READ = 16;

/** Resolves in a task of its own, letting the window draw and answer input in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Work between pauses while chunks are applied: at 1,000,000 profiles a chunk takes a few milliseconds, and the window
 * may find dozens landed since it last looked during a first sync.
 */
const APPLY_MS = 40;

/**
 * The persisted snapshot (a row of directorySnapshots, see StoredDirectorySnapshot) as columns, used as they are: the
 * string columns packed (a text and its offsets each, see stringColumn.ts), the number columns and the search orders
 * as the typed arrays IndexedDB stored; nothing is parsed. A row an earlier version wrote has no packed strings: it is
 * read as none, so the load folds the chunks and writes a new one.
 */
async function readSnapshot(db: OneVisitDb, epoch: number): Promise<Directory | undefined> {
  const row = await db.directorySnapshots.get(epoch);
  if (!row?.packed) return undefined;
  const columns = DirectoryColumns.of(unpackedStrings(row.packed), row.numbers, row.orders);
  return { epoch, lastChunk: row.lastChunk, columns, shared: false, snapshotChunk: row.lastChunk };
}

/**
 * Persists the live directory as a snapshot when it changed since the last one. The sync worker runs it behind a
 * pull (see scheduleDirectorySnapshot), so the serialising and the write stay off the window's thread and off the pull's
 * critical path. Built without holding a transaction: the snapshot names its epoch and last chunk, so a reader applies
 * what came after it, and ignores it once the epoch has changed.
 */
async function saveDirectorySnapshot(db: OneVisitDb): Promise<void> {
  const directory = await loadDirectory(db);
  if (directory.lastChunk === directory.snapshotChunk) return;
  // The row describes one state: chunks landing while the orders are brought up to date go to a copy.
  const { columns, epoch, lastChunk } = directory;
  directory.shared = true;
  await Promise.resolve(columns.sortOrders(nextTask));
  const row: StoredDirectorySnapshot = {
    epoch,
    lastChunk,
    orders: columns.ordersCopy(),
    packed: columns.packedStrings(),
    numbers: columns.numbersCopy(),
  };
  // One row: an older epoch's snapshot is of no use once this epoch is live.
  await db.transaction('rw', db.directorySnapshots, async () => {
    await db.directorySnapshots.where('epoch').notEqual(row.epoch).delete();
    await db.directorySnapshots.put(row);
  });
  directory.snapshotChunk = row.lastChunk;
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
      // Started from a timer, outside the caller's context: a cold load runs inside a live query, where Dexie refuses
      // the write ("readwrite transaction in liveQuery context").
      .then(() => new Promise<void>((resolve, reject) => setTimeout(() => saveDirectorySnapshot(db).then(resolve, reject))))
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
  const directory = (await readSnapshot(db, epoch)) ?? {
    epoch,
    lastChunk: 0,
    columns: DirectoryColumns.empty(),
    shared: false,
    snapshotChunk: 0,
  };
  let since = performance.now();
  for (;;) {
    const chunks = await directoryChunksAfter(db, epoch, directory.lastChunk, CHUNKS_READ);
    for (const chunk of chunks) {
      if (performance.now() - since > APPLY_MS) {
        await Promise.resolve(nextTask());
        since = performance.now();
      }
      applyChunk(directory, chunk);
    }
    if (chunks.length < CHUNKS_READ) break;
  }
  directories.set(db, directory);
  if (directory.lastChunk !== directory.snapshotChunk && (await settledSinceLastSync(db))) scheduleDirectorySnapshot(db);
}

async function loadDirectory(db: OneVisitDb): Promise<Directory> {
  const known = directories.get(db);
  // The usual case, a directory already loaded: read the epoch and the newer chunks at once (one round trip, not two).
  const [epoch, guessed] = await Promise.all([
    activeProfileEpoch(db),
    known ? directoryChunksAfter(db, known.epoch, known.lastChunk, CHUNKS_READ) : undefined,
  ]);
  if (known && known.epoch === epoch && guessed && directories.get(db) === known) {
    // Reads interleave: another caller may have applied some of these meanwhile; a chunk is applied at once, in order.
    const started = performance.now();
    let applied = false;
    for (const chunk of guessed) {
      if (chunk.id <= known.lastChunk) continue;
      // Pausing, then starting over: the directory may have been replaced meanwhile, and more chunks landed.
      if (applied && performance.now() - started > APPLY_MS) {
        await Promise.resolve(nextTask());
        return loadDirectory(db);
      }
      applyChunk(known, chunk);
      applied = true;
    }
    if (guessed.length < CHUNKS_READ) return known;
    // More landed than one read takes: the rest after a pause.
    await Promise.resolve(nextTask());
    return loadDirectory(db);
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
  if (directory.shared) {
    directory.columns = directory.columns.copy();
    directory.shared = false;
  }
  directory.columns.apply(chunk);
  directory.lastChunk = chunk.id;
}

// Thrown by the reads of profiles (a block that cannot be decompressed or lacks a profile) and by their checks below.
export { DamagedProfileError };

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
      const guess = directories.get(db)?.columns.get(id);
      // A guessed read that failed counts only if the entry still points there (a compaction may have moved it).
      const guessing =
        guess &&
        profileText(db, guess.chunk, guess.slot).then(
          (text) => ({ text }),
          (error: unknown) => ({ error }),
        );
      const [directory, guessed] = await Promise.all([loadDirectory(db), guessing]);
      const entry = directory.columns.get(id);
      if (!entry) return undefined;
      const kept = guess && entry.chunk === guess.chunk && entry.slot === guess.slot ? guessed : undefined;
      if (kept && 'error' in kept) throw kept.error;
      const text = kept ? kept.text : await profileText(db, entry.chunk, entry.slot);
      return text === undefined ? undefined : storedProfile(id, text);
    },
    /** The compact keys of these ids, in order (undefined where the profile is not on this machine): objects made for them. */
    async keys(ids: readonly string[]): Promise<(DirectoryEntry | undefined)[]> {
      const { columns } = await loadDirectory(db);
      return ids.map((id) => columns.get(id));
    },
    /**
     * Every stored key as columns that stay as they are (chunks landing later change a copy), with a version that
     * changes whenever the set does (for caches built over it) and their search orders.
     */
    async all(): Promise<{ version: string; columns: DirectoryColumns; orders: SearchOrders }> {
      const directory = await loadDirectory(db);
      directory.shared = true;
      const { columns, epoch, lastChunk } = directory;
      // In pieces: after a first sync every profile is sorted (some 3 s of CPU at 1,000,000), and the window keeps
      // drawing meanwhile. Chunks landing meanwhile go to a copy, which starts from these orders.
      await Promise.resolve(columns.readyForSearch(nextTask));
      return { version: `${epoch}:${lastChunk}`, columns, orders: columns.searchOrders() };
    },
    async count(): Promise<number> {
      return (await loadDirectory(db)).columns.size;
    },
    /** The industries present among the stored profiles, sorted, each once. */
    async industries(): Promise<string[]> {
      const found = new Set((await loadDirectory(db)).columns.strings.industry.values());
      return [...found].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    },
  };
}
