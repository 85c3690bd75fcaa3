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
    ? await applySection(tx, officer, mutation)
    : await applyCorrection(tx, officer, mutation);
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

async function applySection(tx: Transaction, officer: Officer, mutation: SectionMutation): Promise<MutationResult> {
  const { mutationId } = mutation;
  const [row] = await tx
    .select({ section: inspectionSections, officerIds: inspectionTasks.officerIds })
    .from(inspectionSections)
    .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionSections.taskId))
    .where(eq(inspectionSections.id, mutation.id))
    .for('update');
  if (!row) return rejected(mutationId, `section ${mutation.id} does not exist`);
  const { section } = row;
  const data = withStoredEvidence(mutation.data, mutation.keepStored, section);

  const mismatches: string[] = [];
  if (data.id !== mutation.id) mismatches.push(`data.id ${data.id} differs from the mutation's id ${mutation.id}`);
  if (data.taskId !== section.taskId) mismatches.push(`taskId cannot change (server: ${section.taskId})`);
  if (data.departmentId !== section.departmentId) mismatches.push(`departmentId cannot change (server: ${section.departmentId})`);
  if (!sameList(data.checkItemIds, section.checkItemIds)) mismatches.push('checkItemIds cannot change: they are set by the plan');
  if (mismatches.length > 0) return rejected(mutationId, ...mismatches);

  const permission = writePermissionProblems(officer, section.departmentId, section.taskId, row.officerIds);
  if (permission.length > 0) return rejected(mutationId, ...permission);

  if (section.status === 'completed') return rejected(mutationId, 'section is completed and locked');

  if (mutation.baseVersion !== section.version) {
    return { mutationId, status: 'conflict', version: section.version, current: await currentSection(tx, section.id) };
  }

  const problems = [...ruleProblems(data, officer), ...teamProblems(data, row.officerIds)];
  if (problems.length > 0) return rejected(mutationId, ...problems);

  const [updated] = await tx
    .update(inspectionSections)
    .set({ ...writableColumns(data), version: sql`${inspectionSections.version} + 1` })
    .where(eq(inspectionSections.id, section.id))
    .returning({ version: inspectionSections.version });
  if (!updated) throw new Error(`section ${section.id} vanished inside its own transaction`);

  await updateTaskStatus(tx, section.taskId);
  return { mutationId, status: 'applied', version: updated.version };
}

/** A correction follows the rules of its section; what the supervisor set (link, reason) cannot change. */
async function applyCorrection(tx: Transaction, officer: Officer, mutation: CorrectionMutation): Promise<MutationResult> {
  const { mutationId } = mutation;
  const [row] = await tx
    .select({ correction: sectionCorrections, officerIds: inspectionTasks.officerIds })
    .from(sectionCorrections)
    .innerJoin(inspectionTasks, eq(inspectionTasks.id, sectionCorrections.taskId))
    .where(eq(sectionCorrections.id, mutation.id))
    .for('update');
  if (!row) return rejected(mutationId, `correction ${mutation.id} does not exist: corrections are opened by a supervisor's return`);
  const { correction } = row;
  const data = withStoredEvidence(mutation.data, mutation.keepStored, correction);

  const mismatches: string[] = [];
  if (data.id !== mutation.id) mismatches.push(`data.id ${data.id} differs from the mutation's id ${mutation.id}`);
  const fixed = [
    ['sectionId', data.sectionId, correction.sectionId],
    ['taskId', data.taskId, correction.taskId],
    ['departmentId', data.departmentId, correction.departmentId],
    ['returnReason', data.returnReason, correction.returnReason],
    ['returnedBy', data.returnedBy, correction.returnedBy],
  ] as const;
  for (const [field, sent, stored] of fixed) if (sent !== stored) mismatches.push(`${field} cannot change (server: ${stored})`);
  if (Date.parse(data.returnedAt) !== correction.returnedAt.getTime()) mismatches.push('returnedAt cannot change');
  if (!sameList(data.checkItemIds, correction.checkItemIds)) mismatches.push('checkItemIds cannot change: they are set by the plan');
  if (mismatches.length > 0) return rejected(mutationId, ...mismatches);

  const permission = writePermissionProblems(officer, correction.departmentId, correction.taskId, row.officerIds);
  if (permission.length > 0) return rejected(mutationId, ...permission);

  if (correction.status === 'completed') return rejected(mutationId, 'correction is completed and locked');

  if (mutation.baseVersion !== correction.version) {
    return { mutationId, status: 'conflict', version: correction.version, current: await currentCorrection(tx, correction.id) };
  }

  const problems = [...ruleProblems(data, officer), ...teamProblems(data, row.officerIds)];
  if (problems.length > 0) return rejected(mutationId, ...problems);

  const [updated] = await tx
    .update(sectionCorrections)
    .set({ ...writableColumns(data), version: sql`${sectionCorrections.version} + 1` })
    .where(eq(sectionCorrections.id, correction.id))
    .returning({ version: sectionCorrections.version });
  if (!updated) throw new Error(`correction ${correction.id} vanished inside its own transaction`);

  if (data.status === 'completed') await markCorrectedWhenDone(tx, correction.taskId);
  return { mutationId, status: 'applied', version: updated.version };
}

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
