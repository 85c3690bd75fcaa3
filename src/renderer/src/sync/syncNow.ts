// One sync round: push the outbox first (so the server judges local edits against what it had), then pull
// until the server has nothing more. Works against any PlatformBridge: Electron IPC or the web bridge.
import type { PlatformBridge } from '@shared/ipc';
import { OPTIONAL_COLLECTIONS, PUSH_MAX_MUTATIONS } from '@shared/sync/protocol';
import type { OneVisitDb } from '../data/db';
import { syncRepository, type PushOutcome } from '../data/syncRepository';
import { attachmentsRepository } from '../data/attachmentsRepository';

/** The part of the bridge a sync needs. */
export type SyncBridge = Pick<PlatformBridge, 'pull' | 'push' | 'putAttachment'>;

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

export async function syncNow(
  bridge: SyncBridge,
  db: OneVisitDb,
  onProgress: (progress: SyncProgress) => void = () => {},
  options: { pushBatchSize?: number; pullPageSize?: number } = {},
): Promise<SyncResult> {
  const repo = syncRepository(db);
  const batchSize = Math.min(options.pushBatchSize ?? PUSH_MAX_MUTATIONS, PUSH_MAX_MUTATIONS);
  const progress: SyncProgress = { phase: 'attachments', uploaded: 0, pushed: 0, pulled: 0, pages: 0, expected: null, bytes: 0, startedAt: Date.now() };
  const outcome: PushOutcome = { acknowledged: 0, conflicts: 0, merged: 0, rejected: 0, unanswered: 0 };

  // Bytes first: a section is pushed only once every attachment it references is on the endpoint (see takeBatch).
  const attachments = await attachmentsRepository(db).upload(bridge, (uploaded) => onProgress({ ...progress, uploaded }));
  progress.uploaded = attachments.uploaded;
  progress.phase = 'push';

  let mergeOnlyRounds = 0;
  for (;;) {
    const batch = await repo.takeBatch(batchSize);
    if (batch.length === 0) break;
    const response = await bridge.push({ mutations: batch });
    const round = await repo.applyPushResults(response.results, batch);
    outcome.acknowledged += round.acknowledged;
    outcome.conflicts += round.conflicts;
    outcome.merged += round.merged;
    outcome.rejected += round.rejected;
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
  let cursor = await repo.cursor();
  for (;;) {
    // The server counts what remains once per round (it costs a scan); later pages add to that figure.
    const page = await bridge.pull({ cursor, limit: options.pullPageSize ?? PULL_PAGE_SIZE, include: OPTIONAL_COLLECTIONS.join(','), remaining: progress.pages === 0 ? '1' : undefined });
    if (page.hasMore && page.changes.length === 0 && page.cursor === cursor) {
      throw new Error('the server says more changes follow but sent none and did not move the cursor');
    }
    await repo.applyPullPage(page);
    cursor = page.cursor;
    progress.pulled += page.changes.length;
    progress.pages++;
    progress.bytes += page.bytes ?? 0;
    if (page.remaining !== undefined) progress.expected = progress.pulled + page.remaining;
    onProgress({ ...progress });
    if (!page.hasMore) break;
  }

  const lastSyncedAt = new Date().toISOString();
  await repo.setLastSyncedAt(lastSyncedAt);
  return { ...outcome, attachmentsUploaded: attachments.uploaded, attachmentsFailed: attachments.failed, pulled: progress.pulled, pages: progress.pages, lastSyncedAt };
}
