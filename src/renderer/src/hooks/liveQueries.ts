// Live queries over the repositories: each hook re-renders its component when what it read changes in IndexedDB (a
// pull lands, an edit is saved). Components read local data through these hooks, never through tables.
import { use, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Enterprise } from '@shared/domain/model';
import type { OneVisitDb } from '../data/db';
import { DamagedProfileError, enterpriseDirectory } from '../data/enterpriseDirectory';
import { itemChangesRepository } from '../data/itemChangesRepository';
import { liveQuery } from '../data/liveQuery';
import { progressRepository } from '../data/progressRepository';
import { referenceRepository } from '../data/referenceRepository';
import { sectionsRepository } from '../data/sectionsRepository';
import { tasksRepository } from '../data/tasksRepository';
import { todayInShanghai } from '../lib/time';
import { measured } from '../lib/timing';

/** Departments, units and officers of the signed-in officer's reference data, for headers and tags. */
export function useReference(db: OneVisitDb) {
  return useLiveQuery(() => referenceRepository(db).all(), [db]);
}

/** What a catalogue change did to the section's items and the officer has not read yet; null when nothing. */
export function useItemChange(db: OneVisitDb, sectionId: string) {
  return useLiveQuery(() => itemChangesRepository(db).forSection(sectionId), [db, sectionId]) ?? null;
}

export function useCatalogue(db: OneVisitDb) {
  return useLiveQuery(() => referenceRepository(db).catalogue(), [db]);
}

export function useIndustries(db: OneVisitDb) {
  return useLiveQuery(() => enterpriseDirectory(db).industries(), [db]);
}

type EnterpriseRead = Enterprise | null | DamagedProfileError;

async function readEnterprise(db: OneVisitDb, enterpriseId: string): Promise<EnterpriseRead> {
  try {
    return (await measured('dossier-lookup', () => enterpriseDirectory(db).get(enterpriseId))) ?? null;
  } catch (error) {
    if (error instanceof DamagedProfileError) return error;
    throw error;
  }
}

/**
 * The reads pages started as they rendered, per database and profile, while a page shows that profile. Kept per
 * profile: the page still showing the previous one during a route change may render again meanwhile (its live query
 * answering), and must find its own read, not suspend on a new one.
 */
const firstReads = new WeakMap<OneVisitDb, Map<string, Promise<EnterpriseRead>>>();

/**
 * A full profile; null when it is not on this machine, the error when the copy here is damaged. A live query starts
 * after its page has been drawn, and a timer later: the page reads the profile as it renders instead, and suspends on
 * that read (a route change keeps the previous page meanwhile), so a dossier is drawn a frame or two sooner. The live
 * query then answers with the same object (see enterpriseDirectory) and follows later pulls.
 */
export function useEnterprise(db: OneVisitDb, enterpriseId: string): EnterpriseRead {
  const live = useLiveQuery(async () => ({ enterpriseId, read: await readEnterprise(db, enterpriseId) }), [db, enterpriseId]);
  let reads = firstReads.get(db);
  if (!reads) firstReads.set(db, (reads = new Map()));
  useEffect(() => () => void reads.delete(enterpriseId), [reads, enterpriseId]);
  let first = reads.get(enterpriseId);
  if (!first) {
    reads.set(enterpriseId, (first = readEnterprise(db, enterpriseId)));
    // A page that never showed its read (left before it came) leaves it here: keep the newest few only.
    if (reads.size > 4) reads.delete(reads.keys().next().value!);
  }
  const firstRead = use(first);
  return live?.enterpriseId === enterpriseId ? live.read : firstRead;
}

type Directory = Awaited<ReturnType<ReturnType<typeof enterpriseDirectory>['all']>>;

/**
 * Every stored enterprise key, read only while `enabled`: what the instant check searches, so each answer is rendered
 * at once (flushSync). useLiveQuery's answers are default-priority updates, which React holds back until a transition
 * render in progress is done: at a cold start the directory, read within 10 ms of the check opening, waited some
 * 120 ms for the task list's rows (a deferred render) before the check could answer.
 */
export function useDirectory(db: OneVisitDb, enabled: boolean): Directory | undefined {
  const [answer, setAnswer] = useState<{ db: OneVisitDb; directory: Directory }>();
  const [failure, setFailure] = useState<{ error: unknown }>();
  useEffect(() => {
    if (!enabled) return;
    const subscription = liveQuery(() => enterpriseDirectory(db).all()).subscribe({
      next: (directory) => flushSync(() => setAnswer({ db, directory })),
      error: (error: unknown) => setFailure({ error }),
    });
    return () => {
      subscription.unsubscribe();
      // Not held while the check is closed: chunks landing meanwhile would leave this copy of the columns alive.
      setAnswer(undefined);
    };
  }, [db, enabled]);
  if (failure) throw failure.error;
  return enabled && answer?.db === db ? answer.directory : undefined;
}

export function usePlans(db: OneVisitDb) {
  return useLiveQuery(() => tasksRepository(db).plans(), [db]);
}

/** Records with changes not yet on the server. */
export function usePendingCount(db: OneVisitDb) {
  return useLiveQuery(() => sectionsRepository(db).pendingCount(), [db]);
}

export function useProgressSummary(db: OneVisitDb) {
  return useLiveQuery(() => progressRepository(db).summary(todayInShanghai()), [db]);
}

/** The officers of a unit, from the unit data a supervisor's device holds. */
export function useUnitOfficers(db: OneVisitDb, unitId: string) {
  return useLiveQuery(() => referenceRepository(db).unitOfficers(unitId), [db, unitId]);
}

/** Joint inspections waiting for some of their departments (tasksRepository.waiting). */
export function useWaitingTasks(db: OneVisitDb) {
  return useLiveQuery(() => tasksRepository(db).waiting(), [db]);
}

/** Names of the enterprises on this device, by USCC; an enterprise outside the local data has none. */
export function useEnterpriseNames(db: OneVisitDb, ids: readonly string[]): Map<string, string> {
  const key = ids.join(',');
  const names = useLiveQuery(
    async () =>
      new Map((await enterpriseDirectory(db).keys(key ? key.split(',') : [])).flatMap((e) => (e ? [[e.id, e.name] as const] : []))),
    [db, key],
  );
  return names ?? new Map();
}
