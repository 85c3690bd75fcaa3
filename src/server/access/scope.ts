// What each officer may read, defined once: the tasks they see and the jurisdiction whose profiles they get. Pull,
// attachment reads and review build their queries on these fragments (aliases: t tasks, p plans, e enterprises).
import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Officer } from '@shared/domain/model';

/** Inspectors read through the tasks they are on; supervisors and admins read their whole unit. */
export const readsWholeUnit = (officer: Officer): boolean => officer.role !== 'inspector';

/** A task `t` of a plan `p` of the officer's unit: what supervisors and admins see and review. */
export const unitPlanCondition = (officer: Officer): SQL => sql`p.unit_id = ${officer.unitId}`;

/**
 * FROM and WHERE of the tasks `t` the officer may see: an inspector's by team membership (tasks alone, an index scan
 * of officer_ids), a supervisor's or admin's by their unit's plans (`p` joined).
 */
export function visibleTasks(officer: Officer): SQL {
  return readsWholeUnit(officer)
    ? sql`inspection_tasks t JOIN inspection_plans p ON p.id = t.plan_id WHERE ${unitPlanCondition(officer)}`
    : sql`inspection_tasks t WHERE t.officer_ids @> ARRAY[${officer.id}]::text[]`;
}

/**
 * An enterprise `e` in the jurisdiction of the unit (units.district_codes). The array is a scalar subquery, so the
 * condition stays an index scan of enterprises by district.
 */
export function inJurisdiction(unitId: string): SQL {
  return sql`e.district_code = ANY((SELECT district_codes FROM units WHERE id = ${unitId})::text[])`;
}

/** Rows of the officer's unit, by their unit column: the plans, recusals and officers a supervisor manages. */
export const inOwnUnit = (unitColumn: PgColumn, officer: Officer): SQL => eq(unitColumn, officer.unitId);
