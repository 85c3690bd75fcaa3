// The demo dataset: reference data, one joint plan with its tasks and sections, and lazily
// generated enterprises. Everything is a pure function of the options: same seed and sizes, same dataset.
import { draftSection, type Enterprise, type InspectionPlan, type InspectionSection, type InspectionTask } from '@shared/domain/model';
import {
  DEMO_CHECK_ITEMS,
  DEMO_DEPARTMENTS,
  DEMO_FEED_DEPARTMENTS,
  DEMO_OFFICERS,
  DEMO_UNIT_ID,
  DEMO_UNITS,
  departmentId,
} from './catalogue';
import { addCalendarDays, toDayNumber } from '@shared/calendar/dates';
import { MAX_ENTERPRISE_COUNT, createEnterpriseFactory } from './enterprise';
import { Rng } from './random';
import type { DemoDataset, DemoOptions, DistrictOutlines } from './types';

export const DEFAULT_DEMO_SEED = 'onevisit-demo';
export const DEFAULT_TASK_COUNT = 240;
export const MIN_TASK_COUNT = 200;

export const DEMO_PLAN_ID = 'plan-2026-joint-01';
const PLAN_WINDOW_START = '2026-04-01';
const PLAN_WINDOW_END = '2027-03-31';

/** Share of drawn enterprises kept, by risk class: sampling follows credit risk (DOMAIN.md), no class is exempt. */
const SAMPLING_RATIO = { A: 0.2, B: 0.3, C: 0.5, D: 1, E: 1 } as const;

const AMR = departmentId('amr');
const ECO = departmentId('eco');
const INSPECTOR01 = 'off-inspector01';
const INSPECTOR02 = 'off-inspector02';

function validateOptions(options: DemoOptions): Required<DemoOptions> {
  const taskCount = options.taskCount ?? DEFAULT_TASK_COUNT;
  if (typeof options.seed !== 'string') throw new Error('demo seed must be a string');
  if (!Number.isInteger(taskCount) || taskCount < MIN_TASK_COUNT) {
    throw new Error(`demo taskCount must be an integer ≥ ${MIN_TASK_COUNT}, got ${taskCount}`);
  }
  const { enterpriseCount } = options;
  if (!Number.isInteger(enterpriseCount) || enterpriseCount < taskCount || enterpriseCount > MAX_ENTERPRISE_COUNT) {
    throw new Error(
      `demo enterpriseCount must be an integer from taskCount (${taskCount}) to ${MAX_ENTERPRISE_COUNT}, got ${enterpriseCount}`,
    );
  }
  return { seed: options.seed, enterpriseCount, taskCount };
}

export function generateDemoData(options: DemoOptions, districts: DistrictOutlines): DemoDataset {
  const resolved = validateOptions(options);
  const { seed, enterpriseCount, taskCount } = resolved;
  const factory = createEnterpriseFactory(seed, districts);
  const enterpriseAt = (index: number): Enterprise => {
    if (!Number.isInteger(index) || index < 0 || index >= enterpriseCount) {
      throw new RangeError(`enterprise index must be an integer in [0, ${enterpriseCount}), got ${index}`);
    }
    return factory(index);
  };

  const planRng = Rng.from(`${seed}/plan`);
  const checkItemIds: Record<string, string[]> = {};
  for (const department of DEMO_DEPARTMENTS) {
    const items = DEMO_CHECK_ITEMS.filter((item) => item.departmentId === department.id);
    const chosen = new Set(planRng.shuffle(items).slice(0, planRng.int(4, Math.min(8, items.length))));
    checkItemIds[department.id] = items.filter((item) => chosen.has(item)).map((item) => item.id);
  }
  const plan: InspectionPlan = {
    id: DEMO_PLAN_ID,
    unitId: DEMO_UNIT_ID,
    name: '2026年度烟台市部门联合双随机抽查（第一批）',
    departmentIds: DEMO_DEPARTMENTS.map((d) => d.id),
    checkItemIds,
    windowStart: PLAN_WINDOW_START,
    windowEnd: PLAN_WINDOW_END,
  };

  const { tasks, sections } = drawTasks(Rng.from(`${seed}/tasks`), plan, taskCount, enterpriseCount, enterpriseAt);

  return {
    options: resolved,
    units: DEMO_UNITS.map((u) => ({ ...u, districtCodes: [...u.districtCodes] })),
    departments: DEMO_DEPARTMENTS.map((d) => ({ ...d })),
    feedDepartments: DEMO_FEED_DEPARTMENTS.map((d) => ({ ...d })),
    officers: DEMO_OFFICERS.map((o) => ({ ...o })),
    checkItems: DEMO_CHECK_ITEMS.map((c) => ({ ...c })),
    plans: [plan],
    tasks,
    sections,
    enterpriseAt,
    *enterprises() {
      for (let index = 0; index < enterpriseCount; index++) yield factory(index);
    },
  };
}

/**
 * Draws the plan's enterprises and joint teams by lot. Every tenth task is pinned to inspector01 (市场监管局) and every
 * twentieth also to inspector02 (生态环境局), so the demo logins always share work the end-to-end tests can open.
 */
function drawTasks(
  rng: Rng,
  plan: InspectionPlan,
  taskCount: number,
  enterpriseCount: number,
  enterpriseAt: (index: number) => Enterprise,
): { tasks: InspectionTask[]; sections: InspectionSection[] } {
  const inspectorsByDepartment = new Map(
    plan.departmentIds.map((id) => [id, DEMO_OFFICERS.filter((o) => o.departmentId === id && o.role === 'inspector').map((o) => o.id)]),
  );
  const windowDays = toDayNumber(plan.windowEnd) - toDayNumber(plan.windowStart);
  const drawn = new Set<number>();
  const tasks: InspectionTask[] = [];
  const sections: InspectionSection[] = [];
  while (tasks.length < taskCount) {
    const index = rng.int(0, enterpriseCount - 1);
    if (drawn.has(index)) continue;
    const enterprise = enterpriseAt(index);
    if (!rng.chance(SAMPLING_RATIO[enterprise.riskClass])) continue;
    drawn.add(index);

    const t = tasks.length;
    const required = t % 20 === 0 ? [AMR, ECO] : t % 10 === 0 ? [AMR] : [];
    const others = rng.shuffle(plan.departmentIds.filter((id) => !required.includes(id)));
    const chosen = new Set([...required, ...others].slice(0, rng.int(2, 4)));
    // Canonical department order keeps teams and sections easy to read.
    const departmentIds = plan.departmentIds.filter((id) => chosen.has(id));
    const officerIds = departmentIds.map((id) => {
      if (id === AMR && required.includes(AMR)) return INSPECTOR01;
      if (id === ECO && required.includes(ECO)) return INSPECTOR02;
      return rng.pick(inspectorsByDepartment.get(id)!);
    });
    const taskId = `task-${String(t + 1).padStart(4, '0')}`;
    tasks.push({
      id: taskId,
      planId: plan.id,
      enterpriseId: enterprise.id,
      departmentIds,
      officerIds,
      dueDate: addCalendarDays(plan.windowStart, rng.int(0, windowDays)),
      status: 'assigned',
    });
    for (const id of departmentIds) {
      sections.push(draftSection({ id: `${taskId}:${id}`, taskId, departmentId: id, checkItemIds: [...plan.checkItemIds[id]!] }, 1));
    }
  }
  return { tasks, sections };
}
