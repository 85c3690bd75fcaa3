// Benchmark: draw 5 % of 1,000,000 enterprises with teams from 10,000 officers, on the endpoint's draw logic
// (src/shared/draw, the code runPlanDraw calls). Prints a table and writes bench-results/draw.json. Target: ≤ 10 s.
// Run: npm run bench:draw [-- --enterprises 1000000 --officers 10000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { buildUscc } from '@shared/domain/uscc';
import type { RiskClass } from '@shared/domain/model';
import { runDraw, verifyDrawFile } from '@shared/draw/draw';
import { DRAW_FORMAT, type DrawInputs, type DrawRecusal, type PopulationEntry, type RosterOfficer } from '@shared/draw/schema';

const { values } = parseArgs({
  options: { enterprises: { type: 'string', default: '1000000' }, officers: { type: 'string', default: '10000' } },
});
const enterpriseCount = Number(values.enterprises);
const officerCount = Number(values.officers);
const TARGET_MS = 10_000;

// A deterministic population with a realistic class spread (A 40 %, B 30 %, C 20 %, D 8 %, E 2 %).
const classAt = (i: number): RiskClass => {
  const m = (i * 7919) % 100;
  return m < 40 ? 'A' : m < 70 ? 'B' : m < 90 ? 'C' : m < 98 ? 'D' : 'E';
};
const districts = ['370602', '370611', '370612', '370613', '370614', '370681', '370682', '370683', '370685', '370686', '370687'];
const population: PopulationEntry[] = Array.from(
  { length: enterpriseCount },
  (_, i) => [buildUscc('9', '1', districts[i % districts.length]!, String(i).padStart(8, '0')), classAt(i)] as PopulationEntry,
).sort(([a], [b]) => (a < b ? -1 : 1));
const departmentIds = ['dept-amr', 'dept-eco', 'dept-tax'];
const roster: RosterOfficer[] = Array.from({ length: officerCount }, (_, i) => ({
  id: `off-${String(i).padStart(5, '0')}`,
  departmentId: departmentIds[i % 3]!,
}));
const recusals: DrawRecusal[] = Array.from({ length: 5000 }, (_, i) => ({
  officerId: roster[(i * 37) % officerCount]!.id,
  enterpriseId: population[(i * 199) % enterpriseCount]![0],
  validFrom: '2024-01-01',
  validTo: null,
}));
const lastLeads = Object.fromEntries(
  Array.from({ length: 100_000 }, (_, i) => [population[(i * 10) % enterpriseCount]![0], roster[i % officerCount]!.id]),
);

const inputs: DrawInputs = {
  format: DRAW_FORMAT,
  plan: {
    id: 'plan-bench',
    name: '基准测试',
    departmentIds,
    samplingRatios: { A: 5, B: 5, C: 5, D: 5, E: 5 },
    teamSize: 3,
    seedSource: 'bench',
  },
  seedValue: '0 1 2',
  drawDate: '2025-07-01',
  population,
  roster,
  recusals,
  lastLeads,
};

const timed = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
};
const [result, drawMs] = timed(() => runDraw(inputs));
const [json, serialiseMs] = timed(() =>
  JSON.stringify({ recordId: 'draw-bench', ranBy: 'bench', ranAt: new Date().toISOString(), inputs, result }),
);
const [verification, verifyMs] = timed(() => verifyDrawFile(JSON.parse(json)));
if (!verification.identical) throw new Error('the re-run of the benchmark draw is not identical');

const figures = {
  enterprises: enterpriseCount,
  officers: officerCount,
  drawn: result.assignments.length,
  teamSize: 3,
  drawMs: Math.round(drawMs),
  serialiseMs: Math.round(serialiseMs),
  verifyMs: Math.round(verifyMs),
  drawFileMB: Math.round(json.length / 1e5) / 10,
  workload: result.workload,
  targetMs: TARGET_MS,
  withinTarget: drawMs <= TARGET_MS,
  node: process.version,
  at: new Date().toISOString(),
};
console.table({
  'draw (population hash + entity draw + team draw + output hash)': `${figures.drawMs} ms`,
  'draw file serialisation': `${figures.serialiseMs} ms (${figures.drawFileMB} MB)`,
  'verify (parse + re-run + compare)': `${figures.verifyMs} ms`,
  'drawn enterprises': figures.drawn,
  'workload spread (tasks per officer)': `${figures.workload.minTasks}–${figures.workload.maxTasks} (spread ${figures.workload.spread})`,
  target: `${TARGET_MS} ms: ${figures.withinTarget ? 'met' : 'MISSED'}`,
});
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/draw.json', `${JSON.stringify(figures, null, 2)}\n`);
