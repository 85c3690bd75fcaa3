// `npm test`: typecheck, lint, unit tests, endpoint tests (PGlite, and real PostgreSQL where installed), build, end-to-end tests.
// Every step runs even when an earlier one fails, so one run shows everything; the exit code says whether all passed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// A list of steps runs at once, its output shown step by step when all are done: typecheck and lint each keep one core busy.
const steps = [
  [
    { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
    { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  ],
  {
    name: 'unit tests',
    cmd: ['npx', 'vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
    report: 'test-results/unit.json',
  },
  {
    name: 'endpoint tests',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'server',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/server.json',
    ],
    report: 'test-results/server.json',
  },
  { name: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  { name: 'end-to-end tests', cmd: ['npx', 'playwright', 'test'], report: 'test-results/e2e.json', playwright: true },
];

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
/** Each failed test with the first line of its error, repeated at the very end: CI keeps only the tail of the output. */
const failures = [];

const seconds = (started) => `${((performance.now() - started) / 1000).toFixed(0)} s`;

/** Runs a step; its output goes straight through, or is kept (`buffered`) for a step that runs beside others. */
function run(step, buffered) {
  if (step.report) rmSync(step.report, { force: true });
  const started = performance.now();
  const child = spawn(step.cmd[0], step.cmd.slice(1), { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => (output += `${error}\n`));
    child.on('close', (status) => resolve({ step, status, output, took: seconds(started) }));
  });
}

function finish({ step, status, took }) {
  console.log(`=== ${step.name}: ${status === 0 ? 'passed' : 'FAILED'} in ${took}`);
  if (status !== 0) failedSteps.push(step.name);
  if (step.report) countTests(step, status);
}

const startedAll = performance.now();
for (const entry of steps) {
  if (Array.isArray(entry)) {
    console.log(`\n=== at once: ${entry.map((step) => step.name).join(', ')}`);
    for (const result of await Promise.all(entry.map((step) => run(step, true)))) {
      console.log(`\n=== ${result.step.name}: ${result.step.cmd.join(' ')}\n${result.output}`);
      finish(result);
    }
  } else {
    console.log(`\n=== ${entry.name}: ${entry.cmd.join(' ')}`);
    finish(await run(entry, false));
  }
}

function countTests(step, status) {
  if (!existsSync(step.report)) {
    // A runner that crashed before writing its report still counts as a failure.
    if (status !== 0) totals.failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(step.report, 'utf8'));
  failures.push(...(step.playwright ? playwrightFailures(report.suites ?? []) : vitestFailures(report)));
  if (step.playwright) {
    totals.passed += (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
    totals.failed += report.stats?.unexpected ?? 0;
    totals.skipped += report.stats?.skipped ?? 0;
  } else {
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}

function firstLine(message) {
  return stripVTControlCharacters(String(message ?? ''))
    .trim()
    .split('\n')[0]
    .slice(0, 300);
}

function vitestFailures(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    // A file that failed to load has no failed test, only its own message.
    if (!failed.length && file.status === 'failed') return [`${path.relative(process.cwd(), file.name)}: ${firstLine(file.message)}`];
    return failed.map((test) => `${path.relative(process.cwd(), file.name)} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
  });
}

function playwrightFailures(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? [])
      .filter((spec) => !spec.ok)
      .map((spec) => {
        const error = spec.tests?.flatMap((test) => test.results ?? []).find((result) => result.error)?.error;
        return `${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error?.message)}`;
      }),
    ...playwrightFailures(suite.suites ?? []),
  ]);
}

if (failures.length) console.log(`\nfailed tests:\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, in ${seconds(startedAll)}`);
process.exit(failedSteps.length ? 1 : 0);
