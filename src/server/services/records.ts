// SQL that serialises stored rows into exactly the record shapes of src/shared/domain/model.ts. Pull and push share
// these fragments, so a record looks the same whichever way it reaches the client. Each expects its table's alias.
import { sql, type SQL } from 'drizzle-orm';
import type { CollectionName, CollectionRecord } from '@shared/sync/protocol';
import { queryRows, type Database } from '../db/open';

const isoDate = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);
const isoDateTime = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** alias d */
export const departmentRecord = sql.raw(`jsonb_build_object('id', d.id, 'code', d.code, 'name', d.name)`);
/** alias u */
export const unitRecord = sql.raw(`jsonb_build_object('id', u.id, 'name', u.name, 'districtCodes', to_jsonb(u.district_codes))`);
/** alias o — public fields only: never the username or password hash. */
export const officerRecord = sql.raw(
  `jsonb_build_object('id', o.id, 'name', o.name, 'departmentId', o.department_id, 'unitId', o.unit_id, 'role', o.role)`,
);
/** alias ci */
export const checkItemRecord = sql`jsonb_build_object('id', ci.id, 'departmentId', ci.department_id, 'code', ci.code, 'title', ci.title,
  'legalBasis', ci.legal_basis) || jsonb_strip_nulls(jsonb_build_object('retiredAt', ${isoDateTime('ci.retired_at')}))`;
/** alias e — the profile as JSON text, as stored (migration 0021), for responses that splice it in. */
export const enterpriseRecordJson = sql.raw(`e.profile_json`);
/** alias p */
export const planRecord = sql`jsonb_build_object('id', p.id, 'unitId', p.unit_id, 'name', p.name, 'departmentIds', to_jsonb(p.department_ids),
  'checkItemIds', p.check_item_ids, 'windowStart', ${isoDate('p.window_start')}, 'windowEnd', ${isoDate('p.window_end')})`;
/** alias t — review fields only once set, so an unreviewed task keeps its v1 shape. */
export const taskRecord = sql`jsonb_build_object('id', t.id, 'planId', t.plan_id, 'enterpriseId', t.enterprise_id,
  'departmentIds', to_jsonb(t.department_ids), 'officerIds', to_jsonb(t.officer_ids), 'dueDate', ${isoDate('t.due_date')}, 'status', t.status)
  || jsonb_strip_nulls(jsonb_build_object('reviewStatus', t.review_status, 'checkedOn', ${isoDate('t.checked_on')},
       'approvedBy', t.approved_by, 'approvedAt', ${isoDateTime('t.approved_at')}, 'publishedAt', ${isoDateTime('t.published_at')}))`;
/** alias s */
export const sectionRecord = sql`jsonb_build_object('id', s.id, 'taskId', s.task_id, 'departmentId', s.department_id,
  'checkItemIds', to_jsonb(s.check_item_ids), 'itemResults', s.item_results, 'resultCategory', s.result_category, 'status', s.status,
  'completedBy', s.completed_by, 'completedAt', ${isoDateTime('s.completed_at')}, 'checkIn', s.check_in, 'teamPresent', to_jsonb(s.team_present),
  'representativeName', s.representative_name, 'attachments', s.attachments, 'findings', s.findings,
  'inspectionRefusal', s.inspection_refusal, 'signatureRefusal', s.signature_refusal, 'version', s.version)`;
/** alias c */
export const correctionRecord = sql`jsonb_build_object('id', c.id, 'sectionId', c.section_id, 'taskId', c.task_id,
  'departmentId', c.department_id, 'checkItemIds', to_jsonb(c.check_item_ids), 'returnReason', c.return_reason,
  'returnedBy', c.returned_by, 'returnedAt', ${isoDateTime('c.returned_at')}, 'itemResults', c.item_results,
  'resultCategory', c.result_category, 'status', c.status, 'completedBy', c.completed_by,
  'completedAt', ${isoDateTime('c.completed_at')}, 'checkIn', c.check_in, 'teamPresent', to_jsonb(c.team_present),
  'representativeName', c.representative_name, 'attachments', c.attachments, 'findings', c.findings,
  'inspectionRefusal', c.inspection_refusal, 'signatureRefusal', c.signature_refusal, 'version', c.version)`;

/**
 * How each collection's records are built from their table, by id, as JSON text: a pull response splices the text in
 * (pullPageJson), so the endpoint never parses and re-serialises records. Profiles, the bulk of every
 * pull, come from a stored column and are not converted from jsonb per pull either.
 */
export const RECORD_SOURCES: Record<CollectionName, { from: SQL; id: SQL; json: SQL }> = {
  departments: { from: sql`departments d`, id: sql`d.id`, json: sql`(${departmentRecord})::text` },
  units: { from: sql`units u`, id: sql`u.id`, json: sql`(${unitRecord})::text` },
  officers: { from: sql`officers o`, id: sql`o.id`, json: sql`(${officerRecord})::text` },
  checkItems: { from: sql`check_items ci`, id: sql`ci.id`, json: sql`(${checkItemRecord})::text` },
  enterprises: { from: sql`enterprises e`, id: sql`e.uscc`, json: enterpriseRecordJson },
  plans: { from: sql`inspection_plans p`, id: sql`p.id`, json: sql`(${planRecord})::text` },
  tasks: { from: sql`inspection_tasks t`, id: sql`t.id`, json: sql`(${taskRecord})::text` },
  sections: { from: sql`inspection_sections s`, id: sql`s.id`, json: sql`(${sectionRecord})::text` },
  corrections: { from: sql`section_corrections c`, id: sql`c.id`, json: sql`(${correctionRecord})::text` },
};

/** Records as the client receives them, by id, read inside the writer's transaction (after its own writes). */
export async function currentRecords<C extends CollectionName>(
  tx: Pick<Database, 'execute'>,
  collection: C,
  ids: readonly string[],
): Promise<Map<string, CollectionRecord<C>>> {
  if (ids.length === 0) return new Map();
  const source = RECORD_SOURCES[collection];
  const rows = await queryRows<{ id: string; json: string }>(
    tx,
    sql`SELECT ${source.id} AS id, ${source.json} AS json FROM ${source.from} WHERE ${source.id} IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((row) => [row.id, JSON.parse(row.json) as CollectionRecord<C>]));
}

/** One record as the client receives it, read inside the writer's transaction (after its own writes). */
export async function currentRecord<C extends CollectionName>(
  tx: Pick<Database, 'execute'>,
  collection: C,
  id: string,
): Promise<CollectionRecord<C>> {
  const record = (await currentRecords(tx, collection, [id])).get(id);
  if (!record) throw new Error(`${collection} ${id} vanished inside its own transaction`);
  return record;
}
