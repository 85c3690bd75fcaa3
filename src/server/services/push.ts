// Push: officers write their department's section of a joint inspection. A batch runs in one transaction (see
// pushMutations) and each mutation is applied at most once (applied_mutations); the server version decides conflicts,
// never a client clock.
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  OFFICER_WRITABLE_FIELDS,
  withStoredLocationSource,
  type EvidenceField,
  type OfficerWritableField,
  type InspectionSection,
  type Officer,
  type SectionCorrection,
} from '@shared/domain/model';
import { hasItemResults, taskStatusChange, type SectionProgress } from '@shared/domain/taskStatus';
import {
  describeSectionProblem,
  sectionCompletionProblems,
  sectionStructureProblems,
  type CompletionContext,
} from '@shared/domain/sectionRules';
import { reconcileCheckItemIds, type CatalogueEntry } from '@shared/domain/catalogue';
import type { CorrectionMutation, Mutation, MutationResult, PushRequest, PushResponse, SectionMutation } from '@shared/sync/protocol';
import { sectionWriteProblems } from '../access/policy';
import type { Database } from '../db/open';
import { lockWrites, updateById, type Transaction } from '../db/writes';
import { appliedMutations, checkItems, inspectionSections, inspectionTasks, officers, sectionCorrections } from '../db/schema';
import { checkAttestations } from './attestations';
import { currentRecord } from './records';

/**
 * Applies a batch in ONE transaction, in order (a later mutation of the same section builds on the version an earlier
 * one produced). Statements, not rows, are what a push costs on PGlite, so instead of about nine per mutation a batch
 * needs a handful: one commit; the applied mutations, the records and their tasks read once (prepareBatch); the
 * written records and the tasks whose status changed stored with one UPDATE per table (storeWritten) and the applied
 * mutations with one INSERT; besides those, two reads per conflict or locked record.
 *
 * The write lock is taken first and held to the commit, on PGlite and on PostgreSQL alike: change_seq values still
 * commit in the order they are drawn (pull.ts, "Cursor"), a batch reads applied_mutations only after every earlier
 * writer committed, and nothing else writes what the batch has read while it applies. Nothing is acknowledged before
 * the commit: the results leave only after the transaction ended.
 *
 * Refusals (rejected, conflict, duplicate) are results, decided before anything is written, so they never disturb the
 * others. Only an unexpected error (a statement the database refuses) throws, and on PostgreSQL that aborts the whole
 * transaction: then the batch is rolled back, nothing of it was acknowledged, and it is applied again one mutation per
 * transaction. A mutation that fails on its own is answered `rejected` with `failed: true` (the app holds it apart and
 * offers to send it again) while the others apply; only when every one fails and the database does not answer either
 * does the request fail, since then the endpoint is at fault, not the mutations. We chose this over a savepoint per
 * mutation, which would bring back two statements per mutation (SAVEPOINT, RELEASE) and its own UPDATEs (a savepoint
 * must hold the mutation's own writes), to guard an error case; the rolled-back attempt leaves only gaps in
 * change_seq, which the cursor tolerates.
 */
export async function pushMutations(
  db: Database,
  officer: Officer,
  request: PushRequest,
  onFailure: (error: unknown, mutation: Mutation) => void = () => {},
): Promise<PushResponse> {
  const apply = (mutations: readonly Mutation[]) => db.transaction((tx) => applyBatch(tx, officer, request.deviceId, mutations));
  try {
    return { results: await apply(request.mutations) };
  } catch (error) {
    const results: MutationResult[] = [];
    let failures = 0;
    for (const mutation of request.mutations) {
      try {
        results.push(...(await apply([mutation])));
      } catch (failure) {
        failures++;
        onFailure(failure, mutation);
        results.push({ mutationId: mutation.mutationId, status: 'rejected', failed: true, errors: [MUTATION_FAILED] });
      }
    }
    if (failures === request.mutations.length && !(await databaseAnswers(db))) throw error;
    return { results };
  }
}

const MUTATION_FAILED = 'the endpoint could not store this change (the error was logged); send it again later or ask support';

async function databaseAnswers(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}

/** The batch's view of what it reads and writes, read once after the write lock and kept current as mutations apply. */
interface Batch {
  officer: Officer;
  deviceId: string;
  /** The department of every officer on the teams of the batch's records: who must sign which section. */
  departmentOf: Map<string, string>;
  /** Applied mutations by mutationId: those stored before the batch and those of the batch itself. */
  applied: Map<string, { officerId: string; version: number }>;
  /** applied_mutations rows of this batch, written together at its end. */
  pending: (typeof appliedMutations.$inferInsert)[];
  sections: Map<string, Loaded<SectionRow>>;
  corrections: Map<string, Loaded<CorrectionRow>>;
  /** Records written by the batch and not yet stored: they are stored together (storeWritten). */
  unstored: { sections: Set<string>; corrections: Set<string>; tasks: Set<string> };
  /** Status and section progress of the tasks of the batch's sections (for updateTaskStatus). */
  tasks: Map<string, TaskProgress>;
  /** The check items the batch's records and mutations name: a draft sent against an older catalogue is reconciled. */
  catalogue: Map<string, CatalogueEntry>;
}

type SectionRow = typeof inspectionSections.$inferSelect;
type CorrectionRow = typeof sectionCorrections.$inferSelect;
interface Loaded<Stored> {
  stored: Stored;
  officerIds: string[];
}
type TaskProgress = Pick<typeof inspectionTasks.$inferSelect, 'status' | 'reviewStatus' | 'checkedOn'> & {
  sections: Map<string, SectionProgress>;
};

const progressOf = (row: Pick<SectionRow, 'status' | 'itemResults' | 'completedAt'>): SectionProgress => ({
  status: row.status,
  hasResults: hasItemResults(row),
  completedAt: row.completedAt,
});

async function applyBatch(tx: Transaction, officer: Officer, deviceId: string, mutations: readonly Mutation[]): Promise<MutationResult[]> {
  await lockWrites(tx);
  const batch = await prepareBatch(tx, officer, deviceId, mutations);
  const results: MutationResult[] = [];
  for (const mutation of mutations) {
    const result = await applyMutation(tx, batch, mutation);
    if (result.status === 'applied' && result.version !== undefined) {
      batch.applied.set(mutation.mutationId, { officerId: officer.id, version: result.version });
      batch.pending.push({
        mutationId: mutation.mutationId,
        officerId: officer.id,
        deviceId,
        result: { sectionId: mutation.id, version: result.version },
      });
    }
    results.push(result);
  }
  await storeWritten(tx, batch);
  if (batch.pending.length > 0) await tx.insert(appliedMutations).values(batch.pending);
  return results;
}

const idsOf = (mutations: readonly Mutation[], collection: Mutation['collection']) => [
  ...new Set(mutations.filter((m) => m.collection === collection).map((m) => m.id)),
];

async function prepareBatch(tx: Transaction, officer: Officer, deviceId: string, mutations: readonly Mutation[]): Promise<Batch> {
  const prior = await tx
    .select({ mutationId: appliedMutations.mutationId, officerId: appliedMutations.officerId, result: appliedMutations.result })
    .from(appliedMutations)
    .where(
      inArray(
        appliedMutations.mutationId,
        mutations.map((m) => m.mutationId),
      ),
    );
  const sections = await sectionTarget.load(tx, idsOf(mutations, 'sections'));
  const corrections = await correctionTarget.load(tx, idsOf(mutations, 'corrections'));
  const itemIds = new Set([
    ...mutations.flatMap((m) => m.data.checkItemIds),
    ...[...sections.values(), ...corrections.values()].flatMap(({ stored }) => stored.checkItemIds),
  ]);
  const items =
    itemIds.size === 0
      ? []
      : await tx
          .select({
            id: checkItems.id,
            departmentId: checkItems.departmentId,
            retiredAt: checkItems.retiredAt,
            addedInVersion: checkItems.addedInVersion,
          })
          .from(checkItems)
          .where(inArray(checkItems.id, [...itemIds]));
  const teamIds = [...new Set([...sections.values(), ...corrections.values()].flatMap((row) => row.officerIds))];
  const team =
    teamIds.length > 0
      ? await tx.select({ id: officers.id, departmentId: officers.departmentId }).from(officers).where(inArray(officers.id, teamIds))
      : [];
  return {
    catalogue: new Map(
      items.map((item) => [
        item.id,
        { departmentId: item.departmentId, retired: item.retiredAt !== null, added: item.addedInVersion !== null },
      ]),
    ),
    officer,
    deviceId,
    departmentOf: new Map(team.map((o) => [o.id, o.departmentId])),
    applied: new Map(prior.map((row) => [row.mutationId, { officerId: row.officerId, version: row.result.version }])),
    pending: [],
    sections,
    corrections,
    unstored: { sections: new Set(), corrections: new Set(), tasks: new Set() },
    tasks: await loadTaskProgress(tx, [...new Set([...sections.values()].map(({ stored }) => stored.taskId))]),
  };
}

async function loadTaskProgress(tx: Transaction, taskIds: string[]): Promise<Map<string, TaskProgress>> {
  const tasks = new Map<string, TaskProgress>();
  if (taskIds.length === 0) return tasks;
  const taskRows = await tx
    .select({
      id: inspectionTasks.id,
      status: inspectionTasks.status,
      reviewStatus: inspectionTasks.reviewStatus,
      checkedOn: inspectionTasks.checkedOn,
    })
    .from(inspectionTasks)
    .where(inArray(inspectionTasks.id, taskIds));
  for (const { id, ...task } of taskRows) tasks.set(id, { ...task, sections: new Map() });
  const sectionRows = await tx
    .select({
      id: inspectionSections.id,
      taskId: inspectionSections.taskId,
      status: inspectionSections.status,
      itemResults: inspectionSections.itemResults,
      completedAt: inspectionSections.completedAt,
    })
    .from(inspectionSections)
    .where(inArray(inspectionSections.taskId, taskIds));
  for (const row of sectionRows) tasks.get(row.taskId)?.sections.set(row.id, progressOf(row));
  return tasks;
}

async function applyMutation(tx: Transaction, batch: Batch, mutation: Mutation): Promise<MutationResult> {
  const { mutationId } = mutation;
  const prior = batch.applied.get(mutationId);
  if (prior) {
    if (prior.officerId !== batch.officer.id) return rejected(mutationId, `mutationId ${mutationId} was already used by another officer`);
    return { mutationId, status: 'duplicate', version: prior.version };
  }
  return mutation.collection === 'sections'
    ? applyRecord(tx, batch, mutation, sectionTarget, batch.sections)
    : applyRecord(tx, batch, mutation, correctionTarget, batch.corrections);
}

const rejected = (mutationId: string, ...errors: string[]): MutationResult => ({ mutationId, status: 'rejected', errors });

/** The columns an officer writes, shared by sections and corrections: results, completion and the evidence of the visit. */
const writableColumns = (data: RecordContent) => {
  const completed = data.status === 'completed';
  return {
    itemResults: data.itemResults,
    resultCategory: data.resultCategory,
    status: data.status,
    completedBy: completed ? data.completedBy : null,
    completedAt: completed && data.completedAt ? new Date(data.completedAt) : null,
    checkIn: data.checkIn,
    teamPresent: data.teamPresent,
    representativeName: data.representativeName,
    attachments: data.attachments,
    findings: data.findings,
    inspectionRefusal: data.inspectionRefusal,
    signatureRefusal: data.signatureRefusal,
  } satisfies Record<OfficerWritableField, unknown>;
};

/** A client older than the evidence fields leaves them out: the stored evidence stays (see evidenceFieldsAbsent). */
function withStoredEvidence<D extends RecordContent>(
  data: D,
  keepStored: readonly EvidenceField[] = [],
  stored: Pick<RecordContent, EvidenceField>,
): D {
  return keepStored.length === 0 ? data : { ...data, ...Object.fromEntries(keepStored.map((field) => [field, stored[field]])) };
}

/** What the shared apply path needs to know about the stored record (a section or a correction). */
interface StoredRecord extends Pick<RecordContent, EvidenceField> {
  id: string;
  taskId: string;
  departmentId: string;
  checkItemIds: string[];
  status: 'draft' | 'completed';
  version: number;
}

/** The parts of writing a section and writing a correction that differ: their table, and what else cannot change. */
interface RecordTarget<Stored extends StoredRecord, M extends Mutation> {
  noun: 'section' | 'correction';
  missing(id: string): string;
  /** The stored records with their task's team, by id, locked for update. */
  load(tx: Transaction, ids: readonly string[]): Promise<Map<string, Loaded<Stored>>>;
  /** Fields set by the server or the supervisor that the mutation changes (beyond id and checkItemIds). */
  fixedMismatches(data: M['data'], stored: Stored): string[];
  collection: 'sections' | 'corrections';
  current(tx: Transaction, id: string): Promise<InspectionSection | SectionCorrection>;
  afterApply(tx: Transaction, batch: Batch, written: Stored): Promise<void>;
}

/**
 * The one write path of sections and corrections: the record exists and keeps what the officer may not change, the
 * officer may write it, it is not completed (locked), its base version is current (otherwise a conflict with the
 * server's row), and the content passes the section rules.
 */
async function applyRecord<Stored extends StoredRecord, M extends Mutation>(
  tx: Transaction,
  batch: Batch,
  mutation: M,
  target: RecordTarget<Stored, M>,
  records: Map<string, Loaded<Stored>>,
): Promise<MutationResult> {
  const { mutationId } = mutation;
  const { officer } = batch;
  const row = records.get(mutation.id);
  if (!row) return rejected(mutationId, target.missing(mutation.id));
  const { stored } = row;
  const withEvidence = withStoredEvidence(mutation.data, mutation.keepStored, stored);
  // Items follow the plan and the catalogue: a list sent against an older catalogue is reconciled, never taken as sent.
  const reconciled = reconcileCheckItemIds(stored.checkItemIds, withEvidence, stored.departmentId, batch.catalogue);
  const data = {
    ...withEvidence,
    checkIn: withStoredLocationSource(withEvidence.checkIn, stored.checkIn),
    checkItemIds: reconciled.ok ? reconciled.checkItemIds : stored.checkItemIds,
  };

  const mismatches: string[] = [];
  if (data.id !== mutation.id) mismatches.push(`data.id ${data.id} differs from the mutation's id ${mutation.id}`);
  mismatches.push(...target.fixedMismatches(data, stored));
  if (!reconciled.ok) mismatches.push(...reconciled.problems);
  if (mismatches.length > 0) return rejected(mutationId, ...mismatches);

  const permission = sectionWriteProblems(officer, stored.departmentId, stored.taskId, row.officerIds);
  if (permission.length > 0) return rejected(mutationId, ...permission);

  // The locked row goes with the refusal (a v1 addition), so the officer can see it and let their edit go.
  if (stored.status === 'completed') {
    await storeWritten(tx, batch);
    return { ...rejected(mutationId, `${target.noun} is completed and locked`), current: await target.current(tx, stored.id) };
  }

  if (mutation.baseVersion !== stored.version) {
    await storeWritten(tx, batch);
    const changedBy = await lastWriter(tx, batch, stored.id, stored.version);
    return {
      mutationId,
      status: 'conflict',
      version: stored.version,
      current: await target.current(tx, stored.id),
      ...(changedBy ? { changedBy } : {}),
    };
  }

  const context: CompletionContext = {
    officerId: officer.id,
    departmentOfficerIds: row.officerIds.filter((id) => batch.departmentOf.get(id) === stored.departmentId),
  };
  const problems = [...ruleProblems(data, officer, context), ...teamProblems(data, row.officerIds)];
  if (problems.length > 0) return rejected(mutationId, ...problems);
  const unattested = await checkAttestations(tx, batch.deviceId, stored.taskId, { ...data, departmentId: stored.departmentId }, stored);
  if (unattested.length > 0) return rejected(mutationId, ...unattested);

  // Stored with the batch's other writes (storeWritten); a later mutation of the batch on the record builds on this version.
  const written: Stored = { ...stored, ...writableColumns(data), checkItemIds: data.checkItemIds, version: stored.version + 1 };
  records.set(stored.id, { ...row, stored: written });
  batch.unstored[target.collection].add(stored.id);
  await target.afterApply(tx, batch, written);
  return { mutationId, status: 'applied', version: written.version };
}

/** Loads records with their task's team and locks the records' rows for the rest of the transaction. */
function lockWithTeam<T extends typeof inspectionSections | typeof sectionCorrections>(table: T) {
  return async (tx: Transaction, ids: readonly string[]): Promise<Map<string, Loaded<T['$inferSelect']>>> => {
    if (ids.length === 0) return new Map();
    // Both tables have id and taskId; the cast only spares drizzle's query builder a union of tables.
    const t = table as typeof inspectionSections;
    const rows = await tx
      .select({ stored: t, officerIds: inspectionTasks.officerIds })
      .from(t)
      .innerJoin(inspectionTasks, eq(inspectionTasks.id, t.taskId))
      .where(inArray(t.id, [...ids]))
      .for('update');
    return new Map(rows.map((row) => [row.stored.id, row as Loaded<T['$inferSelect']>]));
  };
}

/** The columns a push writes: the officer's, the item list as reconciled with the catalogue, and the version. */
const WRITTEN_COLUMNS = [...OFFICER_WRITABLE_FIELDS, 'checkItemIds', 'version'] as const;

/**
 * Stores what the batch has written so far (records, and tasks whose status changed) with one UPDATE per table.
 * Called at the end of the batch and before anything reads those tables back (a conflict's current row, the
 * corrections of a task), so every read sees what the batch wrote before it.
 */
async function storeWritten(tx: Transaction, batch: Batch): Promise<void> {
  const records = (rows: Map<string, Loaded<SectionRow | CorrectionRow>>, ids: Set<string>) =>
    [...ids].map((id) => {
      const { stored } = rows.get(id)!;
      return { id, values: WRITTEN_COLUMNS.map((key) => stored[key]) };
    });
  await updateById(
    tx,
    inspectionSections,
    WRITTEN_COLUMNS.map((key) => inspectionSections[key]),
    records(batch.sections, batch.unstored.sections),
  );
  await updateById(
    tx,
    sectionCorrections,
    WRITTEN_COLUMNS.map((key) => sectionCorrections[key]),
    records(batch.corrections, batch.unstored.corrections),
  );
  const tasks = [...batch.unstored.tasks].map((id) => {
    const task = batch.tasks.get(id)!;
    return { id, values: [task.status, task.reviewStatus, task.checkedOn] };
  });
  await updateById(tx, inspectionTasks, [inspectionTasks.status, inspectionTasks.reviewStatus, inspectionTasks.checkedOn], tasks);
  batch.unstored.sections.clear();
  batch.unstored.corrections.clear();
  batch.unstored.tasks.clear();
}

const sectionTarget: RecordTarget<typeof inspectionSections.$inferSelect, SectionMutation> = {
  noun: 'section',
  missing: (id) => `section ${id} does not exist`,
  load: lockWithTeam(inspectionSections),
  fixedMismatches: (data, stored) => [
    ...(data.taskId !== stored.taskId ? [`taskId cannot change (server: ${stored.taskId})`] : []),
    ...(data.departmentId !== stored.departmentId ? [`departmentId cannot change (server: ${stored.departmentId})`] : []),
  ],
  collection: 'sections',
  current: (tx, id) => currentRecord(tx, 'sections', id),
  afterApply: async (_tx, batch, written) => updateTaskStatus(batch, written),
};

/** A correction follows the rules of its section; what the supervisor set (link, reason) cannot change. */
const correctionTarget: RecordTarget<typeof sectionCorrections.$inferSelect, CorrectionMutation> = {
  noun: 'correction',
  missing: (id) => `correction ${id} does not exist: corrections are opened by a supervisor's return`,
  load: lockWithTeam(sectionCorrections),
  fixedMismatches(data, stored) {
    const fixed = [
      ['sectionId', data.sectionId, stored.sectionId],
      ['taskId', data.taskId, stored.taskId],
      ['departmentId', data.departmentId, stored.departmentId],
      ['returnReason', data.returnReason, stored.returnReason],
      ['returnedBy', data.returnedBy, stored.returnedBy],
    ] as const;
    const mismatches = fixed.filter(([, sent, kept]) => sent !== kept).map(([field, , kept]) => `${field} cannot change (server: ${kept})`);
    if (Date.parse(data.returnedAt) !== stored.returnedAt.getTime()) mismatches.push('returnedAt cannot change');
    return mismatches;
  },
  collection: 'corrections',
  current: (tx, id) => currentRecord(tx, 'corrections', id),
  afterApply: async (tx, batch, written) => {
    if (written.status !== 'completed') return;
    await storeWritten(tx, batch);
    await markCorrectedWhenDone(tx, written.taskId);
  },
};

/** A returned inspection is `corrected` once none of its corrections is open any more. */
async function markCorrectedWhenDone(tx: Transaction, taskId: string): Promise<void> {
  const open = await tx
    .select({ id: sectionCorrections.id })
    .from(sectionCorrections)
    .where(and(eq(sectionCorrections.taskId, taskId), eq(sectionCorrections.status, 'draft')));
  if (open.length > 0) return;
  await tx
    .update(inspectionTasks)
    .set({ reviewStatus: 'corrected' })
    .where(and(eq(inspectionTasks.id, taskId), eq(inspectionTasks.reviewStatus, 'returned')));
}

/** The shared section rules, plus who may complete: only the pushing officer, with a completion time. */
type RecordContent = Pick<InspectionSection, 'checkItemIds' | OfficerWritableField>;

function ruleProblems(data: RecordContent, officer: Officer, context: CompletionContext): string[] {
  if (data.status === 'draft') {
    const problems = sectionStructureProblems(data).map(describeSectionProblem);
    if (data.completedBy !== null || data.completedAt !== null) problems.push(describeSectionProblem({ code: 'completion_fields' }));
    return problems;
  }
  const problems = sectionCompletionProblems(data, context).map(describeSectionProblem);
  if (data.completedBy === null || data.completedAt === null) problems.push(describeSectionProblem({ code: 'completion_fields' }));
  else if (data.completedBy !== officer.id)
    problems.push(`completedBy must be the officer completing the section (${officer.id}), not ${data.completedBy}`);
  return problems;
}

/**
 * Only officers of the task's team can have been present. Who signs or confirms a refusal to sign must have been
 * present: the shared completion rules say so (signer_not_present, signature_refusal_confirmer), once.
 */
function teamProblems(data: Pick<RecordContent, 'teamPresent'>, teamIds: readonly string[]): string[] {
  return data.teamPresent.filter((id) => !teamIds.includes(id)).map((id) => `teamPresent: officer ${id} is not on the task's team`);
}

/** The officer whose push produced this version of the record, when it came from a push (not from seeding or review). */
async function lastWriter(tx: Transaction, batch: Batch, id: string, version: number): Promise<string | undefined> {
  // This batch's own applied mutations are written at its end.
  if (batch.pending.some(({ result }) => result.sectionId === id && result.version === version)) return batch.officer.id;
  const [row] = await tx
    .select({ officerId: appliedMutations.officerId })
    .from(appliedMutations)
    .where(and(sql`${appliedMutations.result}->>'sectionId' = ${id}`, sql`(${appliedMutations.result}->>'version')::int = ${version}`))
    .limit(1);
  return row?.officerId;
}

/** The task follows its sections (taskStatusChange), decided on the batch's view, which the write lock keeps current. */
function updateTaskStatus(batch: Batch, written: SectionRow): void {
  const task = batch.tasks.get(written.taskId);
  if (!task) throw new Error(`task ${written.taskId} of section ${written.id} was not loaded with the batch`);
  task.sections.set(written.id, progressOf(written));
  const change = taskStatusChange(task.status, [...task.sections.values()]);
  if (!change) return;
  Object.assign(task, { status: change.status, ...change.review });
  // Stored with the batch's other writes (storeWritten).
  batch.unstored.tasks.add(written.taskId);
}
