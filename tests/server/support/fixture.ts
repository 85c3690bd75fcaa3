// A small hand-built dataset in the DemoDataset shape, with known scopes: two units, three departments, joint tasks.
import { buildUscc } from '@shared/domain/uscc';
import { draftSection, type CheckItem, type Enterprise, type InspectionSection, type InspectionTask } from '@shared/domain/model';
import type { DemoDataset, DemoOfficer } from '../../../src/server/demo/types';
import { demoBatchId } from '../../../src/server/services/seed';

export const PASSWORD = 'demo1234';

const DISTRICTS = ['370602', '370611', '370683'] as const;

function enterpriseAt(index: number): Enterprise {
  const districtCode = DISTRICTS[index % DISTRICTS.length]!;
  const uscc = buildUscc('9', '1', districtCode, `MA${String(index).padStart(6, '0')}`);
  return {
    id: uscc,
    uscc,
    name: `测试企业${index}有限公司`,
    legalRepresentative: '张三',
    address: `烟台市测试路${index}号`,
    districtCode,
    industry: '批发和零售业',
    entityCategory: 'enterprise',
    registeredCapitalYuan: 1_000_000 + index,
    establishedOn: '2015-03-01',
    location: { lng: 121.4 + index / 1000, lat: 37.5 },
    riskClass: (['A', 'B', 'C', 'D', 'E'] as const)[index % 5]!,
    // Seeded through the intake: the register's entry gives the lighthouse score its base points (rule table 2026.1).
    lighthouseScore: 1000,
    lighthouseEvents: [
      {
        id: `${uscc}:lh1`,
        date: '2020-01-01',
        kind: 'add',
        points: 1000,
        reason: '灯塔分初始分值',
        source: { kind: 'registrations', key: uscc, recordId: `${demoBatchId('registrations', 'dept-amr', 0)}.${index + 1}` },
      },
    ],
    lighthouseRuleVersion: '2026.1',
    redList: [],
    blackList: [],
    dishonestDebtors: [],
    penalties: [],
    creditRepairs: [],
    pastInspections: [],
  };
}

const officer = (id: string, departmentId: string, unitId: string, role: DemoOfficer['role'] = 'inspector'): DemoOfficer => ({
  id,
  username: id,
  name: `检查员${id}`,
  departmentId,
  unitId,
  role,
});

const items = (departmentId: string, count: number): CheckItem[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${departmentId}-item${i + 1}`,
    departmentId,
    code: `${departmentId}-${i + 1}`,
    title: `检查事项${i + 1}`,
    legalBasis: '《条例》',
  }));

/**
 * unit-a (districts 370602, 370611): amr1, amr2, tax1, eco1 inspectors, sup-a supervisor; plan-a with tasks t1–t3.
 * unit-b (370683): amrb1, amrb2; plan-b with task tb1. `lonely` is an inspector on no task.
 */
export function buildFixture(enterpriseCount = 12): DemoDataset {
  const checkItems = [...items('dept-amr', 3), ...items('dept-tax', 2), ...items('dept-eco', 2)];
  const itemIdsOf = (departmentId: string) => checkItems.filter((c) => c.departmentId === departmentId).map((c) => c.id);
  const e = (i: number) => enterpriseAt(i).uscc;
  const task = (id: string, planId: string, enterprise: number, departmentIds: string[], officerIds: string[]): InspectionTask => ({
    id,
    planId,
    enterpriseId: e(enterprise),
    departmentIds,
    officerIds,
    dueDate: '2025-06-30',
    status: 'assigned',
  });
  const tasks = [
    task('t1', 'plan-a', 0, ['dept-amr', 'dept-tax'], ['amr1', 'tax1']),
    task('t2', 'plan-a', 1, ['dept-amr', 'dept-eco'], ['amr1', 'eco1']),
    task('t3', 'plan-a', 3, ['dept-amr', 'dept-tax'], ['amr2', 'tax1']),
    task('tb1', 'plan-b', 2, ['dept-amr'], ['amrb1', 'amrb2']),
  ];
  const sections: InspectionSection[] = tasks.flatMap((t) =>
    t.departmentIds.map((departmentId) =>
      draftSection({ id: `${t.id}-${departmentId}`, taskId: t.id, departmentId, checkItemIds: itemIdsOf(departmentId) }),
    ),
  );
  return {
    options: { seed: 'fixture', enterpriseCount, taskCount: tasks.length },
    units: [
      { id: 'unit-a', name: '甲单位', districtCodes: ['370602', '370611'] },
      { id: 'unit-b', name: '乙单位', districtCodes: ['370683'] },
      { id: 'unit-platform', name: '信用平台', districtCodes: [] },
    ],
    departments: [
      { id: 'dept-amr', code: 'AMR', name: '市场监督管理局' },
      { id: 'dept-tax', code: 'TAX', name: '税务局' },
      { id: 'dept-eco', code: 'ECO', name: '生态环境局' },
    ],
    feedDepartments: [],
    officers: [
      officer('amr1', 'dept-amr', 'unit-a'),
      officer('amr2', 'dept-amr', 'unit-a'),
      officer('tax1', 'dept-tax', 'unit-a'),
      officer('eco1', 'dept-eco', 'unit-a'),
      officer('sup-a', 'dept-amr', 'unit-a', 'supervisor'),
      officer('lonely', 'dept-amr', 'unit-a'),
      officer('amrb1', 'dept-amr', 'unit-b'),
      officer('amrb2', 'dept-amr', 'unit-b'),
      // The city platform's intake: who sends the register (the fixture's enterprises) and who reviews disputes.
      officer('data-amr', 'dept-amr', 'unit-platform', 'data_officer'),
      officer('data-tax', 'dept-tax', 'unit-platform', 'data_officer'),
      officer('rev1', 'dept-amr', 'unit-platform', 'credit_reviewer'),
      officer('rev2', 'dept-amr', 'unit-platform', 'credit_reviewer'),
      officer('admin1', 'dept-amr', 'unit-platform', 'admin'),
    ],
    checkItems,
    plans: [
      {
        id: 'plan-a',
        unitId: 'unit-a',
        name: '2025年甲单位联合抽查',
        departmentIds: ['dept-amr', 'dept-tax', 'dept-eco'],
        checkItemIds: { 'dept-amr': itemIdsOf('dept-amr'), 'dept-tax': itemIdsOf('dept-tax'), 'dept-eco': itemIdsOf('dept-eco') },
        windowStart: '2025-04-01',
        windowEnd: '2025-06-30',
      },
      {
        id: 'plan-b',
        unitId: 'unit-b',
        name: '2025年乙单位抽查',
        departmentIds: ['dept-amr'],
        checkItemIds: { 'dept-amr': itemIdsOf('dept-amr') },
        windowStart: '2025-04-01',
        windowEnd: '2025-06-30',
      },
    ],
    tasks,
    sections,
    enterpriseAt,
    *enterprises() {
      for (let i = 0; i < enterpriseCount; i++) yield enterpriseAt(i);
    },
  };
}
