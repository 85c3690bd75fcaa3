// Inspection plans and the recusal registry: managed by a supervisor (or admin) of the unit.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { CreatePlanData, CreateRecusalRequest, PlanDetail } from '@shared/api/plans';
import type { Officer, Recusal } from '@shared/domain/model';
import type { Database } from '../db/open';
import { checkItems, departments, drawRecords, enterprises, inspectionPlans, officers, recusals } from '../db/schema';
import { ofOwnUnit, requireSupervisor } from '../access/policy';
import { inOwnUnit } from '../access/scope';
import { conflict, invalid, notFound } from '../domain/errors';
import { recordActorAudit, type Actor } from './audit';

type PlanRow = typeof inspectionPlans.$inferSelect;
type DrawRow = Pick<
  typeof drawRecords.$inferSelect,
  'id' | 'seedValue' | 'seed' | 'populationHash' | 'outputHash' | 'ranBy' | 'ranAt' | 'file'
>;

export function planDetail(row: PlanRow, draw: DrawRow | undefined): PlanDetail {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    departmentIds: row.departmentIds,
    checkItemIds: row.checkItemIds,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    populationFilter: row.populationFilter,
    samplingRatios: row.samplingRatios,
    teamSize: row.teamSize,
    seedSource: row.seedSource,
    createdBy: row.createdBy,
    createdAt: row.createdAt?.toISOString() ?? null,
    draw: draw
      ? {
          recordId: draw.id,
          seedValue: draw.seedValue,
          seed: draw.seed,
          populationHash: draw.populationHash,
          outputHash: draw.outputHash,
          ranBy: draw.ranBy,
          ranAt: draw.ranAt.toISOString(),
          populationSize: draw.file.inputs.population.length,
          drawnCount: draw.file.result.assignments.length,
        }
      : null,
  };
}

const drawColumns = {
  id: drawRecords.id,
  seedValue: drawRecords.seedValue,
  seed: drawRecords.seed,
  populationHash: drawRecords.populationHash,
  outputHash: drawRecords.outputHash,
  ranBy: drawRecords.ranBy,
  ranAt: drawRecords.ranAt,
  file: drawRecords.file,
};

export async function listPlans(db: Database, officer: Officer): Promise<PlanDetail[]> {
  requireSupervisor(officer, 'manage inspection plans');
  const rows = await db
    .select({ plan: inspectionPlans, draw: drawColumns })
    .from(inspectionPlans)
    .leftJoin(drawRecords, eq(drawRecords.planId, inspectionPlans.id))
    .where(inOwnUnit(inspectionPlans.unitId, officer))
    .orderBy(desc(inspectionPlans.windowStart), inspectionPlans.id);
  return rows.map((r) => planDetail(r.plan, r.draw ?? undefined));
}

/** The plan, if it belongs to the officer's unit (404 otherwise, so other units' plans are not even confirmed). */
export async function planOfUnit(db: Pick<Database, 'select'>, officer: Officer, planId: string): Promise<PlanRow> {
  const [row] = await db.select().from(inspectionPlans).where(eq(inspectionPlans.id, planId));
  if (!row || !ofOwnUnit(officer, row)) throw notFound(`no plan ${planId} in your unit`);
  return row;
}

export async function createPlan(
  db: Database,
  officer: Officer,
  request: CreatePlanData,
  now = new Date(),
  /** A fixed id (the demo's, so that the same seed and day give the same campaign); otherwise a new one. */
  id = `plan-${randomUUID()}`,
): Promise<PlanDetail> {
  requireSupervisor(officer, 'create inspection plans');
  const knownDepartments = await db.select({ id: departments.id }).from(departments).where(inArray(departments.id, request.departmentIds));
  const unknown = request.departmentIds.filter((d) => !knownDepartments.some((k) => k.id === d));
  if (unknown.length > 0) throw invalid(`unknown department(s): ${unknown.join(', ')}`);
  const itemIds = Object.values(request.checkItemIds).flat();
  const items = await db
    .select({ id: checkItems.id, departmentId: checkItems.departmentId })
    .from(checkItems)
    .where(inArray(checkItems.id, itemIds));
  const departmentOfItem = new Map(items.map((i) => [i.id, i.departmentId]));
  const misplaced = Object.entries(request.checkItemIds).flatMap(([departmentId, ids]) =>
    ids.filter((i) => departmentOfItem.get(i) !== departmentId),
  );
  if (misplaced.length > 0) throw invalid(`check item(s) not in the catalogue of their department: ${misplaced.slice(0, 5).join(', ')}`);

  const row: typeof inspectionPlans.$inferInsert = {
    id,
    unitId: officer.unitId,
    name: request.name,
    departmentIds: request.departmentIds,
    checkItemIds: request.checkItemIds,
    windowStart: request.windowStart,
    windowEnd: request.windowEnd,
    populationFilter: request.populationFilter,
    samplingRatios: request.samplingRatios,
    teamSize: request.teamSize,
    seedSource: request.seedSource,
    createdBy: officer.id,
    createdAt: now,
  };
  const [inserted] = await db.insert(inspectionPlans).values(row).returning();
  return planDetail(inserted!, undefined);
}

const recusalColumns = {
  id: recusals.id,
  unitId: recusals.unitId,
  officerId: recusals.officerId,
  enterpriseId: recusals.enterpriseId,
  reason: recusals.reason,
  validFrom: recusals.validFrom,
  validTo: recusals.validTo,
};

export async function listRecusals(db: Database, officer: Officer): Promise<Recusal[]> {
  requireSupervisor(officer, 'read the recusal registry');
  return db.select(recusalColumns).from(recusals).where(inOwnUnit(recusals.unitId, officer)).orderBy(recusals.createdAt, recusals.id);
}

export async function addRecusal(db: Database, actor: Actor, request: CreateRecusalRequest): Promise<Recusal> {
  const { officer } = actor;
  requireSupervisor(officer, 'register recusals');
  const [member] = await db
    .select({ id: officers.id })
    .from(officers)
    .where(and(eq(officers.id, request.officerId), inOwnUnit(officers.unitId, officer)));
  if (!member) throw invalid(`officer ${request.officerId} is not in your unit`);
  const [enterprise] = await db.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.uscc, request.enterpriseId));
  if (!enterprise) throw invalid(`no enterprise with USCC ${request.enterpriseId}`);
  const recusal: Recusal = { id: `recusal-${randomUUID()}`, unitId: officer.unitId, ...request };
  await db.transaction(async (tx) => {
    await tx.insert(recusals).values({ ...recusal, createdBy: officer.id });
    await recordActorAudit(tx, actor, 'recusal.created', { type: 'recusal', id: recusal.id, content: recusal });
  });
  return recusal;
}

/**
 * Ends a recusal on `validTo` (its last day). Only ever shortens it: the registry keeps what applied when, so a recusal
 * already ended on or before that day stays as it is.
 */
export async function endRecusal(db: Database, actor: Actor, recusalId: string, validTo: string): Promise<Recusal> {
  const { officer } = actor;
  requireSupervisor(officer, 'end recusals');
  return db.transaction(async (tx) => {
    const [row] = await tx.select(recusalColumns).from(recusals).where(eq(recusals.id, recusalId)).for('update');
    if (!row || !ofOwnUnit(officer, row)) throw notFound(`no recusal ${recusalId} in your unit`);
    if (validTo < row.validFrom) throw invalid(`validTo ${validTo} is before the recusal starts (${row.validFrom})`);
    if (row.validTo !== null && row.validTo <= validTo)
      throw conflict(`recusal ${recusalId} already ended on ${row.validTo}: an end date can only bring the end forward`);
    const [ended] = await tx.update(recusals).set({ validTo }).where(eq(recusals.id, recusalId)).returning(recusalColumns);
    await recordActorAudit(tx, actor, 'recusal.ended', {
      type: 'recusal',
      id: recusalId,
      content: ended,
      details: { validTo: { from: row.validTo, to: validTo } },
    });
    return ended!;
  });
}
