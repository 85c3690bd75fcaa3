// `npm run fuzz`: the fuzz suite with FUZZ_RUNS (default 10,000) requests per operation, one process per storage
// driver at once (the suite is CPU-bound and the machine has more than one core). Each prints how many requests it
// sent and how many answered ≥ 500; the exit code says whether both passed.
import { spawn } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '10000';
const drivers = ['PGlite', 'PostgreSQL'];

const run = (driver) =>
  new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'server', 'tests/server/fuzz.test.ts', '-t', `\\[${driver}\\]`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FUZZ_RUNS: runs },
    });
    const prefix = (chunk) => chunk.toString().replace(/^(?=.)/gm, `[${driver}] `);
    child.stdout.on('data', (chunk) => process.stdout.write(prefix(chunk)));
    child.stderr.on('data', (chunk) => process.stderr.write(prefix(chunk)));
    child.on('close', (code) => resolve({ driver, code }));
  });

console.log(`fuzzing every operation with ${runs} requests per operation, on ${drivers.join(' and ')} at once`);
const results = await Promise.all(drivers.map(run));
for (const { driver, code } of results) console.log(`${driver}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
