// State of the sync control: one sync at a time, its progress, and the outcome of the last one.
import { create } from 'zustand';
import type { OneVisitDb } from '../data/db';
import { pullRepository } from '../data/pullRepository';
import { attachmentsRepository } from '../data/attachmentsRepository';
import { latestEvery } from '../lib/latestEvery';
import { makeThumbnail } from '../lib/thumbnail';
import { measured } from '../lib/timing';
import { readOriginalRetentionDays } from './syncSettings';
import { errorKind, errorMessage, type ErrorKind } from '../platform/errors';
import { syncNow, type SyncBridge, type SyncProgress, type SyncResult } from '../sync/syncNow';
import { startPullWorker, workerPullStore } from '../sync/workerPullStore';

export type SyncUiState = 'idle' | 'syncing' | 'done' | 'error';

interface SyncStore {
  state: SyncUiState;
  progress: SyncProgress | null;
  lastSyncedAt: string | null;
  lastResult: SyncResult | null;
  error: { kind: ErrorKind; message: string } | null;
  /** Loads what the database remembers of earlier syncs (after sign-in or reload); an officer who syncs gets the sync worker started. */
  load(db: OneVisitDb, options?: { warmWorker?: boolean }): Promise<void>;
  /** Starts a sync worker once the sign-in screen is idle, so it has loaded by the first sync the sign-in starts. */
  prepareWorker(): void;
  run(bridge: SyncBridge, db: OneVisitDb): Promise<void>;
  reset(): void;
}

/** A first sync reports after each of its hundred-odd chunks and pages, and each report redraws the sync control. */
const PROGRESS_INTERVAL_MS = 250;

const initial = { state: 'idle' as const, progress: null, lastSyncedAt: null, lastResult: null, error: null };

/**
 * The sync worker of the open database, kept from round to round: starting one loads the write path (validation,
 * pinyin) and its directory again, which an incremental pull would pay every time. Dropped after a failed round (a
 * worker that died answers nothing) and when the database changes or the officer signs out.
 */
let kept: { db: OneVisitDb; store: ReturnType<typeof workerPullStore> } | null = null;

/** A worker started before sign-in (prepareWorker), for the first database that needs one. */
let spare: Worker | null = null;

function dropWorker(): void {
  kept?.store.close();
  kept = null;
}

function dropSpare(): void {
  spare?.terminate();
  spare = null;
}

/** The kept sync worker of `db`, started when there is none (it loads while the caller goes on). */
function workerOf(db: OneVisitDb): ReturnType<typeof workerPullStore> {
  if (kept?.db !== db) {
    dropWorker();
    kept = { db, store: workerPullStore(db, spare ?? undefined) };
    spare = null;
  }
  return kept.store;
}

/**
 * Starts the sync worker once the window is idle after a start, so the first round does not wait for it to load (about
 * half a second); a worker that fails to start is dropped, and the round then starts its own.
 */
/**
 * How long after a start the worker is warmed: loading its code and its copy of the directory takes a few hundred ms
 * of CPU, which would compete with the window's own first reads (the task list, the search) on a two-core laptop.
 */
const WARM_WORKER_AFTER_MS = 3_000;

/** Counts resets (sign-outs): a warm-up planned before one must not start a worker for a database being wiped. */
let resets = 0;

function warmWorker(db: OneVisitDb): void {
  const planned = resets;
  setTimeout(
    () =>
      whenIdleWithWorkers(10_000, () => {
        if (planned !== resets || !db.isOpen() || kept) return;
        const store = workerOf(db);
        store.ready.catch(() => {
          if (kept?.store === store) dropWorker();
        });
      }),
    WARM_WORKER_AFTER_MS,
  );
}

/** Runs `start` once the window is idle (after `timeoutMs` at the latest), in a host that has workers. */
function whenIdleWithWorkers(timeoutMs: number, start: () => void): void {
  if (typeof Worker === 'undefined' || typeof requestIdleCallback === 'undefined') return;
  requestIdleCallback(start, { timeout: timeoutMs });
}

/** Pulled pages are written by the worker; in-process only where there are no workers (unit tests in Node). */
async function syncWithWorker(bridge: SyncBridge, db: OneVisitDb, onProgress: (progress: SyncProgress) => void): Promise<SyncResult> {
  if (typeof Worker === 'undefined') return syncNow(bridge, db, onProgress);
  const store = workerOf(db);
  try {
    await measured('sync-worker-start', () => store.ready);
  } catch (error) {
    // A host that cannot start the worker still syncs, only on the window's thread.
    console.warn(error);
    dropWorker();
    return syncNow(bridge, db, onProgress);
  }
  try {
    return await syncNow(bridge, db, onProgress, { pullStore: store });
  } catch (error) {
    dropWorker();
    throw error;
  }
}

/** After a sync: photo originals verified longer ago than the retention setting make way for their thumbnails. */
async function dropOldOriginals(db: OneVisitDb): Promise<void> {
  try {
    await attachmentsRepository(db).dropVerifiedOriginals({
      now: new Date(),
      retentionDays: readOriginalRetentionDays(),
      thumbnail: makeThumbnail,
    });
  } catch (error) {
    // Storage is reclaimed at the next sync; nothing the officer has is at stake.
    console.warn('photo originals could not be dropped', error);
  }
}

export const useSyncStore = create<SyncStore>((set, get) => ({
  ...initial,

  async load(db, { warmWorker: warm = false } = {}) {
    set({ ...initial, lastSyncedAt: await pullRepository(db).lastSyncedAt() });
    if (warm) warmWorker(db);
    // Signed in as an officer who does not sync.
    else dropSpare();
  },

  prepareWorker() {
    whenIdleWithWorkers(2_000, () => {
      if (!spare && !kept) spare = startPullWorker();
    });
  },

  async run(bridge, db) {
    if (get().state === 'syncing') return;
    set({ state: 'syncing', progress: null, error: null });
    const progress = latestEvery(PROGRESS_INTERVAL_MS, (value: SyncProgress) => set({ progress: value }));
    try {
      const result = await syncWithWorker(bridge, db, progress.report);
      progress.stop();
      set({ state: 'done', lastResult: result, lastSyncedAt: result.lastSyncedAt, progress: null });
    } catch (error) {
      progress.stop();
      set({ state: 'error', error: { kind: errorKind(error), message: errorMessage(error) }, progress: null });
      return;
    }
    await dropOldOriginals(db);
  },

  reset() {
    resets += 1;
    dropWorker();
    dropSpare();
    set(initial);
  },
}));
