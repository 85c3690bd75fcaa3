// Sections are the only records the officer writes. Every write goes to the sections table and the outbox in one
// transaction, so a section saved on this machine is always on its way to the server.
import { inspectionSectionSchema, type InspectionSection } from '@shared/domain/model';
import { sectionCompletionProblems, type SectionProblem } from '@shared/domain/sectionRules';
import type { Mutation } from '@shared/sync/protocol';
import { nowIsoWithOffset } from '../lib/time';
import type { OneVisitDb, OutboxEntry } from './db';
import { newMutationId } from './ids';

/** Where a section stands between this machine and the server. */
export type SectionSyncState = 'saved_locally' | 'queued' | 'on_server' | 'conflict' | 'rejected';

export interface SectionSyncInfo {
  state: SectionSyncState;
  /** The server's version when the last push met a conflict. */
  serverVersion?: number;
  errors?: string[];
}

/** Derives a section's sync state from its outbox entries (the outbox is the single source of truth). */
export function sectionSyncInfo(entries: readonly OutboxEntry[]): SectionSyncInfo {
  const conflict = entries.find((e) => e.hold === 'conflict');
  if (conflict) return { state: 'conflict', serverVersion: conflict.serverCurrent?.version };
  const rejected = entries.find((e) => e.hold === 'rejected');
  if (rejected) return { state: 'rejected', errors: rejected.errors };
  if (entries.length === 0) return { state: 'on_server' };
  return { state: entries.some((e) => e.attemptedAt !== null) ? 'queued' : 'saved_locally' };
}

/** A completed section is read-only, unless the server rejected it: then the officer must be able to correct it. */
export function isEditable(section: InspectionSection, entries: readonly OutboxEntry[]): boolean {
  return section.status === 'draft' || entries.some((e) => e.hold === 'rejected');
}

export type CompleteResult = { ok: true; section: InspectionSection } | { ok: false; problems: SectionProblem[] };

export class SectionReadOnlyError extends Error {
  constructor(sectionId: string) {
    super(`section ${sectionId} is completed and cannot be changed`);
    this.name = 'SectionReadOnlyError';
  }
}

function toMutation(section: InspectionSection, baseVersion: number, mutationId: string): Mutation {
  return { mutationId, collection: 'sections', id: section.id, baseVersion, data: { ...section, version: baseVersion } };
}

function newEntry(section: InspectionSection, baseVersion: number, now: string): OutboxEntry {
  const mutationId = newMutationId();
  return {
    mutationId,
    sectionId: section.id,
    createdAt: now,
    payload: toMutation(section, baseVersion, mutationId),
    attemptedAt: null,
    hold: null,
    serverCurrent: null,
    errors: [],
  };
}

export function sectionsRepository(db: OneVisitDb) {
  /** Writes the section and queues it; keeps at most one unsent mutation per section. */
  async function queue(section: InspectionSection): Promise<InspectionSection> {
    const parsed = inspectionSectionSchema.parse(section);
    return db.transaction('rw', db.sections, db.outbox, async () => {
      const stored = await db.sections.get(parsed.id);
      if (!stored) throw new Error(`section ${parsed.id} is not on this machine`);
      const entries = await db.outbox.where('sectionId').equals(parsed.id).sortBy('createdAt');
      if (!isEditable(stored, entries)) throw new SectionReadOnlyError(parsed.id);
      // The officer edits content; the server owns identity, structure and the version.
      const next: InspectionSection = {
        ...parsed,
        taskId: stored.taskId,
        departmentId: stored.departmentId,
        checkItemIds: stored.checkItemIds,
        version: stored.version,
      };
      const now = new Date().toISOString();
      const unsent = entries.find((e) => e.attemptedAt === null);
      const held = entries.find((e) => e.hold !== null);
      if (unsent) {
        // Coalesce: the server sees one write per section per push.
        await db.outbox.put({ ...unsent, payload: toMutation(next, unsent.payload.baseVersion, unsent.mutationId) });
      } else if (held) {
        // The server did not apply a held mutation, so it may be replaced; a fresh id keeps the old answer from being replayed.
        const replacement = newEntry(next, held.payload.baseVersion, now);
        await db.outbox.delete(held.mutationId);
        await db.outbox.add({ ...replacement, hold: held.hold === 'conflict' ? 'conflict' : null, serverCurrent: held.serverCurrent });
      } else {
        // Either nothing is pending, or a sent mutation awaits its answer: this edit follows it.
        await db.outbox.add(newEntry(next, next.version, now));
      }
      await db.sections.put(next);
      return next;
    });
  }

  return {
    get(id: string): Promise<InspectionSection | undefined> {
      return db.sections.get(id);
    },

    forTask(taskId: string): Promise<InspectionSection[]> {
      return db.sections.where('taskId').equals(taskId).toArray();
    },

    outboxFor(sectionIds: readonly string[]): Promise<OutboxEntry[]> {
      return db.outbox.where('sectionId').anyOf([...sectionIds]).toArray();
    },

    /** Sections with changes not yet on the server (a section edited during an upload has two mutations but is one change). */
    async pendingCount(): Promise<number> {
      return (await db.outbox.orderBy('sectionId').uniqueKeys()).length;
    },

    /** Saves a draft edit on this machine and queues it for upload. Completed sections are read-only. */
    saveDraft(section: InspectionSection): Promise<InspectionSection> {
      return queue({ ...section, status: 'draft', completedBy: null, completedAt: null });
    },

    /** Completes the section if it passes the completion rules; after this it is read-only. */
    async complete(section: InspectionSection, officerId: string, now: Date = new Date()): Promise<CompleteResult> {
      const problems = sectionCompletionProblems(section);
      if (problems.length > 0) return { ok: false, problems };
      const completed = await queue({ ...section, status: 'completed', completedBy: officerId, completedAt: nowIsoWithOffset(now) });
      return { ok: true, section: completed };
    },

    /**
     * Settles a conflict: 'keep_local' sends the local section again on top of the server's version;
     * 'take_server' drops the local edit and keeps the server's copy.
     */
    async resolveConflict(sectionId: string, choice: 'keep_local' | 'take_server'): Promise<void> {
      await db.transaction('rw', db.sections, db.outbox, async () => {
        const entries = await db.outbox.where('sectionId').equals(sectionId).toArray();
        const conflict = entries.find((e) => e.hold === 'conflict');
        const current = conflict?.serverCurrent;
        if (!conflict || !current) throw new Error(`section ${sectionId} has no conflict to resolve`);
        const local = await db.sections.get(sectionId);
        if (!local) throw new Error(`section ${sectionId} is not on this machine`);
        await db.outbox.bulkDelete(entries.map((e) => e.mutationId));
        if (choice === 'take_server') {
          await db.sections.put(current);
          return;
        }
        const rebased: InspectionSection = { ...local, checkItemIds: current.checkItemIds, version: current.version };
        await db.sections.put(rebased);
        await db.outbox.add(newEntry(rebased, current.version, new Date().toISOString()));
      });
    },
  };
}

export type SectionsRepository = ReturnType<typeof sectionsRepository>;
