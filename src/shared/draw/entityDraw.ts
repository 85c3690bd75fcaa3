// Risk-weighted entity draw: per risk class, sampling without replacement.
// Rounding rule: a class of n enterprises at ratio r % gets ceil(r × n / 100) drawn (computed in integers as
// ceil(basisPoints × n / 10000)), so every non-empty class has at least one drawn and 100 % draws the whole class.
// Classes are drawn in order A, B, C, D, E, each from its members in uscc order, by a partial Fisher–Yates shuffle:
// for i = 0 … k-1, swap member i with member uniformInt(i, n-1); the first k are drawn. A class drawn whole uses no
// random numbers.
import type { RiskClass } from '../domain/model';
import type { DrawRandom } from './random';
import type { PopulationEntry, SamplingRatios } from './schema';

export const RISK_CLASSES: readonly RiskClass[] = ['A', 'B', 'C', 'D', 'E'];

export function drawCount(ratioPercent: number, classSize: number): number {
  const basisPoints = Math.round(ratioPercent * 100);
  if (basisPoints < 1 || basisPoints > 10_000) throw new Error(`sampling ratio ${ratioPercent} % is outside 0.01–100 %`);
  return Math.floor((basisPoints * classSize + 9_999) / 10_000);
}

export interface EntityDrawResult {
  /** Drawn usccs in uscc order. */
  drawn: string[];
  classCounts: Record<RiskClass, { population: number; drawn: number }>;
}

/** `population` must be sorted by uscc without duplicates (checked). */
export function drawEnterprises(population: readonly PopulationEntry[], ratios: SamplingRatios, random: DrawRandom): EntityDrawResult {
  const members: Record<RiskClass, string[]> = { A: [], B: [], C: [], D: [], E: [] };
  let previous = '';
  for (const [uscc, riskClass] of population) {
    if (uscc <= previous) throw new Error(`the population must be sorted by uscc without duplicates (at ${uscc})`);
    previous = uscc;
    members[riskClass].push(uscc);
  }
  const drawn: string[] = [];
  const classCounts = {} as EntityDrawResult['classCounts'];
  for (const riskClass of RISK_CLASSES) {
    const pool = members[riskClass];
    const k = drawCount(ratios[riskClass], pool.length);
    if (k < pool.length) {
      for (let i = 0; i < k; i++) {
        const j = random.int(i, pool.length - 1);
        const swap = pool[i]!;
        pool[i] = pool[j]!;
        pool[j] = swap;
      }
    }
    for (let i = 0; i < k; i++) drawn.push(pool[i]!);
    classCounts[riskClass] = { population: pool.length, drawn: k };
  }
  // The published list is in uscc order, so its order tells nothing about risk classes.
  drawn.sort();
  return { drawn, classCounts };
}
