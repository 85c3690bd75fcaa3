// The push side of sync: which queued mutations go out, and what the server's answers do to the outbox and the records.
import type { Mutation, MutationResult } from '@shared/sync/protocol';
import { mergeRecorded } from '@shared/sync/merge';
import type { OneVisitDb, OutboxEntry } from './db';
import { newEntry, type WritableRecord } from './sectionsRepository';

export interface PushOutcome {
  acknowledged: number;
  /** Conflicts that wait for the officer's choice. */
  conflicts: number;
  /** Stale mutations merged with the server's row without overlap and queued again. */
  merged: number;
  rejected: number;
  /** Of the rejected: those the endpoint failed to store, held to be sent again. */
  failed: number;
  /** Mutations the server gave no answer for; they stay queued. */
  unanswered: number;
}

export function outboxRepository(db: OneVisitDb) {
  return {
    /** A mutation the endpoint failed to store goes out again with the next sync, as the officer asked. */
    async sendAgain(mutationId: string): Promise<void> {
      await db.transaction('rw', db.outbox, async () => {
        const entry = await db.outbox.get(mutationId);
        if (!entry?.failed) return;
        const { failed: _failed, ...rest } = entry;
        await db.outbox.put({ ...rest, hold: null, errors: [] });
      });
    },

    /**
     * Takes the next batch to push and marks it attempted, in one transaction so a concurrent edit cannot be
     * coalesced into a mutation already on its way. Only a section's oldest mutation goes: the next one is
     * rebased on the version the server returns for it.
     */
    async takeBatch(limit: number): Promise<Mutation[]> {
      return db.transaction('rw', db.outbox, db.attachments, async () => {
        const entries = await db.outbox.orderBy('createdAt').toArray();
        // A section goes out only after every attachment it references has arrived at the endpoint.
        const waiting = await db.attachments.where('state').equals('pending').toArray();
        const seen = new Set<string>(waiting.map((a) => a.sectionId));
        const batch: OutboxEntry[] = [];
        for (const entry of entries) {
          if (batch.length >= limit) break;
          if (seen.has(entry.recordId)) continue;
          seen.add(entry.recordId);
          if (entry.hold === null) batch.push(entry);
        }
        const now = new Date().toISOString();
        await db.outbox.bulkPut(batch.map((e) => ({ ...e, attemptedAt: e.attemptedAt ?? now })));
        return batch.map((e) => e.payload);
      });
    },

    /** Records the server's answers: a mutation leaves the outbox only once the server acknowledged it. */
    async applyPushResults(results: readonly MutationResult[], sent: readonly Mutation[]): Promise<PushOutcome> {
      const outcome: PushOutcome = { acknowledged: 0, conflicts: 0, merged: 0, rejected: 0, failed: 0, unanswered: 0 };
      const answered = new Set(results.map((r) => r.mutationId));
      outcome.unanswered = sent.filter((m) => !answered.has(m.mutationId)).length;
      await db.transaction('rw', db.outbox, db.sections, db.corrections, async () => {
        for (const result of results) {
          const entry = await db.outbox.get(result.mutationId);
          // Gone already: the officer resolved it meanwhile.
          if (!entry) continue;
          switch (result.status) {
            case 'applied':
            case 'duplicate': {
              outcome.acknowledged++;
              await db.outbox.delete(entry.mutationId);
              if (result.version !== undefined) await rebase(entry, result.version);
              break;
            }
            case 'conflict':
              if (await settleConflict(entry, result.current ?? null, result.changedBy)) outcome.merged++;
              else outcome.conflicts++;
              break;
            case 'rejected':
              outcome.rejected++;
              if (result.failed) outcome.failed++;
              await db.outbox.put({
                ...entry,
                hold: 'rejected',
                errors: result.errors ?? ['rejected by the server'],
                serverCurrent: result.current ?? null,
                ...(result.failed ? { failed: true as const } : {}),
              });
              break;
          }
        }
      });
      return outcome;
    },
  };

  /**
   * After an acknowledged write, the local copy and any later local edit stand on the version the server returned,
   * and what the acknowledged mutation wrote is the base of those later edits.
   */
  async function rebase(acknowledged: OutboxEntry, version: number): Promise<void> {
    const { collection, data } = acknowledged.payload;
    const table = db.table<{ version: number }, string>(collection);
    const record = await table.get(acknowledged.recordId);
    if (record) await table.put({ ...record, version });
    const later = await db.outbox.where('recordId').equals(acknowledged.recordId).toArray();
    for (const entry of later) {
      if (entry.attemptedAt !== null) continue;
      const payload = { ...entry.payload, baseVersion: version, data: { ...entry.payload.data, version } } as Mutation;
      await db.outbox.put({ ...entry, payload, base: { ...data, version } });
    }
  }

  /**
   * A stale base version: the officer's record is merged with the server's row, field by field, against the copy the
   * edit started from. Without overlap the merged record is stored and queued again on the server's version (it goes
   * out in this round) and true is returned; with overlap it waits for the officer with the conflicting parts. The
   * local record keeps every local value either way; a mutation the server never applied is the only thing replaced.
   */
  async function settleConflict(entry: OutboxEntry, current: WritableRecord | null, changedBy: string | undefined): Promise<boolean> {
    if (!current) {
      await db.outbox.put({ ...entry, hold: 'conflict', serverCurrent: null });
      return false;
    }
    const { collection } = entry.payload;
    const table = db.table<WritableRecord, string>(collection);
    const local = (await table.get(entry.recordId)) ?? entry.payload.data;
    const outcome = mergeRecorded(entry.base ?? null, local, current);
    if (outcome.kind === 'locked') {
      await db.outbox.put({
        ...entry,
        hold: 'rejected',
        serverCurrent: current,
        errors: ['completed on the server meanwhile: it is locked'],
      });
      return false;
    }
    const { merged, conflicts } = outcome;
    // Later edits of the record were never sent (only a record's oldest mutation goes out): the merge covers them.
    const entries = await db.outbox.where('recordId').equals(entry.recordId).toArray();
    await db.outbox.bulkDelete(entries.map((e) => e.mutationId));
    await table.put(merged);
    const next = newEntry(collection, merged, current.version, new Date().toISOString(), current);
    const held = { hold: 'conflict' as const, serverCurrent: current, conflicts, ...(changedBy ? { serverChangedBy: changedBy } : {}) };
    await db.outbox.add(conflicts.length > 0 ? { ...next, ...held } : next);
    return conflicts.length === 0;
  }
}
