// Push: officers write their department's section of a joint inspection. Each mutation runs in its own transaction and
// is applied at most once (applied_mutations); the server version decides conflicts, never a client clock.
import { and, eq, sql } from 'drizzle-orm';
import type { InspectionSection, Officer, TaskStatus } from '../../shared/domain/model';
import {
  describeSectionProblem,
  sectionCompletionProblems,
  sectionStructureProblems,
} from '../../shared/domain/sectionRules';
import type { Mutation, MutationResult, PushRequest, PushResponse } from '../../shared/sync/protocol';
import { queryRows, type Database } from '../db/open';
import { appliedMutations, inspectionSections, inspectionTasks } from '../db/schema';
import { sectionRecord } from './records';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

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
  const { mutationId, data } = mutation;
  const rejected = (...errors: string[]): MutationResult => ({ mutationId, status: 'rejected', errors });
  await lockWrites(tx);

  const [prior] = await tx.select().from(appliedMutations).where(eq(appliedMutations.mutationId, mutationId));
  if (prior) {
    if (prior.officerId !== officer.id) return rejected(`mutationId ${mutationId} was already used by another officer`);
    return { mutationId, status: 'duplicate', version: prior.result.version };
  }

  const [row] = await tx
    .select({ section: inspectionSections, officerIds: inspectionTasks.officerIds })
    .from(inspectionSections)
    .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionSections.taskId))
    .where(eq(inspectionSections.id, mutation.id))
    .for('update');
  if (!row) return rejected(`section ${mutation.id} does not exist`);
  const { section } = row;

  const mismatches: string[] = [];
  if (data.id !== mutation.id) mismatches.push(`data.id ${data.id} differs from the mutation's id ${mutation.id}`);
  if (data.taskId !== section.taskId) mismatches.push(`taskId cannot change (server: ${section.taskId})`);
  if (data.departmentId !== section.departmentId) mismatches.push(`departmentId cannot change (server: ${section.departmentId})`);
  if (!sameList(data.checkItemIds, section.checkItemIds)) mismatches.push('checkItemIds cannot change: they are set by the plan');
  if (mismatches.length > 0) return rejected(...mismatches);

  if (officer.role !== 'inspector') return rejected('only inspectors on the task team write sections; supervisors and admins do not');
  const permission: string[] = [];
  if (officer.departmentId !== section.departmentId) permission.push(`the section belongs to department ${section.departmentId}, not to yours (${officer.departmentId})`);
  if (!row.officerIds.includes(officer.id)) permission.push(`you are not on the team of task ${section.taskId}`);
  if (permission.length > 0) return rejected(...permission);

  if (section.status === 'completed') return rejected('section is completed and locked');

  if (mutation.baseVersion !== section.version) {
    return { mutationId, status: 'conflict', version: section.version, current: await currentSection(tx, section.id) };
  }

  const problems = [...ruleProblems(data, officer), ...teamProblems(data, row.officerIds)];
  if (problems.length > 0) return rejected(...problems);

  const completed = data.status === 'completed';
  const [updated] = await tx
    .update(inspectionSections)
    .set({
      itemResults: data.itemResults,
      resultCategory: data.resultCategory,
      status: data.status,
      completedBy: completed ? data.completedBy : null,
      completedAt: completed && data.completedAt ? new Date(data.completedAt) : null,
      checkIn: data.checkIn,
      teamPresent: data.teamPresent,
      representativeName: data.representativeName,
      attachments: data.attachments,
      version: sql`${inspectionSections.version} + 1`,
    })
    .where(eq(inspectionSections.id, section.id))
    .returning({ version: inspectionSections.version });
  if (!updated) throw new Error(`section ${section.id} vanished inside its own transaction`);

  await updateTaskStatus(tx, section.taskId);
  await tx.insert(appliedMutations).values({ mutationId, officerId: officer.id, deviceId, result: { sectionId: section.id, version: updated.version } });
  return { mutationId, status: 'applied', version: updated.version };
}

/** The shared section rules, plus who may complete: only the pushing officer, with a completion time. */
function ruleProblems(data: InspectionSection, officer: Officer): string[] {
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
function teamProblems(data: InspectionSection, teamIds: readonly string[]): string[] {
  return data.teamPresent.filter((id) => !teamIds.includes(id)).map((id) => `teamPresent: officer ${id} is not on the task's team`);
}

async function currentSection(tx: Transaction, id: string): Promise<InspectionSection> {
  const [row] = await queryRows<{ data: InspectionSection }>(tx, sql`SELECT ${sectionRecord} AS data FROM inspection_sections s WHERE s.id = ${id}`);
  if (!row) throw new Error(`section ${id} vanished inside its own transaction`);
  return row.data;
}

/** assigned → in_progress once any section has results or is completed; completed once every section is. */
async function updateTaskStatus(tx: Transaction, taskId: string): Promise<void> {
  const sections = await tx
    .select({ status: inspectionSections.status, itemResults: inspectionSections.itemResults })
    .from(inspectionSections)
    .where(eq(inspectionSections.taskId, taskId));
  const status: TaskStatus | undefined = sections.every((s) => s.status === 'completed')
    ? 'completed'
    : sections.some((s) => s.status === 'completed' || s.itemResults.length > 0) ? 'in_progress' : undefined;
  // A task that has started never goes back to assigned.
  if (!status) return;
  await tx
    .update(inspectionTasks)
    .set({ status })
    .where(and(eq(inspectionTasks.id, taskId), sql`${inspectionTasks.status} <> ${status}`));
}
