import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@shared/draw/canonical';
import { DrawRandom } from '@shared/draw/random';
import type { DrawRecusal, RosterOfficer } from '@shared/draw/schema';
import { DrawInfeasibleError, drawTeams, type TeamDrawInput } from '@shared/draw/teamDraw';
import { roster } from '../../../tests/support/drawFixtures';

const random = () => new DrawRandom(sha256Hex('team-draw'));
const DRAW_DATE = '2025-06-01';
const activeOn = (r: DrawRecusal, day: string) => r.validFrom <= day && (r.validTo === null || day <= r.validTo);

/** Independent oracle: does any subset of the roster form a legal team for this enterprise? (brute force) */
function legalTeamExists(input: TeamDrawInput, enterpriseId: string): boolean {
  const recused = new Set(
    input.recusals.filter((r) => r.enterpriseId === enterpriseId && activeOn(r, input.drawDate)).map((r) => r.officerId),
  );
  const candidates = input.roster.filter((o) => input.departmentIds.includes(o.departmentId) && !recused.has(o.id));
  const lastLead = input.lastLeads[enterpriseId];
  const search = (start: number, team: RosterOfficer[]): boolean => {
    if (team.length === input.teamSize) {
      return input.departmentIds.every((d) => team.some((o) => o.departmentId === d)) && team.some((o) => o.id !== lastLead);
    }
    for (let i = start; i < candidates.length; i++) if (search(i + 1, [...team, candidates[i]!])) return true;
    return false;
  };
  return search(0, []);
}

/** Every rule a drawn team must satisfy, checked from the inputs alone. */
function expectLegal(input: TeamDrawInput, enterpriseId: string, officerIds: string[]): void {
  const departmentOf = new Map(input.roster.map((o) => [o.id, o.departmentId]));
  expect(officerIds).toHaveLength(input.teamSize);
  expect(new Set(officerIds).size).toBe(officerIds.length);
  for (const id of officerIds) expect(input.departmentIds).toContain(departmentOf.get(id));
  for (const d of input.departmentIds) expect(officerIds.some((id) => departmentOf.get(id) === d)).toBe(true);
  for (const r of input.recusals)
    if (r.enterpriseId === enterpriseId && activeOn(r, input.drawDate)) expect(officerIds).not.toContain(r.officerId);
  if (input.lastLeads[enterpriseId] !== undefined) expect(officerIds[0]).not.toBe(input.lastLeads[enterpriseId]);
}

const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2025, 4, 1 + n)).toISOString().slice(0, 10));

const scenario = fc
  .record({
    departmentCount: fc.integer({ min: 1, max: 3 }),
    sizes: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
    extraSeats: fc.integer({ min: 0, max: 2 }),
    enterpriseCount: fc.integer({ min: 1, max: 8 }),
    recusalPicks: fc.array(fc.record({ officer: fc.nat(), enterprise: fc.nat(), from: day, to: fc.option(day) }), { maxLength: 25 }),
    leadPicks: fc.array(fc.record({ enterprise: fc.nat(), officer: fc.nat() }), { maxLength: 8 }),
    seed: fc.string(),
  })
  .map((s): TeamDrawInput & { seed: string } => {
    const departmentIds = ['amr', 'tax', 'eco'].slice(0, s.departmentCount);
    // A fourth, non-participating department is on the roster too: its officers must never be drawn.
    const officers = roster({ amr: s.sizes[0]!, tax: s.sizes[1]!, eco: s.sizes[2]!, hrss: s.sizes[3]! });
    const enterpriseIds = Array.from({ length: s.enterpriseCount }, (_, i) => `E${i}`);
    const pick = <T>(items: T[], n: number) => items[n % items.length]!;
    const recusals =
      officers.length === 0
        ? []
        : s.recusalPicks.map((r) => ({
            officerId: pick(officers, r.officer).id,
            enterpriseId: pick(enterpriseIds, r.enterprise),
            validFrom: r.from,
            validTo: r.to,
          }));
    const lastLeads =
      officers.length === 0
        ? {}
        : Object.fromEntries(s.leadPicks.map((l) => [pick(enterpriseIds, l.enterprise), pick(officers, l.officer).id]));
    return {
      enterpriseIds,
      departmentIds,
      teamSize: Math.max(2, departmentIds.length) + s.extraSeats,
      roster: officers,
      recusals,
      drawDate: DRAW_DATE,
      lastLeads,
      seed: s.seed,
    };
  });

describe('team draw', () => {
  const base: TeamDrawInput = {
    enterpriseIds: ['E1', 'E2'],
    departmentIds: ['amr', 'tax'],
    teamSize: 2,
    roster: roster({ amr: 2, tax: 1 }),
    recusals: [],
    drawDate: DRAW_DATE,
    lastLeads: {},
  };

  it('every team of every draw satisfies every constraint; a draw fails exactly when some enterprise has no legal team', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const infeasible = input.enterpriseIds.filter((e) => !legalTeamExists(input, e));
        let result: ReturnType<typeof drawTeams> | undefined;
        try {
          result = drawTeams(input, new DrawRandom(sha256Hex(input.seed)));
        } catch (error) {
          expect(error).toBeInstanceOf(DrawInfeasibleError);
          expect([...new Set((error as DrawInfeasibleError).failures.map((f) => f.enterpriseId))].sort()).toEqual(infeasible.sort());
          return;
        }
        expect(infeasible).toEqual([]);
        expect(result.assignments.map((a) => a.enterpriseId)).toEqual(input.enterpriseIds);
        for (const a of result.assignments) expectLegal(input, a.enterpriseId, a.officerIds);
      }),
      { numRuns: 400, seed: 20250601 },
    );
  });

  it('balances workload: without conflicts, loads differ by at most one', () => {
    const input: TeamDrawInput = {
      ...base,
      enterpriseIds: Array.from({ length: 101 }, (_, i) => `E${i}`),
      departmentIds: ['amr'],
      teamSize: 3,
      roster: roster({ amr: 17 }),
    };
    const { workload } = drawTeams(input, random());
    expect(workload).toMatchObject({ officers: 17, minTasks: 17, maxTasks: 18, spread: 1 });
    expect(workload.meanTasks).toBeCloseTo((101 * 3) / 17, 2);
  });

  it('gives the same teams for the same stream and different teams for another', () => {
    const input: TeamDrawInput = {
      ...base,
      enterpriseIds: Array.from({ length: 30 }, (_, i) => `E${i}`),
      teamSize: 3,
      roster: roster({ amr: 10, tax: 10 }),
    };
    expect(drawTeams(input, random())).toEqual(drawTeams(input, random()));
    expect(drawTeams(input, random()).assignments).not.toEqual(drawTeams(input, new DrawRandom(sha256Hex('other'))).assignments);
  });

  const failureOf = (input: TeamDrawInput) => {
    try {
      drawTeams(input, random());
    } catch (error) {
      if (error instanceof DrawInfeasibleError) return error;
      throw error;
    }
    throw new Error('expected an infeasible draw');
  };

  it.each([
    ['department_coverage', { roster: roster({ amr: 3 }) }, /department tax has no officer/],
    [
      'recusal',
      { recusals: [{ officerId: 'tax-o1', enterpriseId: 'E2', validFrom: '2025-01-01', validTo: null }] },
      /every officer of department tax is recused/,
    ],
    ['team_size', { teamSize: 4 }, /3 eligible officer\(s\) for a team of 4/],
  ] as const)('names the failed constraint: %s', (constraint, overrides, detail) => {
    const error = failureOf({ ...base, ...overrides });
    expect(error.constraints).toContain(constraint);
    expect(error.failures.map((f) => f.detail).join('\n')).toMatch(detail);
  });

  it('names the failed constraint: lead_rotation', () => {
    // The only officer not recused for E1 led its last inspection: no one else may lead.
    const error = failureOf({
      ...base,
      departmentIds: ['amr'],
      roster: roster({ amr: 3 }),
      lastLeads: { E1: 'amr-o1' },
      recusals: ['amr-o2', 'amr-o3'].map((officerId) => ({ officerId, enterpriseId: 'E1', validFrom: '2025-01-01', validTo: null })),
    });
    expect(error.constraints).toContain('lead_rotation');
    expect(error.message).toMatch(/E1: lead_rotation \(amr-o1 led the last inspection/);
  });

  it('ignores recusals outside their period', () => {
    const input: TeamDrawInput = {
      ...base,
      recusals: [
        { officerId: 'tax-o1', enterpriseId: 'E2', validFrom: '2024-01-01', validTo: '2025-05-31' },
        { officerId: 'tax-o1', enterpriseId: 'E1', validFrom: '2025-06-02', validTo: null },
      ],
    };
    expect(drawTeams(input, random()).assignments).toHaveLength(2);
  });

  it('refuses plans whose team cannot be legal', () => {
    expect(() => drawTeams({ ...base, teamSize: 1 }, random())).toThrow(/at least two officers/);
    expect(() => drawTeams({ ...base, departmentIds: ['amr', 'tax', 'eco'], teamSize: 2 }, random())).toThrow(/each of 3 departments/);
  });
});
