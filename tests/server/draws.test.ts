import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreatePlanRequest, DrawView, PlanDetail } from '@shared/api/plans';
import { populationResponseSchema, publicityExportSchema } from '@shared/api/plans';
import { districtName } from '@shared/domain/districts';
import { estimateDraw } from '@shared/draw/estimate';
import { verifyDrawFile } from '@shared/draw/draw';
import { drawFileSchema, type DrawFile } from '@shared/draw/schema';
import { queryRows } from '../../src/server/db/open';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { idsOf, snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(30);
const unitAEnterprises = Array.from({ length: 30 }, (_, i) => fixture.enterpriseAt(i)).filter((e) =>
  ['370602', '370611'].includes(e.districtCode),
);
const itemsOf = (departmentId: string) => fixture.checkItems.filter((c) => c.departmentId === departmentId).map((c) => c.id);

const planRequest = (overrides: Partial<CreatePlanRequest> = {}): CreatePlanRequest => ({
  name: '2025年第二季度联合抽查',
  departmentIds: ['dept-amr', 'dept-tax'],
  checkItemIds: { 'dept-amr': itemsOf('dept-amr'), 'dept-tax': itemsOf('dept-tax') },
  populationFilter: { districtCodes: [], industries: [], entityCategories: [] },
  samplingRatios: { A: 20, B: 20, C: 50, D: 100, E: 100 },
  windowStart: '2025-07-01',
  windowEnd: '2025-09-30',
  teamSize: 2,
  seedSource: '福彩3D 2025年第180期开奖号码',
  ...overrides,
});

describeEachDriver('draws', (fresh) => {
  let h: Harness;
  let supervisor: string;
  let inspector: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const createPlan = async (overrides: Partial<CreatePlanRequest> = {}) => {
    const response = await h.request({ method: 'POST', url: '/api/v1/plans', headers: auth(supervisor), payload: planRequest(overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<PlanDetail>();
  };
  const recusal = (officerId: string, enterpriseId: string) =>
    h.request({
      method: 'POST',
      url: '/api/v1/recusals',
      headers: auth(supervisor),
      payload: { officerId, enterpriseId, reason: '配偶在该企业任职', validFrom: '2020-01-01', validTo: null },
    });

  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    supervisor = await h.login('sup-a');
    inspector = await h.login('amr1');
  });

  it('lets only a supervisor create and list plans, manage recusals or run draws', async () => {
    const asInspector = [
      { method: 'GET' as const, url: '/api/v1/plans' },
      { method: 'POST' as const, url: '/api/v1/plans', payload: planRequest() },
      { method: 'GET' as const, url: '/api/v1/recusals' },
      {
        method: 'POST' as const,
        url: '/api/v1/recusals',
        payload: { officerId: 'amr1', enterpriseId: unitAEnterprises[0]!.uscc, reason: 'x', validFrom: '2020-01-01', validTo: null },
      },
      { method: 'POST' as const, url: '/api/v1/plans/plan-a/draw', payload: { seedValue: '123' } },
    ];
    const before = await snapshot(h.database);
    for (const request of asInspector) {
      const response = await h.request({ ...request, headers: auth(inspector) });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
      expect(response.json().message).toMatch(/only a supervisor/);
    }
    expect((await h.request({ method: 'GET', url: '/api/v1/plans' })).statusCode).toBe(401);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('refuses illegal plans with a readable 400 and stores nothing', async () => {
    const before = await snapshot(h.database);
    const bad: [Partial<CreatePlanRequest>, RegExp][] = [
      [{ samplingRatios: { A: 0, B: 3, C: 10, D: 100, E: 100 } }, /no risk class may be exempt/],
      [{ teamSize: 1 }, /teamSize/],
      [
        {
          departmentIds: ['dept-amr', 'dept-tax', 'dept-eco'],
          checkItemIds: { 'dept-amr': itemsOf('dept-amr'), 'dept-tax': itemsOf('dept-tax'), 'dept-eco': itemsOf('dept-eco') },
        },
        /cannot include an officer of each of 3/,
      ],
      [{ windowEnd: '2025-06-01' }, /ends before it starts/],
      [{ checkItemIds: { 'dept-amr': itemsOf('dept-tax'), 'dept-tax': itemsOf('dept-tax') } }, /not in the catalogue of their department/],
      [
        { departmentIds: ['dept-amr', 'dept-nope'], checkItemIds: { 'dept-amr': itemsOf('dept-amr'), 'dept-nope': ['x'] } },
        /unknown department/,
      ],
    ];
    for (const [overrides, message] of bad) {
      const response = await h.request({
        method: 'POST',
        url: '/api/v1/plans',
        headers: auth(supervisor),
        payload: planRequest(overrides),
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    expect(await snapshot(h.database)).toEqual(before);
  });

  describe('a draw', () => {
    let plan: PlanDetail;
    let view: DrawView;
    let file: DrawFile;
    const recusedEnterprise = unitAEnterprises.find((e) => e.riskClass === 'E')!.uscc;

    beforeAll(async () => {
      expect((await recusal('amr1', recusedEnterprise)).statusCode).toBe(201);
      plan = await createPlan();
      const response = await h.request({
        method: 'POST',
        url: `/api/v1/plans/${plan.id}/draw`,
        headers: auth(supervisor),
        payload: { seedValue: '4 7 1' },
      });
      expect(response.statusCode, response.body).toBe(201);
      view = response.json<DrawView>();
      file = drawFileSchema.parse(
        (await h.request({ method: 'GET', url: `/api/v1/plans/${plan.id}/draw/file`, headers: auth(supervisor) })).json(),
      );
    });

    it('is listed with the plan and its record', async () => {
      const { plans } = (await h.request({ method: 'GET', url: '/api/v1/plans', headers: auth(supervisor) })).json<{
        plans: PlanDetail[];
      }>();
      const listed = plans.find((p) => p.id === plan.id)!;
      expect(listed.draw).toMatchObject({
        seedValue: '4 7 1',
        ranBy: 'sup-a',
        populationSize: unitAEnterprises.length,
        drawnCount: view.teams.length,
      });
      expect(listed.seedSource).toBe('福彩3D 2025年第180期开奖号码');
      expect(plans.map((p) => p.unitId)).toEqual(plans.map(() => 'unit-a'));
    });

    it('freezes exactly the published inputs, and re-running them gives the identical draw', () => {
      expect(file.inputs.population).toEqual(unitAEnterprises.map((e) => [e.uscc, e.riskClass]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
      expect(file.inputs.roster).toEqual([
        { id: 'amr1', departmentId: 'dept-amr' },
        { id: 'amr2', departmentId: 'dept-amr' },
        { id: 'lonely', departmentId: 'dept-amr' },
        { id: 'tax1', departmentId: 'dept-tax' },
      ]);
      expect(file.inputs.lastLeads).toMatchObject({ [fixture.tasks[0]!.enterpriseId]: 'amr1', [fixture.tasks[2]!.enterpriseId]: 'amr2' });
      expect(file.inputs.recusals).toEqual([
        { officerId: 'amr1', enterpriseId: recusedEnterprise, validFrom: '2020-01-01', validTo: null },
      ]);
      expect(JSON.stringify(file)).not.toMatch(/配偶/);
      const verification = verifyDrawFile(JSON.parse(JSON.stringify(file)));
      expect(verification.identical).toBe(true);
      expect(view.summary).toMatchObject({
        seed: file.result.seed,
        populationHash: file.result.populationHash,
        outputHash: file.result.outputHash,
      });
    });

    it('tells before the draw what it will draw from: the population per risk class, the inspectors, the number of tasks', async () => {
      const ask = (token: string) =>
        h.request({
          method: 'POST',
          url: '/api/v1/plans/population',
          headers: auth(token),
          payload: { populationFilter: plan.populationFilter, departmentIds: plan.departmentIds },
        });
      const response = await ask(supervisor);
      expect(response.statusCode, response.body).toBe(200);
      const population = populationResponseSchema.parse(response.json());
      expect(population.byClass).toEqual(
        Object.fromEntries(Object.entries(file.result.classCounts).map(([riskClass, counts]) => [riskClass, counts.population])),
      );
      expect(population.inspectorsByDepartment).toEqual({ 'dept-amr': 3, 'dept-tax': 1 });
      const estimate = estimateDraw({
        population: population.byClass,
        samplingRatios: plan.samplingRatios!,
        teamSize: plan.teamSize!,
        inspectorsByDepartment: population.inspectorsByDepartment,
        workingDays: 60,
        capacityPerWorkingDay: 1,
      });
      expect(estimate.tasks).toBe(view.teams.length);
      // The one tax inspector is on every team.
      expect(estimate.tasksPerInspector).toBe(view.teams.length);
      expect((await ask(inspector)).statusCode).toBe(403);
      const narrowed = await h.request({
        method: 'POST',
        url: '/api/v1/plans/population',
        headers: auth(supervisor),
        payload: { populationFilter: { districtCodes: ['370611'] }, departmentIds: ['dept-amr'] },
      });
      const narrowedClasses = populationResponseSchema.parse(narrowed.json()).byClass;
      expect(Object.values(narrowedClasses).reduce((a, b) => a + b, 0)).toBe(
        unitAEnterprises.filter((e) => e.districtCode === '370611').length,
      );
    });

    it('draws every D and E enterprise and legal teams', () => {
      const drawn = view.teams.map((t) => t.enterpriseId);
      for (const e of unitAEnterprises) if (e.riskClass === 'D' || e.riskClass === 'E') expect(drawn).toContain(e.uscc);
      for (const team of view.teams) {
        const ids = team.officers.map((o) => o.id);
        expect(ids).toHaveLength(2);
        expect(new Set(team.officers.map((o) => o.departmentId))).toEqual(new Set(['dept-amr', 'dept-tax']));
        expect(ids).not.toContain('sup-a');
        if (team.enterpriseId === recusedEnterprise) expect(ids).not.toContain('amr1');
        const lastLead = file.inputs.lastLeads[team.enterpriseId];
        if (lastLead) expect(ids[0]).not.toBe(lastLead);
      }
      expect(view.workload.spread).toBeGreaterThanOrEqual(0);
    });

    it('delivers the tasks, one section per department, to the drawn inspectors by the normal pull', async () => {
      const drawnOfficers = new Set(view.teams.flatMap((t) => t.officers.map((o) => o.id)));
      expect(drawnOfficers.size).toBeGreaterThan(1);
      for (const officerId of drawnOfficers) {
        const { changes } = await h.pullAll(await h.login(officerId));
        const mine = view.teams.filter((t) => t.officers.some((o) => o.id === officerId));
        const taskIds = idsOf(changes, 'tasks');
        for (const team of mine) {
          expect(taskIds).toContain(team.taskId);
          expect(idsOf(changes, 'sections')).toEqual(expect.arrayContaining([`${team.taskId}-dept-amr`, `${team.taskId}-dept-tax`]));
          expect(idsOf(changes, 'enterprises')).toContain(team.enterpriseId);
        }
        expect(idsOf(changes, 'plans')).toContain(plan.id);
      }
      const eco = await h.pullAll(await h.login('eco1'));
      expect(idsOf(eco.changes, 'tasks').some((id) => id.startsWith(plan.id))).toBe(false);
    });

    it('is append-only: never re-run, no update or delete path, the record unchanged', async () => {
      const before = await snapshot(h.database);
      const again = await h.request({
        method: 'POST',
        url: `/api/v1/plans/${plan.id}/draw`,
        headers: auth(supervisor),
        payload: { seedValue: '9 9 9' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toMatch(/already drawn/);
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        for (const url of [`/api/v1/plans/${plan.id}/draw`, `/api/v1/plans/${plan.id}/draw/file`]) {
          const response = await h.request({ method, url, headers: auth(supervisor), payload: { seedValue: 'x' } });
          // No route writes a draw record: the answer is "no such method/endpoint", never a change.
          expect([404, 405], `${method} ${url}`).toContain(response.statusCode);
        }
      }
      expect(await snapshot(h.database)).toEqual(before);
      const stored = drawFileSchema.parse(
        (await h.request({ method: 'GET', url: `/api/v1/plans/${plan.id}/draw/file`, headers: auth(supervisor) })).json(),
      );
      expect(stored).toEqual(file);
    });

    it('publishes plan, seed, population hash and the drawn list with public fields only', async () => {
      const response = await h.request({ method: 'GET', url: `/api/v1/plans/${plan.id}/publicity`, headers: auth(supervisor) });
      expect(response.statusCode).toBe(200);
      const exported = publicityExportSchema.parse(response.json());
      expect(exported.draw).toMatchObject({
        seedValue: '4 7 1',
        seed: file.result.seed,
        populationHash: file.result.populationHash,
        outputHash: file.result.outputHash,
      });
      expect(exported.plan.seedSource).toBe('福彩3D 2025年第180期开奖号码');
      expect(exported.drawn.map((d) => d.uscc)).toEqual(view.teams.map((t) => t.enterpriseId));
      // Districts by name, as the public reads them.
      expect(exported.drawn.map((d) => d.district)).toEqual(view.teams.map((t) => districtName(t.districtCode)));
      expect(response.body).not.toMatch(/"3706\d\d"/);
      const keys = new Set<string>();
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object')
          for (const [k, v] of Object.entries(value)) {
            keys.add(k);
            walk(v);
          }
      };
      walk(response.json());
      for (const internal of [
        'riskClass',
        'samplingRatios',
        'classCounts',
        'population',
        'lastLeads',
        'recusals',
        'roster',
        'lighthouseScore',
        'penalties',
      ]) {
        expect(keys.has(internal), internal).toBe(false);
      }
      expect(response.body).not.toMatch(/"[ABCDE]"/);
      // Another unit's supervisor-less inspector or another unit cannot read it.
      expect((await h.request({ method: 'GET', url: `/api/v1/plans/${plan.id}/publicity`, headers: auth(inspector) })).statusCode).toBe(
        403,
      );
    });
  });

  it('names the failed constraint and writes nothing when no legal team exists', async () => {
    const plan = await createPlan({ samplingRatios: { A: 100, B: 100, C: 100, D: 100, E: 100 } });
    expect((await recusal('tax1', unitAEnterprises[0]!.uscc)).statusCode).toBe(201);
    const before = await snapshot(h.database);
    const response = await h.request({
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/draw`,
      headers: auth(supervisor),
      payload: { seedValue: '1' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(
      new RegExp(`${unitAEnterprises[0]!.uscc}: recusal \\(every officer of department dept-tax is recused\\)`),
    );
    expect(await snapshot(h.database)).toEqual(before);
    const rows = await queryRows<{ n: number }>(h.database.db, sql`SELECT count(*)::int AS n FROM draw_records WHERE plan_id = ${plan.id}`);
    expect(rows[0]!.n).toBe(0);
    const { recusals } = (await h.request({ method: 'GET', url: '/api/v1/recusals', headers: auth(supervisor) })).json<{
      recusals: { officerId: string }[];
    }>();
    expect(recusals.map((r) => r.officerId)).toEqual(['amr1', 'tax1']);
  });
});
