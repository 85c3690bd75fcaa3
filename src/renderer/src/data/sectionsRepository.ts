// Sections and their corrections are the only records the officer writes. Every write goes to the record's table and
// the outbox in one transaction, so a record saved on this machine is always on its way to the server. The outbox's
// `recordId` is the id of the written record, whichever of the two collections it belongs to.
import { OFFICER_WRITABLE_FIELDS, type InspectionSection, type SectionCorrection } from '@shared/domain/model';
import { sectionCompletionProblems, type CompletionContext, type SectionProblem } from '@shared/domain/sectionRules';
import {
  mergeRecorded,
  resolveConflicts,
  sameRecordedContent,
  type MergeConflict,
  type RecordedContent,
  type SlotKey,
  type ConflictChoice,
} from '@shared/sync/merge';
import { collectionSchemas, type CollectionRecord, type Mutation } from '@shared/sync/protocol';
import { nowIsoWithOffset } from '../lib/time';
import type { OneVisitDb, OutboxEntry, StoredAttachment } from './db';
import { newMutationId } from './ids';

/** How far a section's evidence has got: every attachment it lists, and how many the endpoint confirmed. */
export interface AttachmentsProgress {
  total: number;
  verified: number;
}

/** Where a section stands between this machine and the server. */
export type SectionSyncState = 'saved_locally' | 'queued' | 'on_server' | 'attachments_verified' | 'conflict' | 'rejected';

export interface SectionSyncInfo {
  state: SectionSyncState;
  /** The section's attachments, and how many of them the endpoint confirmed holding. */
  attachments?: AttachmentsProgress;
  /** The server's version when the last push met a conflict. */
  serverVersion?: number;
  errors?: string[];
}

/**
 * Derives a section's sync state from its outbox entries (the outbox is the single source of truth) and its
 * attachments: a section with evidence is fully uploaded only once the endpoint holds every attachment.
 */
export function sectionSyncInfo(
  entries: readonly OutboxEntry[],
  attachments: AttachmentsProgress = { total: 0, verified: 0 },
): SectionSyncInfo {
  const evidence = attachments.total > 0 ? { attachments } : {};
  const conflict = entries.find((e) => e.hold === 'conflict');
  if (conflict) return { state: 'conflict', serverVersion: conflict.serverCurrent?.version, ...evidence };
  const rejected = entries.find((e) => e.hold === 'rejected');
  if (rejected) return { state: 'rejected', errors: rejected.errors, ...evidence };
  if (entries.length === 0) {
    return {
      state: attachments.total > 0 && attachments.verified === attachments.total ? 'attachments_verified' : 'on_server',
      ...evidence,
    };
  }
  return { state: entries.some((e) => e.attemptedAt !== null) ? 'queued' : 'saved_locally', ...evidence };
}

/** The entry waiting for the officer, as sectionSyncInfo ranks them: a conflict first, then a refusal. */
export function heldEntry(entries: readonly OutboxEntry[]): OutboxEntry | undefined {
  return entries.find((e) => e.hold === 'conflict') ?? entries.find((e) => e.hold === 'rejected');
}

/** The officer's pick per conflicting part of a record. */
export type ConflictChoices = Readonly<Partial<Record<SlotKey, ConflictChoice>>>;
export type ResolveResult = { ok: true } | { ok: false; problems: SectionProblem[] };

/** The conflicts of a three-way merge; a completed server copy leaves nothing to choose (it is locked). */
function conflictsOf(base: RecordedContent | null, local: RecordedContent, server: RecordedContent): MergeConflict[] {
  const outcome = mergeRecorded(base, local, server);
  return outcome.kind === 'merged' ? outcome.conflicts : [];
}

/** The collections an officer writes, and their records. */
export type WritableCollection = 'sections' | 'corrections';
export type WritableRecord = InspectionSection | SectionCorrection;

/**
 * A completed section is read-only, unless the server rejected it or one of its attachments: then the officer must be
 * able to correct it (retake or remove the photo).
 */
export function isEditable(
  section: Pick<WritableRecord, 'status'>,
  entries: readonly OutboxEntry[],
  attachments: readonly Pick<StoredAttachment, 'error'>[] = [],
): boolean {
  return section.status === 'draft' || entries.some((e) => e.hold === 'rejected') || attachments.some((a) => a.error !== null);
}

export type CompleteResult<R extends WritableRecord = InspectionSection> =
  { ok: true; section: R } | { ok: false; problems: SectionProblem[] };

export class SectionReadOnlyError extends Error {
  constructor(sectionId: string) {
    super(`section ${sectionId} is completed and cannot be changed`);
    this.name = 'SectionReadOnlyError';
  }
}

function toMutation(collection: WritableCollection, record: WritableRecord, baseVersion: number, mutationId: string): Mutation {
  // The collection names the record's schema; the repository parsed the record with it.
  return { mutationId, collection, id: record.id, baseVersion, data: { ...record, version: baseVersion } } as Mutation;
}

/** A new mutation of `record`; `base` is the server's copy the edit started from (see OutboxEntry.base). */
export function newEntry(
  collection: WritableCollection,
  record: WritableRecord,
  baseVersion: number,
  now: string,
  base: WritableRecord | null,
): OutboxEntry {
  const mutationId = newMutationId();
  return {
    base,
    mutationId,
    recordId: record.id,
    createdAt: now,
    payload: toMutation(collection, record, baseVersion, mutationId),
    attemptedAt: null,
    hold: null,
    serverCurrent: null,
    errors: [],
  };
}

/**
 * Now, or just after `last` when the clock has not passed it: a record's mutations must keep the order they were made
 * in (the outbox sends a record's oldest first), also when two are made within one millisecond.
 */
function createdAfter(last: string | undefined): string {
  const now = Date.now();
  return new Date(last === undefined ? now : Math.max(now, Date.parse(last) + 1)).toISOString();
}

export function sectionsRepository(db: OneVisitDb) {
  return writableRepository(db, 'sections');
}

/** Corrections of returned sections: written like sections, but never created here (the endpoint opens them). */
export function correctionsRepository(db: OneVisitDb) {
  return writableRepository(db, 'corrections');
}

function writableRepository<
  C extends WritableCollection,
  R extends CollectionRecord<C> & WritableRecord = CollectionRecord<C> & WritableRecord,
>(db: OneVisitDb, collection: C) {
  const table = db.table<R, string>(collection);

  /** Writes the record and queues it; keeps at most one unsent mutation per record. */
  async function queue(record: R): Promise<R> {
    const parsed = collectionSchemas[collection].parse(record) as R;
    return db.transaction('rw', table, db.outbox, db.attachments, async () => {
      const stored = await table.get(parsed.id);
      if (!stored) throw new Error(`${collection} record ${parsed.id} is not on this machine`);
      const entries = await db.outbox.where('recordId').equals(parsed.id).sortBy('createdAt');
      // Only a completed record's attachments can keep it editable (isEditable).
      const attachments = stored.status === 'completed' ? await db.attachments.where('sectionId').equals(parsed.id).toArray() : [];
      if (!isEditable(stored, entries, attachments)) throw new SectionReadOnlyError(parsed.id);
      // The officer edits content and the evidence of the visit; the server owns identity, structure (links, reason) and the version.
      const next = { ...stored, ...Object.fromEntries(OFFICER_WRITABLE_FIELDS.map((field) => [field, parsed[field]])) } as R;
      const now = createdAfter(entries.at(-1)?.createdAt);
      const unsent = entries.find((e) => e.attemptedAt === null);
      const held = entries.find((e) => e.hold !== null);
      if (unsent) {
        // Coalesce: the server sees one write per section per push.
        await db.outbox.put({ ...unsent, payload: toMutation(collection, next, unsent.payload.baseVersion, unsent.mutationId) });
      } else if (held) {
        // The server did not apply a held mutation, so it may be replaced; a fresh id keeps the old answer from being replayed.
        const replacement = newEntry(collection, next, held.payload.baseVersion, now, held.base ?? null);
        await db.outbox.delete(held.mutationId);
        const conflict =
          held.hold === 'conflict' ? { hold: 'conflict' as const, conflicts: held.conflicts, serverChangedBy: held.serverChangedBy } : {};
        await db.outbox.add({ ...replacement, ...conflict, serverCurrent: held.serverCurrent });
      } else {
        // Either nothing is pending (the stored record is the server's copy: the base of this edit), or a sent
        // mutation awaits its answer: this edit follows it and starts from what that mutation wrote.
        const sent = entries.filter((e) => e.attemptedAt !== null).at(-1);
        await db.outbox.add(newEntry(collection, next, next.version, now, sent ? sent.payload.data : stored));
      }
      await table.put(next);
      return next;
    });
  }

  return {
    get(id: string): Promise<R | undefined> {
      return table.get(id);
    },

    forTask(taskId: string): Promise<R[]> {
      return table.where('taskId').equals(taskId).toArray();
    },

    outboxFor(recordIds: readonly string[]): Promise<OutboxEntry[]> {
      return db.outbox
        .where('recordId')
        .anyOf([...recordIds])
        .toArray();
    },

    /** Sections with changes not yet on the server (a section edited during an upload has two mutations but is one change). */
    async pendingCount(): Promise<number> {
      return (await db.outbox.orderBy('recordId').uniqueKeys()).length;
    },

    /** Saves a draft edit on this machine and queues it for upload. Completed sections are read-only. */
    saveDraft(record: R): Promise<R> {
      return queue({ ...record, status: 'draft', completedBy: null, completedAt: null });
    },

    /** Completes the section if it passes the completion rules; after this it is read-only. */
    async complete(record: R, context: CompletionContext, now: Date = new Date()): Promise<CompleteResult<R>> {
      const problems = sectionCompletionProblems(record, context);
      if (problems.length > 0) return { ok: false, problems };
      const completed = await queue({ ...record, status: 'completed', completedBy: context.officerId, completedAt: nowIsoWithOffset(now) });
      return { ok: true, section: completed };
    },

    /**
     * Settles a conflict the merge could not: `choices` picks, for each conflicting part, the officer's value or the
     * server's, and the result goes out on top of the server's version. 'keep_local' keeps every local value,
     * 'take_server' discards the local edit and keeps the server's copy (also after a refusal because the server's copy
     * was completed meanwhile: it is locked, so the edit cannot go anywhere). A completed record whose chosen parts break
     * the completion rules is refused with the problems, and the conflict stays.
     */
    async resolveConflict(recordId: string, choice: 'keep_local' | 'take_server' | ConflictChoices): Promise<ResolveResult> {
      return db.transaction('rw', table, db.outbox, async () => {
        const entries = await db.outbox.where('recordId').equals(recordId).toArray();
        // Taking the server's copy also settles a refusal that came with it (the record was completed meanwhile).
        const held = entries.find((e) => (choice === 'take_server' ? e.hold !== null : e.hold === 'conflict') && e.serverCurrent);
        const current = held?.serverCurrent as R | null | undefined;
        if (!held || !current) throw new Error(`${collection} record ${recordId} has no conflict to resolve`);
        const local = await table.get(recordId);
        if (!local) throw new Error(`${collection} record ${recordId} is not on this machine`);
        if (choice === 'take_server') {
          await db.outbox.bulkDelete(entries.map((e) => e.mutationId));
          await table.put(current);
          return { ok: true };
        }
        // The local record holds the merged content with the officer's values where both sides differ.
        const onServer: R = { ...local, checkItemIds: current.checkItemIds, version: current.version };
        const conflicts = held.conflicts ?? conflictsOf(null, local, current);
        const resolved = resolveConflicts(onServer, conflicts, choice === 'keep_local' ? {} : choice);
        const problems = resolved.status === 'completed' ? sectionCompletionProblems(resolved) : [];
        if (problems.length > 0) return { ok: false, problems };
        await db.outbox.bulkDelete(entries.map((e) => e.mutationId));
        const parsed = collectionSchemas[collection].parse(resolved) as R;
        if (sameRecordedContent(parsed, current)) {
          // Every choice went to the server: nothing is left to send.
          await table.put(current);
          return { ok: true };
        }
        await table.put(parsed);
        await db.outbox.add(newEntry(collection, parsed, current.version, new Date().toISOString(), current));
        return { ok: true };
      });
    },
  };
}

export type SectionsRepository = ReturnType<typeof sectionsRepository>;
export type WritableRepository = ReturnType<typeof writableRepository>;
