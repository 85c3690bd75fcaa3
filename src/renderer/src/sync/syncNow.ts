// One sync round: push the outbox first (so the server judges local edits against what it had), then pull
// until the server has nothing more. Works against any PlatformBridge: Electron IPC or the web bridge.
import type { PlatformBridge } from '@shared/bridge';
import { bridgeErrorOf } from '@shared/bridgeError';
import type { ReceivedPullPage } from '@shared/api/client';
import {
  OPTIONAL_COLLECTIONS,
  PUSH_MAX_MUTATIONS,
  SNAPSHOT_DOWNLOADS,
  type Mutation,
  type MutationResult,
  type SnapshotManifest,
} from '@shared/sync/protocol';
import { SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import type { OneVisitDb } from '../data/db';
import { outboxRepository, type PushOutcome } from '../data/outboxRepository';
import { pullRepository, type Bootstrap } from '../data/pullRepository';
import { attachmentsRepository } from '../data/attachmentsRepository';
import { measured } from '../lib/timing';
import { openLocalPullStore, type PullStore } from './pullStore';

/**
 * The part of the bridge a sync needs. Without `getSnapshotChunk` a first sync pulls its profiles page by page instead
 * of bootstrapping them from a snapshot.
 */
export type SyncBridge = Pick<PlatformBridge, 'pull' | 'call' | 'putAttachment'> & Partial<Pick<PlatformBridge, 'getSnapshotChunk'>>;

export const PULL_PAGE_SIZE = 1000;

const MAX_MERGE_ONLY_ROUNDS = 5;

export interface SyncProgress {
  phase: 'attachments' | 'push' | 'pull';
  /** Attachments uploaded so far in this round. */
  uploaded: number;
  pushed: number;
  /** Records received so far in this round. */
  pulled: number;
  pages: number;
  /** Records this round's pull is expected to bring: received so far plus the server's `remaining` (null until known). */
  expected: number | null;
  /** Size of the pull answers received so far. */
  bytes: number;
  /** When the pull began (ms since the epoch), for the ETA. */
  startedAt: number;
}

export interface SyncResult extends PushOutcome {
  attachmentsUploaded: number;
  attachmentsFailed: number;
  pulled: number;
  pages: number;
  lastSyncedAt: string;
}

/** A round's progress before anything has moved. */
export function startingProgress(startedAt: number): SyncProgress {
  return { phase: 'attachments', uploaded: 0, pushed: 0, pulled: 0, pages: 0, expected: null, bytes: 0, startedAt };
}

/**
 * Runs `work` on every item with at most `width` at once. After a failure no item starts, the ones running finish
 * (their writes are not left behind), and the first failure is thrown.
 */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * A first sync's profiles from the snapshot of the officer's jurisdiction (protocol.ts SnapshotManifest): the chunks
 * not stored yet, downloaded in parallel, each stored with its progress as it arrives. Returns the snapshot's seq for
 * the pull that follows, or undefined when the endpoint offers none (the pull then brings the profiles).
 */
async function bootstrapProfiles(
  bridge: SyncBridge & Pick<PlatformBridge, 'getSnapshotChunk'>,
  store: PullStore,
  started: Bootstrap | null,
  progress: SyncProgress,
  onProgress: (progress: SyncProgress) => void,
  pageSize: number,
): Promise<string | undefined> {
  let bootstrap = started;
  for (let attempt = 0; ; attempt++) {
    if (!bootstrap) {
      let manifest: SnapshotManifest;
      try {
        manifest = await bridge.call('sync.snapshot', { query: { layout: SNAPSHOT_LAYOUT } });
      } catch (error) {
        // An endpoint without snapshots.
        if (bridgeErrorOf(error)?.status === 404) return undefined;
        throw error;
      }
      // Profiles that fit in a pull page come as quickly with the pull: no extra round trips for them.
      if (manifest.profiles <= pageSize) return undefined;
      bootstrap = await store.beginBootstrap(manifest);
    }
    const stored = new Set(bootstrap.stored);
    progress.expected = bootstrap.profiles;
    progress.pulled = bootstrap.chunks.reduce((sum, c) => sum + (stored.has(c.sha256) ? c.profiles : 0), 0);
    onProgress({ ...progress });
    try {
      await inParallel(
        bootstrap.chunks.filter((c) => !stored.has(c.sha256)),
        SNAPSHOT_DOWNLOADS,
        async (chunk) => {
          const bytes = await bridge.getSnapshotChunk(chunk.sha256);
          const size = bytes.byteLength;
          await store.applySnapshotChunk(chunk.sha256, bytes);
          progress.pulled += chunk.profiles;
          progress.bytes += size;
          onProgress({ ...progress });
        },
      );
      return bootstrap.seq;
    } catch (error) {
      const info = bridgeErrorOf(error);
      // The snapshot was superseded and dropped, or the officer's jurisdiction changed: start from the current one.
      if (attempt > 0 || (info?.status !== 404 && info?.kind !== 'forbidden')) throw error;
      await store.abandonBootstrap();
      bootstrap = null;
    }
  }
}

/**
 * Pushes a batch; when the endpoint (or the host) refuses the request as invalid, the halves go separately until the
 * refused mutations stand alone: each is answered `rejected` with the reason and held, and the rest flows. A failure of
 * the endpoint itself (network, 5xx) still ends the round: nothing is held for it.
 */
async function pushIsolating(bridge: SyncBridge, batch: readonly Mutation[]): Promise<MutationResult[]> {
  try {
    return (await bridge.call('sync.push', { body: { mutations: [...batch] } })).results;
  } catch (error) {
    const info = bridgeErrorOf(error);
    if (info?.kind !== 'invalid_request' && info?.kind !== 'invalid_payload') throw error;
    if (batch.length === 1) return [{ mutationId: batch[0]!.mutationId, status: 'rejected', errors: [info.message] }];
    const half = Math.ceil(batch.length / 2);
    return [...(await pushIsolating(bridge, batch.slice(0, half))), ...(await pushIsolating(bridge, batch.slice(half)))];
  }
}

export async function syncNow(
  bridge: SyncBridge,
  db: OneVisitDb,
  onProgress: (progress: SyncProgress) => void = () => {},
  options: { pushBatchSize?: number; pullPageSize?: number; pullStore?: PullStore } = {},
): Promise<SyncResult> {
  const outbox = outboxRepository(db);
  const batchSize = Math.min(options.pushBatchSize ?? PUSH_MAX_MUTATIONS, PUSH_MAX_MUTATIONS);
  const progress = startingProgress(Date.now());
  const outcome: PushOutcome = { acknowledged: 0, conflicts: 0, merged: 0, rejected: 0, failed: 0, unanswered: 0 };

  // Bytes first: a section is pushed only once every attachment it references is on the endpoint (see takeBatch).
  const attachments = await measured('sync-attachments', () =>
    attachmentsRepository(db).upload(bridge, (uploaded) => onProgress({ ...progress, uploaded })),
  );
  progress.uploaded = attachments.uploaded;
  progress.phase = 'push';

  let mergeOnlyRounds = 0;
  for (;;) {
    const batch = await outbox.takeBatch(batchSize);
    if (batch.length === 0) break;
    const round = await outbox.applyPushResults(await pushIsolating(bridge, batch), batch);
    outcome.acknowledged += round.acknowledged;
    outcome.conflicts += round.conflicts;
    outcome.merged += round.merged;
    outcome.rejected += round.rejected;
    outcome.failed += round.failed;
    outcome.unanswered += round.unanswered;
    progress.pushed += batch.length;
    onProgress({ ...progress });
    // A server that leaves mutations unanswered would be asked the same again: stop and retry next round.
    if (round.unanswered > 0) break;
    // Merged records go out again in the next batch; a server that keeps changing under them waits for the next sync.
    mergeOnlyRounds = round.acknowledged === 0 && round.merged > 0 ? mergeOnlyRounds + 1 : 0;
    if (mergeOnlyRounds >= MAX_MERGE_ONLY_ROUNDS) break;
  }

  progress.phase = 'pull';
  progress.startedAt = Date.now();
  const store = options.pullStore ?? (await openLocalPullStore(db));
  const pageSize = options.pullPageSize ?? PULL_PAGE_SIZE;
  const state = await measured('sync-pull-state', () => store.state());
  let { cursor, replacing } = state;
  // A device that has pulled nothing takes its jurisdiction's profiles from the shared snapshot first.
  let snapshot: string | undefined = state.bootstrap?.seq;
  if (cursor === '' && !replacing && bridge.getSnapshotChunk) {
    snapshot = await bootstrapProfiles(
      { ...bridge, getSnapshotChunk: bridge.getSnapshotChunk },
      store,
      state.bootstrap ?? null,
      progress,
      onProgress,
      pageSize,
    );
  }
  // The server counts what remains once per pass (it costs a scan); later pages add to that figure.
  let askRemaining = true;
  // The next page is fetched while the store writes the previous one; at most one page is fetched but unwritten.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      let page: ReceivedPullPage;
      try {
        page = await measured('sync-pull-page', () =>
          bridge.pull({
            cursor,
            limit: pageSize,
            include: OPTIONAL_COLLECTIONS.join(','),
            remaining: askRemaining ? '1' : undefined,
            snapshot,
          }),
        );
      } catch (error) {
        // The cursor can no longer be served incrementally: stage a full pull, swap it in at the end (see PULL_CURSOR_RESET).
        if (bridgeErrorOf(error)?.kind !== 'cursor_reset' || (cursor === '' && snapshot === undefined)) throw error;
        await writing;
        await store.beginReplacement();
        cursor = '';
        replacing = true;
        snapshot = undefined;
        askRemaining = true;
        continue;
      }
      if (page.hasMore && page.changes.length === 0 && page.cursor === cursor) {
        throw new Error('the server says more changes follow but sent none and did not move the cursor');
      }
      askRemaining = false;
      await writing;
      writing = measured('sync-apply-page', () => store.applyPage(page)).then(() => {
        progress.pulled += page.changes.length;
        progress.pages++;
        progress.bytes += page.bytes ?? 0;
        if (page.remaining !== undefined) progress.expected = progress.pulled + page.remaining;
        onProgress({ ...progress });
      });
      // Handled here only so a run abandoned while fetching (a reload) leaves no unhandled rejection; the next await rethrows it.
      writing.catch(() => {});
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    await writing;
  } finally {
    // A failed fetch must not leave the write in flight (it still commits, and its failure is reported first).
    await writing;
  }
  await measured('sync-finish', () => (replacing ? store.finishReplacement() : store.compact()));

  const lastSyncedAt = new Date().toISOString();
  await pullRepository(db).setLastSyncedAt(lastSyncedAt);
  return {
    ...outcome,
    attachmentsUploaded: attachments.uploaded,
    attachmentsFailed: attachments.failed,
    pulled: progress.pulled,
    pages: progress.pages,
    lastSyncedAt,
  };
}
