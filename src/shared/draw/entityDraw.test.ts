import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@shared/draw/canonical';
import { runDraw, verifyDrawFile } from '@shared/draw/draw';
import { drawCount, drawEnterprises } from '@shared/draw/entityDraw';
import { DrawRandom } from '@shared/draw/random';
import { drawFileSchema, type DrawFile } from '@shared/draw/schema';
import { drawInputs, population } from '../../../tests/support/drawFixtures';

describe('rounding rule: ceil(ratio × class size)', () => {
  it.each([
    [1, 250, 3],
    [3, 200, 6],
    [10, 100, 10],
    [10, 101, 11],
    [0.01, 1, 1],
    [0.01, 10_001, 2],
    [33.33, 3, 1],
    [100, 17, 17],
    [5, 0, 0],
  ])('%s %% of %s → %s', (ratio, size, expected) => {
    expect(drawCount(ratio, size)).toBe(expected);
  });

  it('refuses 0 % and more than 100 %', () => {
    expect(() => drawCount(0, 10)).toThrow(/outside/);
    expect(() => drawCount(100.01, 10)).toThrow(/outside/);
  });
});

describe('entity draw', () => {
  it('draws exactly the rounded share of each class and every enterprise of a 100 % class', () => {
    const inputs = drawInputs();
    const result = runDraw(inputs);
    expect(result.classCounts).toEqual({
      A: { population: 300, drawn: 3 },
      B: { population: 200, drawn: 6 },
      C: { population: 100, drawn: 10 },
      D: { population: 20, drawn: 20 },
      E: { population: 5, drawn: 5 },
    });
    const classOf = new Map(inputs.population);
    const drawn = result.assignments.map((a) => a.enterpriseId);
    const perClass = (c: string) => drawn.filter((id) => classOf.get(id) === c).length;
    expect([perClass('A'), perClass('B'), perClass('C'), perClass('D'), perClass('E')]).toEqual([3, 6, 10, 20, 5]);
    for (const [uscc, riskClass] of inputs.population) if (riskClass === 'D' || riskClass === 'E') expect(drawn).toContain(uscc);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(drawn).toEqual([...drawn].sort());
  });

  it('gives identical results for identical inputs, also after a JSON round trip (another machine)', () => {
    const inputs = drawInputs();
    const first = runDraw(inputs);
    expect(runDraw(inputs)).toEqual(first);
    expect(runDraw(JSON.parse(JSON.stringify(inputs)))).toEqual(first);
  });

  it('changes with the seed value and with the population', () => {
    const base = runDraw(drawInputs());
    const otherSeed = runDraw(drawInputs({ seedValue: '373' }));
    expect(otherSeed.populationHash).toBe(base.populationHash);
    expect(otherSeed.seed).not.toBe(base.seed);
    expect(otherSeed.assignments.map((a) => a.enterpriseId)).not.toEqual(base.assignments.map((a) => a.enterpriseId));

    const pop = drawInputs().population;
    const reclassified = pop.map(([uscc, c], i) => [uscc, i === 0 ? (c === 'A' ? 'B' : 'A') : c] as (typeof pop)[number]);
    const otherPopulation = runDraw(drawInputs({ population: reclassified }));
    expect(otherPopulation.populationHash).not.toBe(base.populationHash);
    expect(otherPopulation.seed).not.toBe(base.seed);
    expect(otherPopulation.outputHash).not.toBe(base.outputHash);
  });

  it('refuses an unsorted or duplicated population', () => {
    const pop = population({ A: 3 });
    expect(() => runDraw(drawInputs({ population: [pop[1]!, pop[0]!, pop[2]!] }))).toThrow(/sorted by uscc/);
    expect(() => runDraw(drawInputs({ population: [pop[0]!, pop[0]!] }))).toThrow(/sorted by uscc/);
  });

  it('selects each enterprise with the frequency of its ratio over 10,000 draws (chi-square, α = 0.001)', () => {
    // Class A: 50 enterprises at 10 % → 5 a draw; class B: 40 at 25 % → 10 a draw. Seeds are fixed: deterministic.
    const pop = population({ A: 50, B: 40 });
    const ratios = { A: 10, B: 25, C: 100, D: 100, E: 100 };
    const counts = new Map<string, number>(pop.map(([uscc]) => [uscc, 0]));
    const draws = 10_000;
    for (let i = 0; i < draws; i++) {
      for (const uscc of drawEnterprises(pop, ratios, new DrawRandom(sha256Hex(`chi-square-${i}`))).drawn)
        counts.set(uscc, counts.get(uscc)! + 1);
    }
    // Critical values of chi-square at α = 0.001: df 49 → 85.351, df 39 → 72.055.
    for (const [riskClass, expectedShare, critical] of [
      ['A', 0.1, 85.351],
      ['B', 0.25, 72.055],
    ] as const) {
      const members = pop.filter(([, c]) => c === riskClass).map(([uscc]) => uscc);
      const expected = draws * expectedShare;
      const chiSquare = members.reduce((sum, uscc) => sum + (counts.get(uscc)! - expected) ** 2 / expected, 0);
      expect(chiSquare).toBeLessThan(critical);
    }
  });
});

describe('verifyDrawFile', () => {
  const file = (): DrawFile => {
    const inputs = drawInputs();
    return { recordId: 'draw-1', ranBy: 'sup', ranAt: '2025-06-01T02:00:00.000Z', inputs, result: runDraw(inputs) };
  };

  it('says identical for an untouched file', () => {
    const verification = verifyDrawFile(drawFileSchema.parse(JSON.parse(JSON.stringify(file()))));
    expect(verification.identical).toBe(true);
    expect(verification.hashes.every((h) => h.recorded === h.recomputed)).toBe(true);
  });

  it('says different when the drawn list, a hash or an input was altered', () => {
    const swapped = file();
    const other = swapped.inputs.population.find(([uscc]) => !swapped.result.assignments.some((a) => a.enterpriseId === uscc))![0];
    swapped.result.assignments[0]!.enterpriseId = other;
    expect(verifyDrawFile(swapped).identical).toBe(false);
    expect(verifyDrawFile(swapped).assignmentsDiffer).toBe(true);

    const forgedHash = file();
    forgedHash.result.outputHash = 'f'.repeat(64);
    expect(verifyDrawFile(forgedHash).identical).toBe(false);

    const changedInput = file();
    changedInput.inputs.seedValue = '999';
    const verification = verifyDrawFile(changedInput);
    expect(verification.identical).toBe(false);
    expect(verification.hashes.find((h) => h.name === 'seed')!.recorded).not.toBe(
      verification.hashes.find((h) => h.name === 'seed')!.recomputed,
    );
  });
});
