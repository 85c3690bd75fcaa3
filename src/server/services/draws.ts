// Running a plan's draw: freeze the population, compute the draw (src/shared/draw), and in ONE transaction store the
// append-only draw record and turn the draw into joint inspection tasks, one section per department. The new tasks
// carry fresh change_seq values, so the drawn officers receive them with their next pull.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DrawView, PopulationRequest, PopulationResponse, PublicityExport, RunDrawRequest } from '@shared/api/plans';
import { PUBLICITY_FORMAT } from '@shared/api/plans';
import { districtName } from '@shared/domain/districts';
import { draftSection, type Officer, type PopulationFilter, type RiskClass } from '@shared/domain/model';
import { runDraw } from '@shared/draw/draw';
import { DrawInfeasibleError } from '@shared/draw/teamDraw';
import { DRAW_FORMAT, type DrawFile, type DrawInputs, type DrawPlan, type PopulationEntry } from '@shared/draw/schema';
import { queryRows, type Database } from '../db/open';
import {
  checkItems,
  departments,
  drawRecords,
  enterprises,
  inspectionPlans,
  inspectionSections,
  inspectionTasks,
  officers,
  recusals,
  units,
} from '../db/schema';
import { DomainError, notFound, conflict } from '../domain/errors';
import { requireSupervisor } from '../access/policy';
import { inJurisdiction } from '../access/scope';
import { planDetail, planOfUnit } from './plans';
import { recordActorAudit } from './audit';
import { lockWrites } from '../db/writes';

type PlanRow = typeof inspectionPlans.$inferSelect;
type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

const BATCH = 1000;
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The plan's parameters that shape the draw; refuses plans made without draw parameters. */
export function drawPlanOf(plan: PlanRow): DrawPlan {
  if (!plan.samplingRatios || plan.teamSize === null || plan.seedSource === null || !plan.populationFilter) {
    throw conflict(`plan ${plan.id} was not created for a draw (no sampling ratios, team size or seed source)`);
  }
  return {
    id: plan.id,
    name: plan.name,
    departmentIds: plan.departmentIds,
    samplingRatios: plan.samplingRatios,
    teamSize: plan.teamSize,
    seedSource: plan.seedSource,
  };
}

const textArray = (values: string[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The enterprises `e` a draw is drawn from: the unit's jurisdiction, narrowed by the plan's filter. */
function populationCondition(unitId: string, filter: PopulationFilter): SQL {
  return sql`${inJurisdiction(unitId)}
      ${filter.districtCodes.length > 0 ? sql`AND district_code = ANY(${textArray(filter.districtCodes)})` : sql``}
      ${filter.industries.length > 0 ? sql`AND industry = ANY(${textArray(filter.industries)})` : sql``}
      ${filter.entityCategories.length > 0 ? sql`AND entity_category = ANY(${textArray(filter.entityCategories)})` : sql``}`;
}

/** The officers teams are drawn from: the unit's inspectors of the plan's departments. */
const inRoster = (unitId: string, departmentIds: string[]) =>
  and(eq(officers.unitId, unitId), eq(officers.role, 'inspector'), inArray(officers.departmentId, departmentIds));

/** What a plan with this filter and these departments would be drawn from, before it is created or drawn. */
export async function planPopulation(db: Database, officer: Officer, request: PopulationRequest): Promise<PopulationResponse> {
  requireSupervisor(officer, 'plan draws');
  const [classes, inspectors] = await Promise.all([
    queryRows<{ risk_class: RiskClass; n: number }>(
      db,
      sql`SELECT risk_class, count(*)::int AS n FROM enterprises e WHERE ${populationCondition(officer.unitId, request.populationFilter)} GROUP BY risk_class`,
    ),
    db
      .select({ departmentId: officers.departmentId, n: sql<number>`count(*)::int` })
      .from(officers)
      .where(inRoster(officer.unitId, request.departmentIds))
      .groupBy(officers.departmentId),
  ]);
  const byClass: PopulationResponse['byClass'] = { A: 0, B: 0, C: 0, D: 0, E: 0 };
  for (const row of classes) byClass[row.risk_class] = Number(row.n);
  const counted = new Map(inspectors.map((row) => [row.departmentId, Number(row.n)]));
  return { byClass, inspectorsByDepartment: Object.fromEntries(request.departmentIds.map((id) => [id, counted.get(id) ?? 0])) };
}

/** Everything the draw depends on, read inside the draw's transaction so it is one consistent snapshot. */
async function freezeInputs(tx: Transaction, plan: PlanRow, seedValue: string, drawDate: string): Promise<DrawInputs> {
  const drawPlan = drawPlanOf(plan);
  // Ordered by byte order (COLLATE "C"), the order the pure draw expects whatever the database's locale.
  const population = await queryRows<{ uscc: string; risk_class: PopulationEntry[1] }>(
    tx,
    sql`SELECT uscc, risk_class FROM enterprises e WHERE ${populationCondition(plan.unitId, plan.populationFilter!)} ORDER BY uscc COLLATE "C"`,
  );
  const roster = await tx
    .select({ id: officers.id, departmentId: officers.departmentId })
    .from(officers)
    .where(inRoster(plan.unitId, plan.departmentIds))
    .orderBy(sql`${officers.id} COLLATE "C"`);
  const rosterIds = roster.map((o) => o.id);
  const activeRecusals =
    rosterIds.length === 0
      ? []
      : await tx
          .select({
            officerId: recusals.officerId,
            enterpriseId: recusals.enterpriseId,
            validFrom: recusals.validFrom,
            validTo: recusals.validTo,
          })
          .from(recusals)
          .where(
            and(
              inArray(recusals.officerId, rosterIds),
              sql`${recusals.validFrom} <= ${drawDate}::date`,
              sql`(${recusals.validTo} IS NULL OR ${recusals.validTo} >= ${drawDate}::date)`,
            ),
          )
          .orderBy(sql`${recusals.officerId} COLLATE "C"`, sql`${recusals.enterpriseId} COLLATE "C"`, recusals.validFrom);
  // The lead (first officer) of each enterprise's latest task, over every plan.
  const leads = await queryRows<{ enterprise_id: string; lead: string }>(
    tx,
    sql`
    SELECT DISTINCT ON (enterprise_id) enterprise_id, officer_ids[1] AS lead FROM ${inspectionTasks}
    ORDER BY enterprise_id, due_date DESC, id DESC`,
  );
  const inPopulation = new Set(population.map((p) => p.uscc));
  const lastLeads = Object.fromEntries(leads.filter((l) => inPopulation.has(l.enterprise_id)).map((l) => [l.enterprise_id, l.lead]));
  return {
    format: DRAW_FORMAT,
    plan: drawPlan,
    seedValue,
    drawDate,
    population: population.map((p): PopulationEntry => [p.uscc, p.risk_class]),
    roster,
    recusals: activeRecusals,
    lastLeads,
  };
}

export const taskIdOf = (planId: string, uscc: string) => `${planId}-${uscc}`;

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

export async function runPlanDraw(
  db: Database,
  officer: Officer,
  planId: string,
  request: RunDrawRequest,
  deviceId: string | null,
  now = new Date(),
): Promise<DrawView> {
  requireSupervisor(officer, 'run draws');
  await db.transaction(async (tx) => {
    await lockWrites(tx);
    const plan = await planOfUnit(tx, officer, planId);
    const [existing] = await tx.select({ id: drawRecords.id }).from(drawRecords).where(eq(drawRecords.planId, plan.id));
    if (existing) throw conflict(`plan ${plan.id} was already drawn (record ${existing.id}); a draw is never re-run`);

    const inputs = await freezeInputs(tx, plan, request.seedValue, shanghaiDay.format(now));
    let result;
    try {
      result = runDraw(inputs);
    } catch (error) {
      if (error instanceof DrawInfeasibleError)
        throw new DomainError(
          'unprocessable',
          'draw_infeasible',
          error.message,
          error.failures.slice(0, 50).map((f) => `${f.enterpriseId}: ${f.constraint}: ${f.detail}`),
        );
      if (error instanceof Error) throw new DomainError('unprocessable', 'draw_infeasible', error.message);
      throw error;
    }
    const file: DrawFile = { recordId: `draw-${randomUUID()}`, ranBy: officer.id, ranAt: now.toISOString(), inputs, result };
    await tx.insert(drawRecords).values({
      id: file.recordId,
      planId: plan.id,
      seedValue: inputs.seedValue,
      seed: result.seed,
      populationHash: result.populationHash,
      outputHash: result.outputHash,
      ranBy: officer.id,
      ranAt: now,
      file,
    });

    const tasks = result.assignments.map((a) => ({
      id: taskIdOf(plan.id, a.enterpriseId),
      planId: plan.id,
      enterpriseId: a.enterpriseId,
      departmentIds: plan.departmentIds,
      officerIds: a.officerIds,
      dueDate: plan.windowEnd,
      status: 'assigned' as const,
    }));
    for (const batch of batches(tasks)) await tx.insert(inspectionTasks).values(batch);
    const sections = tasks.flatMap((t) =>
      plan.departmentIds.map((departmentId) => ({
        ...draftSection({ id: `${t.id}-${departmentId}`, taskId: t.id, departmentId, checkItemIds: plan.checkItemIds[departmentId] ?? [] }),
        completedAt: null,
      })),
    );
    for (const batch of batches(sections)) await tx.insert(inspectionSections).values(batch);
    await recordActorAudit(tx, { officer, deviceId }, 'draw.run', {
      type: 'plan',
      id: plan.id,
      content: file,
      details: { recordId: file.recordId, outputHash: result.outputHash, tasks: tasks.length },
    });
  });
  return getDrawView(db, officer, planId);
}

async function drawOfPlan(
  db: Database,
  officer: Officer,
  planId: string,
): Promise<{ plan: PlanRow; record: typeof drawRecords.$inferSelect }> {
  requireSupervisor(officer, 'read draws');
  const plan = await planOfUnit(db, officer, planId);
  const [record] = await db.select().from(drawRecords).where(eq(drawRecords.planId, plan.id));
  if (!record) throw notFound(`plan ${plan.id} has not been drawn yet`);
  return { plan, record };
}

async function namesOf(db: Database, file: DrawFile) {
  const enterpriseIds = file.result.assignments.map((a) => a.enterpriseId);
  const officerIds = [...new Set(file.result.assignments.flatMap((a) => a.officerIds))];
  const enterpriseRows =
    enterpriseIds.length === 0
      ? []
      : await db
          .select({ uscc: enterprises.uscc, name: enterprises.name, districtCode: enterprises.districtCode })
          .from(enterprises)
          .where(inArray(enterprises.uscc, enterpriseIds));
  const officerRows =
    officerIds.length === 0
      ? []
      : await db
          .select({ id: officers.id, name: officers.name, username: officers.username, departmentId: officers.departmentId })
          .from(officers)
          .where(inArray(officers.id, officerIds));
  return { enterprise: new Map(enterpriseRows.map((e) => [e.uscc, e])), officer: new Map(officerRows.map((o) => [o.id, o])) };
}

export async function getDrawView(db: Database, officer: Officer, planId: string): Promise<DrawView> {
  const { plan, record } = await drawOfPlan(db, officer, planId);
  const names = await namesOf(db, record.file);
  return {
    planId: plan.id,
    summary: planDetail(plan, record).draw!,
    workload: record.file.result.workload,
    teams: record.file.result.assignments.map((a) => ({
      taskId: taskIdOf(plan.id, a.enterpriseId),
      enterpriseId: a.enterpriseId,
      enterpriseName: names.enterprise.get(a.enterpriseId)?.name ?? '',
      districtCode: names.enterprise.get(a.enterpriseId)?.districtCode ?? '',
      officers: a.officerIds.map((id) => names.officer.get(id) ?? { id, name: id, username: '', departmentId: '' }),
    })),
  };
}

/** The complete draw file (with the population's risk classes): for the unit and its auditors, not for publication. */
export async function getDrawFile(db: Database, officer: Officer, planId: string): Promise<DrawFile> {
  return (await drawOfPlan(db, officer, planId)).record.file;
}

export async function getPublicity(db: Database, officer: Officer, planId: string): Promise<PublicityExport> {
  const { plan, record } = await drawOfPlan(db, officer, planId);
  const { file } = record;
  const names = await namesOf(db, file);
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, plan.unitId));
  const departmentRows = await db.select().from(departments).where(inArray(departments.id, plan.departmentIds));
  const itemRows = await db
    .select()
    .from(checkItems)
    .where(inArray(checkItems.id, Object.values(plan.checkItemIds).flat()));
  const departmentName = new Map(departmentRows.map((d) => [d.id, d.name]));
  const { samplingRatios: _internal, ...publicPlan } = file.inputs.plan;
  return {
    format: PUBLICITY_FORMAT,
    plan: {
      ...publicPlan,
      unitName: unit?.name ?? '',
      departments: plan.departmentIds.map((id) => ({
        id,
        name: departmentName.get(id) ?? id,
        checkItems: (plan.checkItemIds[id] ?? [])
          .map((itemId) => itemRows.find((i) => i.id === itemId))
          .filter((i) => i !== undefined)
          .map((i) => ({ code: i.code, title: i.title, legalBasis: i.legalBasis })),
      })),
      populationFilter: {
        districts: plan.populationFilter!.districtCodes.map((code) => districtName(code) ?? code),
        industries: plan.populationFilter!.industries,
        entityCategories: plan.populationFilter!.entityCategories,
      },
      windowStart: plan.windowStart,
      windowEnd: plan.windowEnd,
    },
    draw: {
      seedValue: file.inputs.seedValue,
      seed: file.result.seed,
      populationHash: file.result.populationHash,
      populationSize: file.inputs.population.length,
      outputHash: file.result.outputHash,
      ranAt: file.ranAt,
    },
    drawn: file.result.assignments.map((a) => {
      const enterprise = names.enterprise.get(a.enterpriseId);
      return {
        uscc: a.enterpriseId,
        name: enterprise?.name ?? '',
        district: districtName(enterprise?.districtCode ?? '') ?? enterprise?.districtCode ?? '',
        officers: a.officerIds.map((id) => {
          const o = names.officer.get(id);
          return { name: o?.name ?? id, department: departmentName.get(o?.departmentId ?? '') ?? '' };
        }),
      };
    }),
  };
}
