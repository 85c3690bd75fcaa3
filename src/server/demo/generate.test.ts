import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { beforeAll, describe, expect, it } from 'vitest';
import { YANTAI_DISTRICTS } from '@shared/domain/districts';
import {
  checkItemSchema,
  departmentSchema,
  enterpriseSchema,
  inspectionPlanSchema,
  inspectionSectionSchema,
  inspectionTaskSchema,
  officerSchema,
  unitSchema,
  type Enterprise,
} from '@shared/domain/model';
import { validateUscc } from '@shared/domain/uscc';
import { addMonths } from '@shared/intake/credit';
import { loadDistrictOutlines, parseDistrictOutlines, resolveResourcesDir } from './districts';
import { DEMO_REFERENCE_DATE, RISK_CLASS_SHARES } from './enterprise';
import { DEMO_PLAN_ID, generateDemoData } from './generate';
import type { DemoDataset, DistrictOutlines } from './types';

const SAMPLE = 20_000;
const LONG_REPAIR_WAIT = new Set(['食品制造', '餐饮服务', '药品零售', '特种设备安装维修', '水产品加工', '葡萄酒制造']);

let outlines: DistrictOutlines;
let demo: DemoDataset;
let sample: Enterprise[];

beforeAll(() => {
  outlines = loadDistrictOutlines();
  demo = generateDemoData({ seed: 'demo-test', enterpriseCount: SAMPLE }, outlines);
  sample = [...demo.enterprises()];
});

/** Everything but the enterprise functions, plus the first `n` enterprises, as JSON. */
function snapshot(dataset: DemoDataset, n: number): string {
  const { enterpriseAt: _at, enterprises: _all, ...records } = dataset;
  return JSON.stringify({ records, enterprises: Array.from({ length: n }, (_, i) => dataset.enterpriseAt(i)) });
}

function share(predicate: (e: Enterprise) => boolean, among: Enterprise[] = sample): number {
  return among.filter(predicate).length / among.length;
}

describe('district outlines', () => {
  it('covers the 11 current districts, with 蓬莱市 and 长岛县 merged into 蓬莱区', () => {
    expect([...outlines.keys()]).toEqual(YANTAI_DISTRICTS.map((d) => d.code));
    expect(outlines.get('370614')!.name).toBe('蓬莱区');
    // 蓬莱市 is one polygon, 长岛县 twenty islands.
    expect(outlines.get('370614')!.geometry.coordinates).toHaveLength(21);
    // 长岛's northernmost islands reach 38.4°N.
    expect(outlines.get('370614')!.bbox[3]).toBeGreaterThan(38.3);
  });

  it('rejects unknown codes, missing districts and non-GeoJSON', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [120, 37],
          [121, 37],
          [121, 38],
          [120, 37],
        ],
      ],
    };
    expect(() => parseDistrictOutlines({ type: 'FeatureCollection', features: [{ id: '110101', geometry: square }] })).toThrow(
      /unknown district code 110101/,
    );
    expect(() => parseDistrictOutlines({ type: 'FeatureCollection', features: [{ id: '370602', geometry: square }] })).toThrow(
      /no outline for 370611/,
    );
    expect(() => parseDistrictOutlines([])).toThrow(/FeatureCollection/);
  });

  it('honours ONEVISIT_RESOURCES and says when it is wrong', () => {
    const previous = process.env.ONEVISIT_RESOURCES;
    try {
      process.env.ONEVISIT_RESOURCES = resolveResourcesDir();
      expect(loadDistrictOutlines().size).toBe(11);
      process.env.ONEVISIT_RESOURCES = '/nonexistent/onevisit';
      expect(() => resolveResourcesDir()).toThrow(/ONEVISIT_RESOURCES=\/nonexistent\/onevisit/);
    } finally {
      if (previous === undefined) delete process.env.ONEVISIT_RESOURCES;
      else process.env.ONEVISIT_RESOURCES = previous;
    }
  });
});

describe('determinism', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const a = generateDemoData({ seed: 'same', enterpriseCount: 1000 }, outlines);
    const b = generateDemoData({ seed: 'same', enterpriseCount: 1000 }, outlines);
    const c = generateDemoData({ seed: 'other', enterpriseCount: 1000 }, outlines);
    expect(snapshot(a, 300)).toBe(snapshot(b, 300));
    expect(a.tasks).not.toEqual(c.tasks);
    for (let i = 0; i < 20; i++) expect(c.enterpriseAt(i).uscc).not.toBe(a.enterpriseAt(i).uscc);
  });

  it('makes enterprise i a function of seed and i only', () => {
    const small = generateDemoData({ seed: 'demo-test', enterpriseCount: 500 }, outlines);
    for (const i of [0, 1, 250, 499]) expect(small.enterpriseAt(i)).toEqual(sample[i]);
    expect(demo.enterpriseAt(12_345)).toEqual(sample[12_345]);
    expect(sample).toHaveLength(SAMPLE);
  });

  it('keeps dates relative to the fixed reference date', () => {
    const late = sample.flatMap((e) =>
      [
        e.establishedOn,
        ...e.lighthouseEvents.map((x) => x.date),
        ...e.penalties.map((p) => p.decidedOn),
        ...e.pastInspections.map((x) => x.inspectedOn),
        ...e.redList.map((x) => x.listedOn),
        ...e.blackList.map((x) => x.listedOn),
        ...e.creditRepairs.map((r) => r.decidedOn ?? r.appliedOn),
      ]
        .filter((date) => date > DEMO_REFERENCE_DATE || date < e.establishedOn)
        .map((date) => `${e.id} ${date}`),
    );
    expect(late).toEqual([]);
  });

  it('refuses bad options', () => {
    expect(() => generateDemoData({ seed: 's', enterpriseCount: 1000, taskCount: 50 }, outlines)).toThrow(/taskCount/);
    expect(() => generateDemoData({ seed: 's', enterpriseCount: 100 }, outlines)).toThrow(/enterpriseCount/);
    expect(() => generateDemoData({ seed: 's', enterpriseCount: 1500.5 }, outlines)).toThrow(/enterpriseCount/);
    expect(() => demo.enterpriseAt(SAMPLE)).toThrow(RangeError);
    expect(() => demo.enterpriseAt(-1)).toThrow(RangeError);
  });
});

describe('records', () => {
  it('all parse with their schemas', () => {
    demo.units.forEach((r) => unitSchema.parse(r));
    demo.departments.forEach((r) => departmentSchema.parse(r));
    demo.officers.forEach((r) => officerSchema.parse(r));
    demo.checkItems.forEach((r) => checkItemSchema.parse(r));
    demo.plans.forEach((r) => inspectionPlanSchema.parse(r));
    demo.tasks.forEach((r) => inspectionTaskSchema.parse(r));
    demo.sections.forEach((r) => inspectionSectionSchema.parse(r));
    // Collect failures instead of one expect per record: 20,000 expects would dominate the run time.
    const failures = sample.filter((e) => !enterpriseSchema.safeParse(e).success).map((e) => e.id);
    expect(failures).toEqual([]);
    expect(enterpriseSchema.parse(sample[0])).toEqual(sample[0]);
  });

  it('average about 1 KB of JSON per enterprise', () => {
    const bytes = sample.slice(0, 2000).reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / 2000;
    expect(bytes).toBeGreaterThan(700);
    expect(bytes).toBeLessThan(1500);
  });
});

describe('enterprises', () => {
  it('have valid, unique USCCs that encode category and district', () => {
    const categoryDigit = { enterprise: '1', individual_business: '2', farmers_cooperative: '3' } as const;
    const bad = sample.filter(
      (e) =>
        !validateUscc(e.uscc).ok ||
        e.id !== e.uscc ||
        e.uscc[0] !== '9' ||
        e.uscc[1] !== categoryDigit[e.entityCategory] ||
        e.uscc.slice(2, 8) !== e.districtCode,
    );
    expect(bad.map((e) => e.uscc)).toEqual([]);
    expect(new Set(sample.map((e) => e.uscc)).size).toBe(SAMPLE);
    // Both body styles occur: old numeric organization codes and post-2015 MA codes.
    expect(sample.some((e) => /^\d{8}$/.test(e.uscc.slice(8, 16)))).toBe(true);
    expect(sample.some((e) => e.uscc.slice(8, 10) === 'MA')).toBe(true);
  });

  it('lie inside the outline of their district, all districts populated', () => {
    const outside = sample.filter((e) => !booleanPointInPolygon([e.location.lng, e.location.lat], outlines.get(e.districtCode)!.geometry));
    expect(outside.map((e) => `${e.id} ${JSON.stringify(e.location)}`)).toEqual([]);
    for (const district of YANTAI_DISTRICTS) expect(share((e) => e.districtCode === district.code)).toBeGreaterThan(0.03);
  });

  it('spread over the risk classes as configured', () => {
    for (const [riskClass, expected] of RISK_CLASS_SHARES) {
      expect(share((e) => e.riskClass === riskClass)).toBeCloseTo(expected, 1);
      expect(Math.abs(share((e) => e.riskClass === riskClass) - expected)).toBeLessThan(0.015);
    }
  });

  it('carry penalties and list entries at realistic rates, more often in high risk classes', () => {
    expect(share((e) => e.penalties.length > 0)).toBeGreaterThan(0.03);
    expect(share((e) => e.penalties.length > 0)).toBeLessThan(0.12);
    expect(share((e) => e.redList.length > 0)).toBeGreaterThan(0.01);
    expect(share((e) => e.redList.length > 0)).toBeLessThan(0.03);
    expect(share((e) => e.blackList.length > 0)).toBeGreaterThan(0.002);
    expect(share((e) => e.blackList.length > 0)).toBeLessThan(0.01);
    expect(share((e) => e.dishonestDebtors.length > 0)).toBeGreaterThan(0.008);
    expect(share((e) => e.dishonestDebtors.length > 0)).toBeLessThan(0.025);
    const low = sample.filter((e) => e.riskClass === 'A' || e.riskClass === 'B');
    const high = sample.filter((e) => e.riskClass === 'D' || e.riskClass === 'E');
    expect(share((e) => e.penalties.length > 0, high)).toBeGreaterThan(5 * share((e) => e.penalties.length > 0, low));
    expect(share((e) => e.blackList.length > 0, low)).toBe(0);
    expect(share((e) => e.redList.length > 0, high)).toBe(0);
    expect(sample.some((e) => e.pastInspections.length > 0)).toBe(true);
  });

  it('have lighthouse scores that are the sum of their events', () => {
    const bad = sample.filter(
      (e) =>
        e.lighthouseScore !== e.lighthouseEvents.reduce((s, x) => s + (x.kind === 'add' ? x.points : -x.points), 0) ||
        new Set(e.lighthouseEvents.map((x) => x.id)).size !== e.lighthouseEvents.length,
    );
    expect(bad.map((e) => e.id)).toEqual([]);
    const mean = (list: Enterprise[]) => list.reduce((s, e) => s + e.lighthouseScore, 0) / list.length;
    expect(mean(sample.filter((e) => e.riskClass === 'E'))).toBeLessThan(mean(sample.filter((e) => e.riskClass === 'A')));
  });

  it('follow the publicity, confirmation and credit-repair rules', () => {
    const penalties = sample.flatMap((e) => e.penalties.map((p) => ({ e, p })));
    expect(penalties.filter(({ p }) => p.amountYuan > 1_000_000).length).toBeGreaterThan(20);
    expect(new Set(penalties.filter(({ p }) => p.amountYuan > 1_000_000).map(({ p }) => p.confirmations))).toEqual(new Set([0, 1, 2]));
    for (const { e, p } of penalties) {
      expect(p.publicityEndsOn).toBe(addMonths(p.decidedOn, p.publicityMonths));
      expect(p.repairableFrom).toBe(addMonths(p.decidedOn, LONG_REPAIR_WAIT.has(e.industry) ? 12 : 6));
      if (p.amountYuan <= 1_000_000) expect(p.confirmations).toBe(0);
      const repairs = e.creditRepairs.filter((r) => r.penaltyId === p.id);
      expect(p.repaired).toBe(repairs.some((r) => r.status === 'approved'));
      for (const r of repairs) {
        expect(r.appliedOn >= p.repairableFrom).toBe(true);
        expect(r.decidedOn === null).toBe(r.status === 'pending');
      }
      if (e.blackList.length > 0) expect(p.repaired).toBe(false);
    }
    expect(penalties.some(({ p }) => p.repaired)).toBe(true);
    expect(new Set(penalties.map(({ p }) => p.publicityMonths))).toEqual(new Set([3, 36]));
    for (const e of sample) for (const r of e.creditRepairs) expect(e.penalties.some((p) => p.id === r.penaltyId)).toBe(true);
  });
});

describe('reference data', () => {
  it('has the demo units, departments and check items', () => {
    const yantai = demo.units.find((u) => u.id === 'unit-yantai')!;
    expect(yantai.name).toBe('烟台市双随机联合抽查办公室');
    expect(yantai.districtCodes).toEqual(YANTAI_DISTRICTS.map((d) => d.code));
    expect(demo.units.length).toBeGreaterThanOrEqual(2);
    const ids = demo.departments.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['dept-amr', 'dept-eco', 'dept-housing', 'dept-hrss', 'dept-tax', 'dept-emergency']));
    expect(new Set(demo.departments.map((d) => d.code)).size).toBe(demo.departments.length);
    expect(demo.checkItems.length).toBeGreaterThanOrEqual(40);
    expect(new Set(demo.checkItems.map((c) => c.id)).size).toBe(demo.checkItems.length);
    for (const id of ids) expect(demo.checkItems.filter((c) => c.departmentId === id).length).toBeGreaterThanOrEqual(6);
    for (const item of demo.checkItems) expect(item.legalBasis).toMatch(/^《.+》第.+条$/);
  });

  it('has the demo officers', () => {
    const byUsername = new Map(demo.officers.map((o) => [o.username, o]));
    expect(demo.officers.length).toBeGreaterThanOrEqual(40);
    expect(byUsername.size).toBe(demo.officers.length);
    expect(byUsername.get('inspector01')).toMatchObject({ id: 'off-inspector01', departmentId: 'dept-amr', role: 'inspector' });
    expect(byUsername.get('inspector02')).toMatchObject({ id: 'off-inspector02', departmentId: 'dept-eco', role: 'inspector' });
    expect(byUsername.get('supervisor01')).toMatchObject({ id: 'off-supervisor01', departmentId: 'dept-amr', role: 'supervisor' });
    for (const o of demo.officers) {
      expect(o.unitId).toBe('unit-yantai');
      expect(o.id).toBe(`off-${o.username}`);
      expect(o.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
    for (const d of demo.departments) {
      expect(demo.officers.filter((o) => o.departmentId === d.id && o.role === 'inspector').length).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('plan, tasks and sections', () => {
  it('has one joint plan with 4–8 items of each department', () => {
    expect(demo.plans).toHaveLength(1);
    const plan = demo.plans[0]!;
    expect(plan).toMatchObject({ id: DEMO_PLAN_ID, unitId: 'unit-yantai' });
    expect(plan.departmentIds).toEqual(demo.departments.map((d) => d.id));
    for (const id of plan.departmentIds) {
      const items = plan.checkItemIds[id]!;
      expect(items.length).toBeGreaterThanOrEqual(4);
      expect(items.length).toBeLessThanOrEqual(8);
      for (const item of items) expect(demo.checkItems.find((c) => c.id === item)?.departmentId).toBe(id);
    }
    expect(plan.windowStart >= '2026-01-01' && plan.windowEnd <= '2027-12-31' && plan.windowStart < plan.windowEnd).toBe(true);
  });

  it('has joint tasks on distinct enterprises with one officer per department', () => {
    const plan = demo.plans[0]!;
    const officers = new Map(demo.officers.map((o) => [o.id, o]));
    const enterpriseIds = new Set(sample.map((e) => e.id));
    expect(demo.tasks).toHaveLength(240);
    expect(demo.tasks.map((t) => t.id).slice(0, 2)).toEqual(['task-0001', 'task-0002']);
    expect(new Set(demo.tasks.map((t) => t.enterpriseId)).size).toBe(240);
    for (const task of demo.tasks) {
      expect(enterpriseIds.has(task.enterpriseId)).toBe(true);
      expect(task.planId).toBe(plan.id);
      expect(task.status).toBe('assigned');
      expect(task.departmentIds.length).toBeGreaterThanOrEqual(2);
      expect(task.departmentIds.length).toBeLessThanOrEqual(4);
      expect(new Set(task.departmentIds).size).toBe(task.departmentIds.length);
      expect(task.officerIds).toHaveLength(task.departmentIds.length);
      expect(task.officerIds.map((id) => officers.get(id)?.departmentId)).toEqual(task.departmentIds);
      for (const id of task.officerIds) expect(officers.get(id)!.role).toBe('inspector');
      expect(task.dueDate >= plan.windowStart && task.dueDate <= plan.windowEnd).toBe(true);
    }
    const months = new Set(demo.tasks.map((t) => t.dueDate.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(10);
  });

  it('gives inspector01 and inspector02 shared 生态环境局 tasks', () => {
    const mine = demo.tasks.filter((t) => t.officerIds.includes('off-inspector01'));
    expect(mine.length).toBeGreaterThanOrEqual(10);
    const shared = mine.filter((t) => t.departmentIds.includes('dept-eco') && t.officerIds.includes('off-inspector02'));
    expect(shared.length).toBeGreaterThanOrEqual(3);
  });

  it('has one draft section per participating department', () => {
    const plan = demo.plans[0]!;
    expect(demo.sections).toHaveLength(demo.tasks.reduce((n, t) => n + t.departmentIds.length, 0));
    expect(new Set(demo.sections.map((s) => s.id)).size).toBe(demo.sections.length);
    const tasks = new Map(demo.tasks.map((t) => [t.id, t]));
    for (const s of demo.sections) {
      expect(tasks.get(s.taskId)!.departmentIds).toContain(s.departmentId);
      expect(s.checkItemIds).toEqual(plan.checkItemIds[s.departmentId]);
      expect(s).toMatchObject({ itemResults: [], resultCategory: null, status: 'draft', completedBy: null, completedAt: null, version: 1 });
    }
  });
});
