// Small deterministic builders for draw inputs.
import { buildUscc } from '@shared/domain/uscc';
import type { RiskClass } from '@shared/domain/model';
import { DRAW_FORMAT, type DrawInputs, type PopulationEntry, type RosterOfficer } from '@shared/draw/schema';

export const usccAt = (index: number): string => buildUscc('9', '1', '370602', `MA${String(index).padStart(6, '0')}`);

/** `sizes[c]` enterprises of each class, sorted by uscc. */
export function population(sizes: Partial<Record<RiskClass, number>>): PopulationEntry[] {
  const entries: PopulationEntry[] = [];
  let index = 0;
  for (const riskClass of ['A', 'B', 'C', 'D', 'E'] as const) {
    for (let i = 0; i < (sizes[riskClass] ?? 0); i++) entries.push([usccAt(index++), riskClass]);
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : 1));
}

export function roster(perDepartment: Record<string, number>): RosterOfficer[] {
  return Object.entries(perDepartment).flatMap(([departmentId, count]) =>
    Array.from({ length: count }, (_, i) => ({ id: `${departmentId}-o${i + 1}`, departmentId })),
  );
}

export function drawInputs(overrides: Partial<DrawInputs> = {}): DrawInputs {
  return {
    format: DRAW_FORMAT,
    plan: {
      id: 'plan-1',
      name: '2025年联合抽查',
      departmentIds: ['amr', 'tax'],
      samplingRatios: { A: 1, B: 3, C: 10, D: 100, E: 100 },
      teamSize: 2,
      seedSource: '福彩3D 2025年第150期开奖号码',
    },
    seedValue: '372',
    drawDate: '2025-06-01',
    population: population({ A: 300, B: 200, C: 100, D: 20, E: 5 }),
    roster: roster({ amr: 6, tax: 4 }),
    recusals: [],
    lastLeads: {},
    ...overrides,
  };
}
