// The whole draw as one deterministic function of its published inputs (see README "Double random draw"):
//   populationHash = SHA-256(canonical JSON of the population, [[uscc, riskClass], …] in uscc order)
//   seed           = SHA-256(canonical JSON of { plan, populationHash, seedValue })
//   PRNG           = xoroshiro128+ seeded from `seed` (random.ts); the entity draw, then the team draw, use one stream
//   outputHash     = SHA-256(canonical JSON of the assignments, [{ enterpriseId, officerIds }, …] in uscc order)
import { canonicalJson, sha256Hex, sha256OfCanonicalArray } from './canonical';
import { drawEnterprises } from './entityDraw';
import { DrawRandom } from './random';
import type { DrawFile, DrawInputs, DrawResult, PopulationEntry, TeamAssignment } from './schema';
import { drawTeams } from './teamDraw';

export function populationHash(population: readonly PopulationEntry[]): string {
  return sha256OfCanonicalArray(population);
}

export function drawSeed(inputs: Pick<DrawInputs, 'plan' | 'seedValue'>, popHash: string): string {
  return sha256Hex(canonicalJson({ plan: inputs.plan, populationHash: popHash, seedValue: inputs.seedValue }));
}

export function outputHash(assignments: readonly TeamAssignment[]): string {
  return sha256OfCanonicalArray(assignments);
}

export function runDraw(inputs: DrawInputs): DrawResult {
  const popHash = populationHash(inputs.population);
  const seed = drawSeed(inputs, popHash);
  const random = new DrawRandom(seed);
  const { drawn, classCounts } = drawEnterprises(inputs.population, inputs.plan.samplingRatios, random);
  const { assignments, workload } = drawTeams(
    {
      enterpriseIds: drawn,
      departmentIds: inputs.plan.departmentIds,
      teamSize: inputs.plan.teamSize,
      roster: inputs.roster,
      recusals: inputs.recusals,
      drawDate: inputs.drawDate,
      lastLeads: inputs.lastLeads,
    },
    random,
  );
  return { populationHash: popHash, seed, assignments, classCounts, workload, outputHash: outputHash(assignments) };
}

export interface DrawVerification {
  identical: boolean;
  /** Each published hash next to the re-computed one. */
  hashes: { name: 'populationHash' | 'seed' | 'outputHash'; recorded: string; recomputed: string }[];
  /** The re-run's assignments differ from the recorded ones (even if a hash was forged to match). */
  assignmentsDiffer: boolean;
}

/** Re-runs a draw from its file and compares every published hash and the drawn list. */
export function verifyDrawFile(file: DrawFile): DrawVerification {
  const rerun = runDraw(file.inputs);
  const hashes = (['populationHash', 'seed', 'outputHash'] as const).map((name) => ({
    name,
    recorded: file.result[name],
    recomputed: rerun[name],
  }));
  const assignmentsDiffer = canonicalJson(rerun.assignments) !== canonicalJson(file.result.assignments);
  return { identical: !assignmentsDiffer && hashes.every((h) => h.recorded === h.recomputed), hashes, assignmentsDiffer };
}
