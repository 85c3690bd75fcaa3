// Push: officers write their department's section of a joint inspection. Each mutation runs in its own transaction and
// is applied at most once (applied_mutations); the server version decides conflicts, never a client clock.
import { and, eq, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../shared/calendar/workingDays';
import type { EvidenceField, InspectionSection, Officer, SectionCorrection, TaskStatus } from '../../shared/domain/model';
import {
  describeSectionProblem,
  sectionCompletionProblems,
  sectionStructureProblems,
} from '../../shared/domain/sectionRules';
import type { CorrectionMutation, Mutation, MutationResult, PushRequest, PushResponse, SectionMutation } from '../../shared/sync/protocol';
import { queryRows, type Database } from '../db/open';
import { appliedMutations, inspectionSections, inspectionTasks, sectionCorrections } from '../db/schema';
import { correctionRecord, sectionRecord } from './records';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

// The write lock of the change sequence: statement triggers (migration 0002_sync_triggers) take it on every write
// to a synced table, so change_seq values commit in the order they are drawn (see pull.ts, "Cursor"). Writers that
// lock rows (SELECT … FOR UPDATE) before writing take it first with lockWrites, so the lock order is always
// advisory lock → rows and two writers cannot deadlock.
const WRITE_LOCK_KEY = 0x0e51;

export async function lockWrites(tx: Pick<Database, 'execute'>): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
}

export async function pushMutations(db: Database, officer: Officer, request: PushRequest): Promise<PushResponse> {
  const results: MutationResult[] = [];
  // In order: a later mutation of the same section builds on the version an earlier one produced.
  for (const mutation of request.mutations) {
    results.push(await db.transaction((tx) => applyMutation(tx, officer, request.deviceId, mutation)));
  }
  return { results };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

async function applyMutation(tx: Transaction, officer: Officer, deviceId: string, mutation: Mutation): Promise<MutationResult> {
  const { mutationId } = mutation;
  await lockWrites(tx);

  const [prior] = await tx.select().from(appliedMutations).where(eq(appliedMutations.mutationId, mutationId));
  if (prior) {
    if (prior.officerId !== officer.id) return rejected(mutationId, `mutationId ${mutationId} was already used by another officer`);
    return { mutationId, status: 'duplicate', version: prior.result.version };
  }
  const result = mutation.collection === 'sections'
    ? await applyRecord(tx, officer, mutation, sectionTarget)
    : await applyRecord(tx, officer, mutation, correctionTarget);
  if (result.status === 'applied' && result.version !== undefined) {
    await tx.insert(appliedMutations).values({ mutationId, officerId: officer.id, deviceId, result: { sectionId: mutation.id, version: result.version } });
  }
  return result;
}

const rejected = (mutationId: string, ...errors: string[]): MutationResult => ({ mutationId, status: 'rejected', errors });

/** Who may write a department's record of a task: an inspector of that department on the task's team. */
function writePermissionProblems(officer: Officer, departmentId: string, taskId: string, team: readonly string[]): string[] {
  if (officer.role !== 'inspector') return ['only inspectors on the task team write sections; supervisors and admins do not'];
  const problems: string[] = [];
  if (officer.departmentId !== departmentId) problems.push(`the section belongs to department ${departmentId}, not to yours (${officer.departmentId})`);
  if (!team.includes(officer.id)) problems.push(`you are not on the team of task ${taskId}`);
  return problems;
}

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
  };
};

/** A client older than the evidence fields leaves them out: the stored evidence stays (see evidenceFieldsAbsent). */
function withStoredEvidence<D extends RecordContent>(data: D, keepStored: readonly EvidenceField[] = [], stored: Pick<RecordContent, EvidenceField>): D {
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
  /** The stored record with its task's team, locked for update. */
  load(tx: Transaction, id: string): Promise<{ stored: Stored; officerIds: string[] } | undefined>;
  /** Fields set by the server or the supervisor that the mutation changes (beyond id and checkItemIds). */
  fixedMismatches(data: M['data'], stored: Stored): string[];
  update(tx: Transaction, id: string, columns: ReturnType<typeof writableColumns>): Promise<{ version: number } | undefined>;
  current(tx: Transaction, id: string): Promise<InspectionSection | SectionCorrection>;
  afterApply(tx: Transaction, stored: Stored, data: M['data']): Promise<void>;
}

/**
 * The one write path of sections and corrections: the record exists and keeps what the officer may not change, the
 * officer may write it, it is not completed (locked), its base version is current (otherwise a conflict with the
 * server's row), and the content passes the section rules.
 */
async function applyRecord<Stored extends StoredRecord, M extends Mutation>(
  tx: Transaction, officer: Officer, mutation: M, target: RecordTarget<Stored, M>,
): Promise<MutationResult> {
  const { mutationId } = mutation;
  const row = await target.load(tx, mutation.id);
  if (!row) return rejected(mutationId, target.missing(mutation.id));
  const { stored } = row;
  const data = withStoredEvidence(mutation.data, mutation.keepStored, stored);

  const mismatches: string[] = [];
  if (data.id !== mutation.id) mismatches.push(`data.id ${data.id} differs from the mutation's id ${mutation.id}`);
  mismatches.push(...target.fixedMismatches(data, stored));
  if (!sameList(data.checkItemIds, stored.checkItemIds)) mismatches.push('checkItemIds cannot change: they are set by the plan');
  if (mismatches.length > 0) return rejected(mutationId, ...mismatches);

  const permission = writePermissionProblems(officer, stored.departmentId, stored.taskId, row.officerIds);
  if (permission.length > 0) return rejected(mutationId, ...permission);

  // The locked row goes with the refusal (a v1 addition), so the officer can see it and let their edit go.
  if (stored.status === 'completed') {
    return { ...rejected(mutationId, `${target.noun} is completed and locked`), current: await target.current(tx, stored.id) };
  }

  if (mutation.baseVersion !== stored.version) {
    const changedBy = await lastWriter(tx, stored.id, stored.version);
    return { mutationId, status: 'conflict', version: stored.version, current: await target.current(tx, stored.id), ...(changedBy ? { changedBy } : {}) };
  }

  const problems = [...ruleProblems(data, officer), ...teamProblems(data, row.officerIds)];
  if (problems.length > 0) return rejected(mutationId, ...problems);

  const updated = await target.update(tx, stored.id, writableColumns(data));
  if (!updated) throw new Error(`${target.noun} ${stored.id} vanished inside its own transaction`);
  await target.afterApply(tx, stored, data);
  return { mutationId, status: 'applied', version: updated.version };
}

/** Loads a record with its task's team and locks the record's row for the rest of the transaction. */
function lockWithTeam<T extends typeof inspectionSections | typeof sectionCorrections>(table: T) {
  return async (tx: Transaction, id: string): Promise<{ stored: T['$inferSelect']; officerIds: string[] } | undefined> => {
    // Both tables have id and taskId; the cast only spares drizzle's query builder a union of tables.
    const t = table as typeof inspectionSections;
    const [row] = await tx
      .select({ stored: t, officerIds: inspectionTasks.officerIds })
      .from(t)
      .innerJoin(inspectionTasks, eq(inspectionTasks.id, t.taskId))
      .where(eq(t.id, id))
      .for('update');
    return row as { stored: T['$inferSelect']; officerIds: string[] } | undefined;
  };
}

/** Writes the officer's columns and bumps the record's version; sections and corrections share these columns. */
function writeVersioned(table: typeof inspectionSections | typeof sectionCorrections) {
  return async (tx: Transaction, id: string, columns: ReturnType<typeof writableColumns>) => {
    // As in lockWithTeam: both tables have the officer's columns and the version.
    const [updated] = await tx
      .update(table as typeof inspectionSections)
      .set({ ...columns, version: sql`${table.version} + 1` })
      .where(eq(table.id, id))
      .returning({ version: table.version });
    return updated;
  };
}

const sectionTarget: RecordTarget<typeof inspectionSections.$inferSelect, SectionMutation> = {
  noun: 'section',
  missing: (id) => `section ${id} does not exist`,
  load: lockWithTeam(inspectionSections),
  fixedMismatches: (data, stored) => [
    ...(data.taskId !== stored.taskId ? [`taskId cannot change (server: ${stored.taskId})`] : []),
    ...(data.departmentId !== stored.departmentId ? [`departmentId cannot change (server: ${stored.departmentId})`] : []),
  ],
  update: writeVersioned(inspectionSections),
  current: currentSection,
  afterApply: (tx, stored) => updateTaskStatus(tx, stored.taskId),
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
  update: writeVersioned(sectionCorrections),
  current: currentCorrection,
  afterApply: async (tx, stored, data) => {
    if (data.status === 'completed') await markCorrectedWhenDone(tx, stored.taskId);
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
type RecordContent = Pick<InspectionSection, 'checkItemIds' | 'itemResults' | 'resultCategory' | 'status' | 'completedBy' | 'completedAt'
  | 'checkIn' | 'teamPresent' | 'representativeName' | 'attachments'>;

function ruleProblems(data: RecordContent, officer: Officer): string[] {
  if (data.status === 'draft') {
    const problems = sectionStructureProblems(data).map(describeSectionProblem);
    if (data.completedBy !== null || data.completedAt !== null) problems.push(describeSectionProblem({ code: 'completion_fields' }));
    return problems;
  }
  const problems = sectionCompletionProblems(data).map(describeSectionProblem);
  if (data.completedBy === null || data.completedAt === null) problems.push(describeSectionProblem({ code: 'completion_fields' }));
  else if (data.completedBy !== officer.id) problems.push(`completedBy must be the officer completing the section (${officer.id}), not ${data.completedBy}`);
  return problems;
}

/** Only officers of the task's team can have been present. */
function teamProblems(data: Pick<RecordContent, 'teamPresent'>, teamIds: readonly string[]): string[] {
  return data.teamPresent.filter((id) => !teamIds.includes(id)).map((id) => `teamPresent: officer ${id} is not on the task's team`);
}

/** The officer whose push produced this version of the record, when it came from a push (not from seeding or review). */
async function lastWriter(tx: Transaction, id: string, version: number): Promise<string | undefined> {
  const [row] = await tx
    .select({ officerId: appliedMutations.officerId })
    .from(appliedMutations)
    .where(and(sql`${appliedMutations.result}->>'sectionId' = ${id}`, sql`(${appliedMutations.result}->>'version')::int = ${version}`))
    .limit(1);
  return row?.officerId;
}

async function currentSection(tx: Transaction, id: string): Promise<InspectionSection> {
  const [row] = await queryRows<{ data: InspectionSection }>(tx, sql`SELECT ${sectionRecord} AS data FROM inspection_sections s WHERE s.id = ${id}`);
  if (!row) throw new Error(`section ${id} vanished inside its own transaction`);
  return row.data;
}

async function currentCorrection(tx: Transaction, id: string): Promise<SectionCorrection> {
  const [row] = await queryRows<{ data: SectionCorrection }>(tx, sql`SELECT ${correctionRecord} AS data FROM section_corrections c WHERE c.id = ${id}`);
  if (!row) throw new Error(`correction ${id} vanished inside its own transaction`);
  return row.data;
}

/** assigned → in_progress once any section has results or is completed; completed once every section is. */
async function updateTaskStatus(tx: Transaction, taskId: string): Promise<void> {
  const sections = await tx
    .select({ status: inspectionSections.status, itemResults: inspectionSections.itemResults, completedAt: inspectionSections.completedAt })
    .from(inspectionSections)
    .where(eq(inspectionSections.taskId, taskId));
  const status: TaskStatus | undefined = sections.every((s) => s.status === 'completed')
    ? 'completed'
    : sections.some((s) => s.status === 'completed' || s.itemResults.length > 0) ? 'in_progress' : undefined;
  // A task that has started never goes back to assigned.
  if (!status) return;
  // A completed inspection waits for the supervisor's review; its check date is the day the last section was completed.
  const lastCompletion = Math.max(...sections.map((s) => s.completedAt?.getTime() ?? 0));
  const review = status === 'completed' ? { reviewStatus: 'awaiting_review' as const, checkedOn: shanghaiDate(new Date(lastCompletion)) } : {};
  await tx
    .update(inspectionTasks)
    .set({ status, ...review })
    .where(and(eq(inspectionTasks.id, taskId), sql`${inspectionTasks.status} <> ${status}`));
}
