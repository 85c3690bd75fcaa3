// Review and publication of completed joint inspections. Supervisors (and admins) act on their own unit's plans only;
// inspectors are refused. Every change bumps the task's change_seq so the review state syncs to the team.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { publicationDeadline, shanghaiDate } from '@shared/calendar/workingDays';
import { districtName } from '@shared/domain/districts';
import {
  EVIDENCE_FIELDS,
  type EvidenceField,
  type InspectionSection,
  type InspectionTask,
  type Officer,
  type ReviewStatus,
  type RiskClass,
  type SectionCorrection,
} from '@shared/domain/model';
import { computeProgress, type ProgressSummary } from '@shared/review/progress';
import { resultCategoryLabel, type ResultCategory } from '@shared/domain/resultCategories';
import {
  reviewStatusesOf,
  type PublicationEntry,
  type PublicationExport,
  type PublishResponse,
  type ReturnSectionRequest,
  type ReviewActionResponse,
  type ReviewQueueResponse,
} from '@shared/api/review';
import { queryRows, type Database } from '../db/open';
import { inspectionSections, inspectionTasks, nextChangeSeq, sectionCorrections } from '../db/schema';
import { requireReviewer } from '../access/policy';
import { unitPlanCondition, visibleTasks } from '../access/scope';
import { conflict, notFound } from '../domain/errors';
import { lockWrites, type Transaction } from '../db/writes';
import { correctionRecord, currentRecord, currentRecords, sectionRecord, taskRecord } from './records';
import { recordActorAudit } from './audit';

const today = () => shanghaiDate(new Date());

interface QueueRow {
  task: InspectionTask;
  plan_name: string;
  enterprise_name: string;
  district_code: string;
  risk_class: RiskClass;
  open_corrections: number;
}

/**
 * FROM and WHERE of the unit's tasks in some review statuses (optionally of one plan), as `t` with their plan `p` and
 * enterprise `e`: what the review queue and the publication export list.
 */
function unitTasksInReview(officer: Officer, statuses: readonly ReviewStatus[], planId: string | undefined): SQL {
  return sql`FROM inspection_tasks t
      JOIN inspection_plans p ON p.id = t.plan_id
      JOIN enterprises e ON e.uscc = t.enterprise_id
    WHERE ${unitPlanCondition(officer)}
      AND t.review_status IN (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})
      ${planId ? sql`AND t.plan_id = ${planId}` : sql``}`;
}

export async function reviewQueue(
  db: Database,
  officer: Officer,
  query: { status?: string; planId?: string },
): Promise<ReviewQueueResponse> {
  requireReviewer(officer);
  const statuses = reviewStatusesOf(query.status);
  const rows = await queryRows<QueueRow>(
    db,
    sql`
    SELECT ${taskRecord} AS task, p.name AS plan_name, e.name AS enterprise_name, e.district_code, e.risk_class,
      (SELECT count(*)::int FROM section_corrections c WHERE c.task_id = t.id AND c.status = 'draft') AS open_corrections
    ${unitTasksInReview(officer, statuses, query.planId)}
    ORDER BY t.checked_on, t.id`,
  );
  const now = today();
  return {
    today: now,
    items: rows.map((row) => ({
      task: row.task,
      planName: row.plan_name,
      enterpriseName: row.enterprise_name,
      districtCode: row.district_code,
      riskClass: row.risk_class,
      openCorrections: row.open_corrections,
      deadline: row.task.checkedOn ? publicationDeadline(row.task.checkedOn, now) : null,
    })),
  };
}

/** The task, locked for this transaction, if it belongs to the reviewer's unit (404 otherwise: no peeking across units). */
async function tasksInUnit(tx: Transaction, officer: Officer, taskIds: readonly string[]): Promise<InspectionTask[]> {
  if (taskIds.length === 0) return [];
  const rows = await queryRows<{ task: InspectionTask }>(
    tx,
    sql`
    SELECT ${taskRecord} AS task FROM inspection_tasks t JOIN inspection_plans p ON p.id = t.plan_id
    WHERE t.id IN (${sql.join(
      taskIds.map((id) => sql`${id}`),
      sql`, `,
    )}) AND ${unitPlanCondition(officer)} ORDER BY t.id FOR UPDATE OF t`,
  );
  const found = new Map(rows.map(({ task }) => [task.id, task]));
  return taskIds.map((taskId) => {
    const task = found.get(taskId);
    if (!task) throw notFound(`no task ${taskId} in your unit's plans`);
    return task;
  });
}

const taskInUnit = async (tx: Transaction, officer: Officer, taskId: string): Promise<InspectionTask> =>
  (await tasksInUnit(tx, officer, [taskId]))[0]!;

const RETURNABLE: ReadonlySet<ReviewStatus> = new Set(['awaiting_review', 'returned', 'corrected']);
const APPROVABLE: ReadonlySet<ReviewStatus> = new Set(['awaiting_review', 'corrected']);

function describeReviewState(task: InspectionTask): string {
  return task.reviewStatus ? `its review status is ${task.reviewStatus}` : `it is not completed yet (status ${task.status})`;
}

/**
 * Returns one section to its department with a reason. The completed section stays locked; a new correction record,
 * starting from the latest results and evidence (the section's, or its last completed correction's), carries the reason.
 */
export async function returnSection(
  db: Database,
  officer: Officer,
  taskId: string,
  request: ReturnSectionRequest,
  deviceId: string | null,
): Promise<ReviewActionResponse> {
  requireReviewer(officer);
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    const task = await taskInUnit(tx, officer, taskId);
    if (!task.reviewStatus || !RETURNABLE.has(task.reviewStatus))
      throw conflict(`task ${taskId} cannot be returned: ${describeReviewState(task)}`);
    const [section] = await tx
      .select()
      .from(inspectionSections)
      .where(and(eq(inspectionSections.id, request.sectionId), eq(inspectionSections.taskId, taskId)));
    if (!section) throw notFound(`task ${taskId} has no section ${request.sectionId}`);
    const corrections = await tx
      .select()
      .from(sectionCorrections)
      .where(eq(sectionCorrections.sectionId, section.id))
      .orderBy(sectionCorrections.returnedAt);
    if (corrections.some((c) => c.status === 'draft'))
      throw conflict(`section ${section.id} is already returned and its correction is still open`);
    const latest = corrections.at(-1) ?? section;

    const id = randomUUID();
    await tx.insert(sectionCorrections).values({
      id,
      sectionId: section.id,
      taskId,
      departmentId: section.departmentId,
      checkItemIds: section.checkItemIds,
      returnReason: request.reason,
      returnedBy: officer.id,
      returnedAt: new Date(),
      itemResults: latest.itemResults,
      resultCategory: latest.resultCategory,
      // The visit's evidence comes along: a correction of the paperwork needs no new visit; a new one replaces it.
      ...(Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, latest[field]])) as Pick<typeof latest, EvidenceField>),
      status: 'draft',
      version: 0,
    });
    await tx.update(inspectionTasks).set({ reviewStatus: 'returned', changeSeq: nextChangeSeq }).where(eq(inspectionTasks.id, taskId));
    const answer = { task: await currentRecord(tx, 'tasks', taskId), correction: await currentRecord(tx, 'corrections', id) };
    await recordActorAudit(tx, { officer, deviceId }, 'review.returned', {
      type: 'task',
      id: taskId,
      content: answer.correction,
      details: { sectionId: section.id, correctionId: id, reason: request.reason },
    });
    return answer;
  });
}

export async function approveTask(db: Database, officer: Officer, taskId: string, deviceId: string | null): Promise<ReviewActionResponse> {
  requireReviewer(officer);
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    const task = await taskInUnit(tx, officer, taskId);
    if (!task.reviewStatus || !APPROVABLE.has(task.reviewStatus))
      throw conflict(`task ${taskId} cannot be approved: ${describeReviewState(task)}`);
    await tx
      .update(inspectionTasks)
      .set({ reviewStatus: 'approved', approvedBy: officer.id, approvedAt: new Date(), changeSeq: nextChangeSeq })
      .where(eq(inspectionTasks.id, taskId));
    const approved = await currentRecord(tx, 'tasks', taskId);
    await recordActorAudit(tx, { officer, deviceId }, 'review.approved', { type: 'task', id: taskId, content: approved });
    return { task: approved };
  });
}

/** Marks approved inspections as published through the credit publicity system. All or none. */
export async function publishTasks(
  db: Database,
  officer: Officer,
  taskIds: readonly string[],
  deviceId: string | null,
): Promise<PublishResponse> {
  requireReviewer(officer);
  const ids = [...new Set(taskIds)];
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    const problems = (await tasksInUnit(tx, officer, ids))
      .filter((task) => task.reviewStatus !== 'approved')
      .map((task) => `task ${task.id} is not approved (${describeReviewState(task)})`);
    if (problems.length > 0) throw conflict(`nothing was published: ${problems.slice(0, 3).join('; ')}`, problems);
    const publishedAt = new Date();
    await tx
      .update(inspectionTasks)
      .set({ reviewStatus: 'published', publishedAt, changeSeq: nextChangeSeq })
      .where(inArray(inspectionTasks.id, ids));
    await addToPastInspections(tx, ids);
    const published = await currentRecords(tx, 'tasks', ids);
    for (const taskId of ids)
      await recordActorAudit(tx, { officer, deviceId }, 'publication.published', {
        type: 'task',
        id: taskId,
        content: published.get(taskId)!,
      });
    return { published: ids, publishedAt: publishedAt.toISOString() };
  });
}

/** A department's published result: its last completed correction's, else its section's (alias s, task t). */
const publishedCategory = sql`COALESCE((SELECT c.result_category FROM section_corrections c
  WHERE c.section_id = s.id AND c.status = 'completed' ORDER BY c.completed_at DESC LIMIT 1), s.result_category)`;

/**
 * A published inspection joins its enterprise's past inspections (public fields only: date, plan, department, result
 * category), one entry per department, and so its profile. Updating the profile stamps its change_seq, so it reaches
 * every device holding it by the normal sync.
 */
async function addToPastInspections(tx: Transaction, taskIds: readonly string[]): Promise<void> {
  await tx.execute(sql`
    WITH added AS (
      SELECT t.enterprise_id, jsonb_agg(jsonb_build_object('id', s.id, 'taskId', t.id, 'planName', p.name,
          'inspectedOn', to_char(t.checked_on, 'YYYY-MM-DD'), 'departmentId', s.department_id, 'resultCategory', ${publishedCategory})
          ORDER BY t.id, array_position(t.department_ids, s.department_id)) AS entries
      FROM inspection_tasks t JOIN inspection_plans p ON p.id = t.plan_id JOIN inspection_sections s ON s.task_id = t.id
      WHERE t.id IN (${sql.join(
        taskIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      GROUP BY t.enterprise_id),
    past AS (
      SELECT e.uscc, (SELECT COALESCE(jsonb_agg(x ORDER BY x->>'inspectedOn' DESC), '[]'::jsonb)
          FROM jsonb_array_elements(e.past_inspections || a.entries) AS x) AS entries
      FROM enterprises e JOIN added a ON a.enterprise_id = e.uscc)
    UPDATE enterprises e SET past_inspections = past.entries,
      profile_json = jsonb_set(e.profile_json::jsonb, '{pastInspections}', past.entries)::text
    FROM past WHERE e.uscc = past.uscc`);
}

interface ExportRow {
  uscc: string;
  enterprise_name: string;
  district_code: string;
  plan_name: string;
  checked_on: string;
  published_at: string | null;
  departments: { departmentName: string; resultCategory: ResultCategory }[];
}

/**
 * The publication list: public fields only, selected column by column (never a whole record), so internal data such as
 * the risk class cannot leak in. A department's result is its last completed correction's, else its section's.
 */
export async function publicationExport(
  db: Database,
  officer: Officer,
  query: { scope: 'publishable' | 'published' | 'all'; planId?: string },
): Promise<PublicationExport> {
  requireReviewer(officer);
  const statuses: ReviewStatus[] =
    query.scope === 'publishable' ? ['approved'] : query.scope === 'published' ? ['published'] : ['approved', 'published'];
  const rows = await queryRows<ExportRow>(
    db,
    sql`
    SELECT e.uscc, e.name AS enterprise_name, e.district_code, p.name AS plan_name,
      to_char(t.checked_on, 'YYYY-MM-DD') AS checked_on,
      to_char(t.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at,
      (SELECT jsonb_agg(jsonb_build_object('departmentName', d.name, 'resultCategory', ${publishedCategory})
              ORDER BY array_position(t.department_ids, s.department_id))
         FROM inspection_sections s JOIN departments d ON d.id = s.department_id WHERE s.task_id = t.id) AS departments
    ${unitTasksInReview(officer, statuses, query.planId)}
    ORDER BY t.checked_on, e.uscc`,
  );
  const entries: PublicationEntry[] = rows.map((row) => ({
    uscc: row.uscc,
    enterpriseName: row.enterprise_name,
    districtName: districtName(row.district_code) ?? row.district_code,
    planName: row.plan_name,
    inspectedOn: row.checked_on,
    departments: row.departments.map((d) => ({
      departmentName: d.departmentName,
      resultCategory: d.resultCategory,
      resultCategoryLabel: resultCategoryLabel(d.resultCategory),
    })),
    publishDueOn: publicationDeadline(row.checked_on, row.checked_on).dueOn,
    publishedAt: row.published_at,
  }));
  return { generatedAt: new Date().toISOString(), entries };
}

/** Progress of the unit's campaign (optionally one plan), from the same computation as the app's dashboard. */
export async function unitProgress(db: Database, officer: Officer, query: { planId?: string }): Promise<ProgressSummary> {
  requireReviewer(officer);
  const planFilter = query.planId ? sql`AND t.plan_id = ${query.planId}` : sql``;
  const unitTasks = sql`SELECT t.* FROM ${visibleTasks(officer)} ${planFilter}`;
  const [tasks, sections, corrections] = await Promise.all([
    queryRows<{ task: InspectionTask; district_code: string }>(
      db,
      sql`
      SELECT ${taskRecord} AS task, e.district_code FROM (${unitTasks}) t JOIN enterprises e ON e.uscc = t.enterprise_id`,
    ),
    queryRows<{ data: InspectionSection }>(
      db,
      sql`
      SELECT ${sectionRecord} AS data FROM inspection_sections s WHERE s.task_id IN (SELECT id FROM (${unitTasks}) t)`,
    ),
    queryRows<{ data: SectionCorrection }>(
      db,
      sql`
      SELECT ${correctionRecord} AS data FROM section_corrections c WHERE c.task_id IN (SELECT id FROM (${unitTasks}) t)`,
    ),
  ]);
  const districts = new Map(tasks.map((row) => [row.task.enterpriseId, row.district_code]));
  return computeProgress({
    tasks: tasks.map((row) => row.task),
    sections: sections.map((row) => row.data),
    corrections: corrections.map((row) => row.data),
    districtOf: (enterpriseId) => districts.get(enterpriseId),
    today: today(),
  });
}
