// Where pulled pages are written. The app writes them in a Web Worker (workerPullStore) so validating and storing
// 100,000 profiles never blocks the window; tests and the worker itself use the in-process store.
import { ApiError } from '@shared/api/client';
import { pullResponseSchema, type PullResponse } from '@shared/sync/protocol';
import type { OneVisitDb } from '../data/db';
import { scheduleDirectorySnapshot } from '../data/enterpriseDirectory';
import { compactProfiles } from '../data/profileStore';
import { pullRepository } from '../data/pullRepository';

export interface PullState {
  cursor: string;
  /** A replacement sync (after a cursor reset) is being staged. */
  replacing: boolean;
}

export interface PullStore {
  state(): Promise<PullState>;
  /** Validates a page as the bridge handed it over and writes it together with its cursor. */
  applyPage(page: unknown): Promise<void>;
  /** Starts staging a replacement sync from the empty cursor. */
  beginReplacement(): Promise<void>;
  /** Swaps the completed replacement in (and schedules the directory snapshot, see scheduleDirectorySnapshot). */
  finishReplacement(): Promise<void>;
  /** Folds the overlay of small profile chunks back into full ones once it has grown (see compactProfiles), then schedules the directory snapshot. */
  compact(): Promise<void>;
}

export function parsePullPage(page: unknown): PullResponse {
  const parsed = pullResponseSchema.safeParse(page);
  if (!parsed.success) throw new ApiError('invalid_response', `unexpected pull page: ${parsed.error.message}`);
  return parsed.data as PullResponse;
}

export function localPullStore(db: OneVisitDb): PullStore {
  const repo = pullRepository(db);
  return {
    state: () => repo.pullState(),
    applyPage: (page) => repo.applyPullPage(parsePullPage(page)),
    beginReplacement: () => repo.beginReplacement(),
    // Both end a pull: the directory snapshot for the next cold start is written after it, in the worker.
    finishReplacement: async () => {
      await repo.finishReplacement();
      scheduleDirectorySnapshot(db);
    },
    compact: async () => {
      await compactProfiles(db);
      scheduleDirectorySnapshot(db);
    },
  };
}
