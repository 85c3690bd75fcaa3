// Pull: every change in the officer's scope after a cursor, ordered by the global change sequence.
import { sql, type SQL } from 'drizzle-orm';
import type { Officer } from '../../shared/domain/model';
import type { Change, OptionalCollection, PullResponse } from '../../shared/sync/protocol';
import { queryRows, type Database } from '../db/open';
import { HttpError } from '../http/errors';
import {
  checkItemRecord,
  correctionRecord,
  departmentRecord,
  enterpriseRecord,
  officerRecord,
  planRecord,
  sectionRecord,
  taskRecord,
  unitRecord,
} from './records';

const MAX_SEQ = 9_223_372_036_854_775_807n;

interface ChangeRow {
  collection: Change['collection'];
  id: string;
  seq: string;
  data: unknown;
}

/**
 * An inspector sees the tasks they are on and what those tasks need. Records reached through a task are stamped with
 * GREATEST(own change_seq, the task's change_seq), so when a task is newly assigned, its sections, enterprise, plan,
 * team and check items reach the inspector even though those rows themselves did not change.
 */
function inspectorChanges(officer: Officer, include: ReadonlySet<OptionalCollection>): SQL {
  const corrections = include.has('corrections')
    ? sql`UNION ALL
    SELECT 'corrections', c.id, GREATEST(c.change_seq, t.change_seq), ${correctionRecord} FROM section_corrections c
      JOIN my_tasks t ON t.id = c.task_id`
    : sql``;
  return sql`
    WITH my_tasks AS MATERIALIZED (
      SELECT * FROM inspection_tasks WHERE officer_ids @> ARRAY[${officer.id}]::text[]
    )
    SELECT 'tasks' AS collection, t.id, t.change_seq AS seq, ${taskRecord} AS data FROM my_tasks t
    UNION ALL
    SELECT 'sections', s.id, GREATEST(s.change_seq, t.change_seq), ${sectionRecord} FROM inspection_sections s
      JOIN my_tasks t ON t.id = s.task_id
    UNION ALL
    SELECT 'enterprises', e.uscc, GREATEST(e.change_seq, x.seq), ${enterpriseRecord} FROM enterprises e
      JOIN (SELECT enterprise_id, max(change_seq) AS seq FROM my_tasks GROUP BY enterprise_id) x ON x.enterprise_id = e.uscc
    UNION ALL
    SELECT 'plans', p.id, GREATEST(p.change_seq, x.seq), ${planRecord} FROM inspection_plans p
      JOIN (SELECT plan_id, max(change_seq) AS seq FROM my_tasks GROUP BY plan_id) x ON x.plan_id = p.id
    UNION ALL
    SELECT 'departments', d.id, d.change_seq, ${departmentRecord} FROM departments d
    UNION ALL
    SELECT 'checkItems', ci.id, GREATEST(ci.change_seq, x.seq), ${checkItemRecord} FROM check_items ci
      JOIN (SELECT department_id, max(seq) AS seq FROM (SELECT unnest(department_ids) AS department_id, change_seq AS seq FROM my_tasks) m
            GROUP BY department_id) x ON x.department_id = ci.department_id
    UNION ALL
    SELECT 'units', u.id, u.change_seq, ${unitRecord} FROM units u WHERE u.id = ${officer.unitId}
    UNION ALL
    SELECT 'officers', o.id, GREATEST(o.change_seq, x.seq), ${officerRecord} FROM officers o
      JOIN (SELECT officer_id, max(seq) AS seq FROM (
              SELECT unnest(officer_ids) AS officer_id, change_seq AS seq FROM my_tasks
              UNION ALL SELECT ${officer.id}::text, 0::bigint
            ) m GROUP BY officer_id) x ON x.officer_id = o.id
    ${corrections}`;
}

/** A supervisor (or admin) sees everything of their unit. */
function unitChanges(officer: Officer, include: ReadonlySet<OptionalCollection>): SQL {
  const unitTaskIds = sql`SELECT t2.id FROM inspection_tasks t2 JOIN inspection_plans p2 ON p2.id = t2.plan_id WHERE p2.unit_id = ${officer.unitId}`;
  const corrections = include.has('corrections')
    ? sql`UNION ALL
    SELECT 'corrections', c.id, c.change_seq, ${correctionRecord} FROM section_corrections c WHERE c.task_id IN (${unitTaskIds})`
    : sql``;
  return sql`
    SELECT 'tasks' AS collection, t.id, t.change_seq AS seq, ${taskRecord} AS data FROM inspection_tasks t
      WHERE t.plan_id IN (SELECT id FROM inspection_plans WHERE unit_id = ${officer.unitId})
    UNION ALL
    SELECT 'sections', s.id, s.change_seq, ${sectionRecord} FROM inspection_sections s WHERE s.task_id IN (${unitTaskIds})
    UNION ALL
    SELECT 'enterprises', e.uscc, e.change_seq, ${enterpriseRecord} FROM enterprises e
      WHERE e.district_code IN (SELECT unnest(district_codes) FROM units WHERE id = ${officer.unitId})
    UNION ALL
    SELECT 'plans', p.id, p.change_seq, ${planRecord} FROM inspection_plans p WHERE p.unit_id = ${officer.unitId}
    UNION ALL
    SELECT 'departments', d.id, d.change_seq, ${departmentRecord} FROM departments d
    UNION ALL
    SELECT 'checkItems', ci.id, ci.change_seq, ${checkItemRecord} FROM check_items ci
    UNION ALL
    SELECT 'units', u.id, u.change_seq, ${unitRecord} FROM units u WHERE u.id = ${officer.unitId}
    UNION ALL
    SELECT 'officers', o.id, o.change_seq, ${officerRecord} FROM officers o WHERE o.unit_id = ${officer.unitId}
    ${corrections}`;
}

export function parseCursor(cursor: string): bigint {
  const value = cursor === '' ? 0n : BigInt(cursor);
  if (value > MAX_SEQ) throw new HttpError(400, 'invalid_request', 'cursor is out of range: use the cursor of a previous pull');
  return value;
}

export async function pullChanges(
  db: Database,
  officer: Officer,
  cursor: string,
  limit: number,
  include: readonly OptionalCollection[] = [],
): Promise<PullResponse> {
  const after = parseCursor(cursor);
  const included = new Set(include);
  const scope = officer.role === 'inspector' ? inspectorChanges(officer, included) : unitChanges(officer, included);
  const select = (where: SQL, limit?: number) => sql`
    SELECT collection, id, seq::text AS seq, data FROM (${scope}) changes
    WHERE ${where} ORDER BY changes.seq ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`;

  const rows = await queryRows<ChangeRow>(db, select(sql`changes.seq > ${after.toString()}::bigint`, limit + 1));
  let page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  // Records stamped with a task's sequence can share one value; a page never splits such a group, or the next
  // cursor would skip the rest of it.
  if (hasMore && last && rows[limit]?.seq === last.seq) {
    const group = await queryRows<ChangeRow>(db, select(sql`changes.seq = ${last.seq}::bigint`));
    page = [...page.filter((row) => row.seq !== last.seq), ...group];
  }
  return {
    changes: page.map((row) => ({ op: 'upsert', collection: row.collection, id: row.id, data: row.data }) as Change),
    cursor: page.at(-1)?.seq ?? (cursor === '' ? '0' : after.toString()),
    hasMore,
  };
}
