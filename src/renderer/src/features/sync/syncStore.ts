// State of the sync control: one sync at a time, its progress, and the outcome of the last one.
import { create } from 'zustand';
import type { OneVisitDb } from '../../data/db';
import { syncRepository } from '../../data/syncRepository';
import { errorKind, errorMessage, type ErrorKind } from '../../platform/errors';
import { syncNow, type SyncBridge, type SyncProgress, type SyncResult } from '../../sync/syncNow';

export type SyncUiState = 'idle' | 'syncing' | 'done' | 'error';

interface SyncStore {
  state: SyncUiState;
  progress: SyncProgress | null;
  lastSyncedAt: string | null;
  lastResult: SyncResult | null;
  error: { kind: ErrorKind; message: string } | null;
  /** Loads what the database remembers of earlier syncs (after sign-in or reload). */
  load(db: OneVisitDb): Promise<void>;
  run(bridge: SyncBridge, db: OneVisitDb): Promise<void>;
  reset(): void;
}

const initial = { state: 'idle' as const, progress: null, lastSyncedAt: null, lastResult: null, error: null };

export const useSyncStore = create<SyncStore>((set, get) => ({
  ...initial,

  async load(db) {
    set({ ...initial, lastSyncedAt: await syncRepository(db).lastSyncedAt() });
  },

  async run(bridge, db) {
    if (get().state === 'syncing') return;
    set({ state: 'syncing', progress: null, error: null });
    try {
      const result = await syncNow(bridge, db, (progress) => set({ progress }));
      set({ state: 'done', lastResult: result, lastSyncedAt: result.lastSyncedAt, progress: null });
    } catch (error) {
      set({ state: 'error', error: { kind: errorKind(error), message: errorMessage(error) }, progress: null });
    }
  },

  reset() {
    set(initial);
  },
}));
