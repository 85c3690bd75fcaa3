// The officer's draft of a section or a correction. Every edit is saved on this machine at once (autosave) and queued
// for upload; a copy that arrives from elsewhere (a pull, the other window) replaces the draft only while no write of
// this card is in flight, so typing is never overwritten by the echo of an older save.
import { useEffect, useRef, useState } from 'react';
import { sectionCompletionProblems, type CompletionContext, type SectionProblem } from '@shared/domain/sectionRules';
import type { OneVisitDb } from '../../data/db';
import { attachmentsRepository } from '../../data/attachmentsRepository';
import { itemChangesRepository } from '../../data/itemChangesRepository';
import { outboxRepository } from '../../data/outboxRepository';
import {
  correctionsRepository,
  sectionsRepository,
  type ConflictChoices,
  type ResolveResult,
  type WritableRecord,
} from '../../data/sectionsRepository';
import { errorKind, errorMessage, type ErrorKind } from '../../platform/errors';
import { StoredCopies } from './storedCopies';
import type { PreparedAttachment } from './evidence';

export type AutosaveState = 'idle' | 'saving' | 'saved' | 'error';

/** A failed save is tried again this often (a full disk may have been cleared meanwhile). */
const SAVE_RETRY_MS = 10_000;

export function useSectionDraft(
  db: OneVisitDb,
  stored: WritableRecord,
  collection: 'sections' | 'corrections',
  context: CompletionContext,
) {
  const [draft, setDraftState] = useState(stored);
  // The latest draft, for edits that finish asynchronously (a photo being compressed) after further typing.
  const latest = useRef(stored);
  const setDraft = (next: WritableRecord) => {
    latest.current = next;
    setDraftState(next);
  };
  const [autosave, setAutosave] = useState<{ state: AutosaveState; kind?: ErrorKind; message?: string }>({ state: 'idle' });
  // Writes that failed (the unsaved edit, a photo, a decision), kept until they are saved; the last failure is what is shown.
  const failedWrites = useRef(new Set<() => Promise<WritableRecord | void>>());
  const lastFailure = useRef<{ kind: ErrorKind; message: string }>({ kind: 'unknown', message: '' });
  const [problems, setProblems] = useState<SectionProblem[]>([]);
  const inFlight = useRef(0);
  const [copies] = useState(() => new StoredCopies(stored));

  useEffect(() => {
    if (copies.isNews(stored) && inFlight.current === 0) {
      copies.moveTo(stored);
      setDraft(stored);
    }
  }, [stored]);

  // The records share their content fields; each repository parses with its own collection's schema.
  const repo = (collection === 'sections' ? sectionsRepository(db) : correctionsRepository(db)) as unknown as {
    saveDraft(record: WritableRecord): Promise<WritableRecord>;
    complete(
      record: WritableRecord,
      context: CompletionContext,
    ): Promise<{ ok: true; section: WritableRecord } | { ok: false; problems: SectionProblem[] }>;
    resolveConflict(id: string, choice: ConflictChoices | 'keep_local' | 'take_server'): Promise<ResolveResult>;
  };

  /** Runs a write on this machine; a failure (a full disk) is shown with the autosave state and tried again. */
  async function persist(write: () => Promise<WritableRecord | void>): Promise<void> {
    inFlight.current++;
    setAutosave({ state: 'saving' });
    try {
      const saved = await write();
      if (saved) copies.moveTo(saved);
      inFlight.current--;
      failedWrites.current.delete(write);
      if (inFlight.current === 0)
        setAutosave(failedWrites.current.size > 0 ? { state: 'error', ...lastFailure.current } : { state: 'saved' });
    } catch (error) {
      inFlight.current--;
      failedWrites.current.add(write);
      lastFailure.current = { kind: errorKind(error), message: errorMessage(error) };
      setAutosave({ state: 'error', ...lastFailure.current });
    }
  }

  // The draft's save always writes the latest draft, so retrying it never brings back an older one.
  const saveLatest = useRef(() => repo.saveDraft(latest.current)).current;

  /** Tries the failed writes again: by themselves every SAVE_RETRY_MS, or when the officer asks. */
  function retrySave(): void {
    if (inFlight.current > 0) return;
    for (const write of failedWrites.current) void persist(write);
  }
  useEffect(() => {
    if (autosave.state !== 'error') return;
    const timer = setInterval(retrySave, SAVE_RETRY_MS);
    return () => clearInterval(timer);
  }, [autosave.state]);

  function edit(next: WritableRecord) {
    setDraft(next);
    setProblems([]);
    void persist(saveLatest);
  }

  const attachmentsRepo = attachmentsRepository(db, collection);
  // Photos finish compressing in any order: their writes queue up, so each builds on the record the previous one saved.
  const attachmentWrites = useRef(Promise.resolve());
  function changeAttachments(write: (current: WritableRecord) => Promise<WritableRecord>): Promise<void> {
    attachmentWrites.current = attachmentWrites.current.then(() =>
      persist(async () => {
        const saved = await write(latest.current);
        setDraft(saved);
        return saved;
      }),
    );
    return attachmentWrites.current;
  }
  const attach = (prepared: PreparedAttachment) =>
    changeAttachments((current) => attachmentsRepo.add(current, prepared.meta, prepared.bytes));
  const detach = (attachmentId: string) => changeAttachments((current) => attachmentsRepo.remove(current, attachmentId));

  // A failed decision waits to be tried again; deciding again replaces it rather than applying both.
  const failedDecisions = useRef(new Map<string, () => Promise<void>>());
  /** An officer's decision on the record (settle a conflict, send again, dismiss a notice): written and retried like an edit. */
  async function decide<T>(kind: string, action: () => Promise<T>): Promise<T | undefined> {
    const earlier = failedDecisions.current.get(kind);
    if (earlier) failedWrites.current.delete(earlier);
    let result: T | undefined;
    const write = async () => {
      failedDecisions.current.set(kind, write);
      result = await action();
      failedDecisions.current.delete(kind);
    };
    await persist(write);
    return result;
  }

  /** The completion problems of the latest draft, shown until the next edit. */
  function check(): SectionProblem[] {
    const found = sectionCompletionProblems(latest.current, context);
    setProblems(found);
    return found;
  }

  async function complete() {
    const draftNow = latest.current;
    let result: Awaited<ReturnType<typeof repo.complete>>;
    try {
      result = await repo.complete(draftNow, context);
    } catch (error) {
      // Not written: the draft stays as it is and is saved again by the retries; completing is asked again after.
      failedWrites.current.add(saveLatest);
      lastFailure.current = { kind: errorKind(error), message: errorMessage(error) };
      setAutosave({ state: 'error', ...lastFailure.current });
      return;
    }
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    copies.moveTo(result.section);
    setDraft(result.section);
    setProblems([]);
  }

  return {
    draft,
    /** The draft as of the last edit, also from within an event handler of an earlier render. */
    current: () => latest.current,
    autosave,
    /** Why the last completion was refused; cleared by the next edit. */
    problems,
    check,
    edit,
    attach,
    detach,
    complete,
    retrySave,
    /** Settles the conflict; undefined when it could not be written (shown like a failed save). */
    resolveConflict: (choice: ConflictChoices | 'keep_local' | 'take_server') =>
      decide('resolve', () => repo.resolveConflict(stored.id, choice)),
    sendAgain: (mutationId: string) => decide('sendAgain', () => outboxRepository(db).sendAgain(mutationId)),
    dismissItemChange: () => decide('dismissItemChange', () => itemChangesRepository(db).dismiss(stored.id)),
  };
}
