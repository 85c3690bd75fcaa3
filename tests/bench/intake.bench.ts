// `npm run bench:intake`: penalty records as CSV through the intake, every rule applied, over loopback HTTP as a data
// officer uploads them. The demo register (N enterprises, itself seeded through the intake) is the register the
// penalties are checked against; the file mixes valid penalties with bad codes, name mismatches, disputed fines and
// repeated records. Reports records/s, the time until the changed profiles are ready to pull (the upload's answer comes
// after they are rebuilt and committed), and the peak memory of the process for a file a tenth the size and the full
// one (flat memory: the two peaks stay close). Defaults: 1,000,000 records on a throw-away PostgreSQL cluster over
// 100,000 enterprises, 100,000 records on PGlite over 20,000. Options: --postgres N, --pglite N (0 skips),
// --postgres-enterprises N, --pglite-enterprises N.
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import type { IntakeBatchResponse } from '@shared/api/intake';
import { INTAKE_MEDIA_TYPES } from '@shared/intake/kinds';
import { buildApp } from '../../src/server/app';
import { openDatabase, queryRows, type Database, type OpenDatabaseOptions } from '../../src/server/db/open';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { generateDemoData } from '../../src/server/demo/generate';
import { DEMO_PASSWORD } from '../../src/server/demo/types';
import { sql } from 'drizzle-orm';
import { seedDatabase } from '../../src/server/services/seed';
import { csvText, penaltyRow, templateTable } from '../support/intakeFiles';
import { startThrowawayPostgres } from '../server/support/globalSetup';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Writes `records` penalty rows as a UTF-8 CSV of the template: ~2 % bad codes, ~1 % name mismatches, ~0.5 % disputed, ~2 % repeated. */
async function writePenaltyFile(file: string, records: number, enterprises: { uscc: string; name: string }[]): Promise<void> {
  const out = createWriteStream(file);
  const [header] = templateTable('penalties', []);
  out.write(`\uFEFF${csvText([header!])}`);
  let lines: string[][] = [];
  for (let i = 0; i < records; i++) {
    const n = i % 50 === 7 && i > 0 ? i - 1 : i;
    const target = enterprises[(n * 7919) % enterprises.length]!;
    const variant = n % 200;
    const row = penaltyRow(
      variant === 3 || variant === 4 || variant === 5 || variant === 6 ? '91350100M000100Y4Z' : target.uscc,
      variant === 11 || variant === 12 ? '名称不符有限公司' : target.name,
      `烟市监罚〔2026〕${n + 1}号`,
      variant === 99
        ? { fineAmount: '150' }
        : { fineAmount: String((n % 90) + 1), decidedOn: `2026-0${(n % 9) + 1}-15`, validUntil: '2029-09-30' },
    );
    lines.push(templateTable('penalties', [row])[1]!);
    if (lines.length === 2000) {
      if (!out.write(csvText(lines))) await once(out, 'drain');
      lines = [];
    }
  }
  out.write(csvText(lines));
  out.end();
  await once(out, 'finish');
}

function uploadFile(url: string, token: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': INTAKE_MEDIA_TYPES.csv,
          'content-length': statSync(file).size,
          'x-file-name': encodeURIComponent(path.basename(file)),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

interface Run {
  records: number;
  fileMB: number;
  seconds: number;
  recordsPerSecond: number;
  /** CPU time per record of this process (parse, checks, profiles; the upload's client side is a stream pipe). */
  processCpuUs: number;
  /** CPU time per record of the PostgreSQL backends serving the database (null on PGlite, which runs in the process). */
  databaseCpuUs: number | null;
  peakRssMB: number;
  peakHeapMB: number;
  counts: IntakeBatchResponse['batch']['counts'];
}

/** CPU ticks (user + system) of a process on this machine; null once it has ended. */
function cpuTicks(pid: number): number | null {
  try {
    // Fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
const TICKS_PER_SECOND = 100;

/**
 * The CPU time of the PostgreSQL backends connected to the database (a server on this machine), sampled while an
 * upload runs: a wall-clock figure on a shared machine says little, CPU time does not grow with the others' load.
 */
async function backendCpu(database: Database, driver: 'pglite' | 'postgres') {
  if (driver !== 'postgres') return null;
  const pids = async () =>
    (await queryRows<{ pid: number }>(database, sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).map(
      (row) => row.pid,
    );
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const pid of await pids()) {
    const ticks = cpuTicks(pid);
    if (ticks !== null) first.set(pid, ticks);
  }
  if (first.size === 0) return null; // a server elsewhere: its processes are not readable here
  return {
    sample: async () => {
      for (const pid of await pids()) {
        const ticks = cpuTicks(pid);
        if (ticks === null) continue;
        if (!first.has(pid)) first.set(pid, 0);
        last.set(pid, ticks);
      }
    },
    seconds: () => [...last].reduce((sum, [pid, ticks]) => sum + ticks - first.get(pid)!, 0) / TICKS_PER_SECOND,
  };
}

async function timedUpload(
  baseUrl: string,
  token: string,
  file: string,
  records: number,
  database: Database,
  driver: 'pglite' | 'postgres',
): Promise<Run> {
  global.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const backends = await backendCpu(database, driver);
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const sampler = setInterval(sample, 50);
  // Often enough that no backend ends unseen; the pool keeps its connections while the upload runs.
  const backendSampler = backends && setInterval(() => void backends.sample(), 500);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await uploadFile(`${baseUrl}/api/v1/intake/batches?kind=penalties&source=dept-amr`, token, file);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  if (backendSampler) clearInterval(backendSampler);
  await backends?.sample();
  sample();
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${response.body.slice(0, 300)}`);
  const { batch } = JSON.parse(response.body) as IntakeBatchResponse;
  return {
    records,
    fileMB: round(statSync(file).size / 1e6),
    seconds: round(seconds),
    recordsPerSecond: Math.round(records / seconds),
    processCpuUs: Math.round((cpu.user + cpu.system) / records),
    databaseCpuUs: backends ? Math.round((backends.seconds() * 1e6) / records) : null,
    peakRssMB: Math.round(peakRss / 2 ** 20),
    peakHeapMB: Math.round(peakHeap / 2 ** 20),
    counts: batch.counts,
  };
}

async function bench(driver: 'pglite' | 'postgres', records: number, enterpriseCount: number, options: OpenDatabaseOptions, dir: string) {
  const database = await openDatabase(options);
  try {
    console.log(`[${driver}] seeding ${enterpriseCount.toLocaleString('en')} enterprises through the intake …`);
    const seedStarted = performance.now();
    const dataset = generateDemoData({ seed: 'onevisit-bench', enterpriseCount }, loadDistrictOutlines());
    await seedDatabase(database.db, dataset);
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    const enterprises = Array.from({ length: enterpriseCount }, (_, i) => {
      const { uscc, name } = dataset.enterpriseAt(i);
      return { uscc, name };
    });
    const small = path.join(dir, `penalties-${records / 10}.csv`);
    const full = path.join(dir, `penalties-${records}.csv`);
    console.log(`[${driver}] writing ${(records / 10).toLocaleString('en')} and ${records.toLocaleString('en')} penalty records as CSV …`);
    await writePenaltyFile(small, Math.round(records / 10), enterprises);
    await writePenaltyFile(full, records, enterprises);
    const app = await buildApp({ database });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'data01', password: DEMO_PASSWORD, deviceId: 'bench' },
      });
      const token = login.json<{ token: string }>().token;
      // The tenth-size file first, into the same register; its records are then updated or repeated by the full one.
      const runs = [
        await timedUpload(baseUrl, token, small, Math.round(records / 10), database.db, driver),
        await timedUpload(baseUrl, token, full, records, database.db, driver),
      ];
      return { driver, enterpriseCount, seedSeconds, runs };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const pgliteCount = option('pglite', 100_000);
  const postgresCount = option('postgres', 1_000_000);
  const results: Awaited<ReturnType<typeof bench>>[] = [];
  const skipped: string[] = [];
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const file = path.join('bench-results', `intake-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const report = () => {
    console.log(`\nIntake of penalty CSV files (${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node})`);
    console.table(
      results.flatMap((r) =>
        r.runs.map((run) => ({
          driver: r.driver,
          register: r.enterpriseCount,
          'seed s': r.seedSeconds,
          records: run.records,
          'file MB': run.fileMB,
          's to profiles ready': run.seconds,
          'records/s': run.recordsPerSecond,
          'process CPU µs/record': run.processCpuUs,
          'PostgreSQL CPU µs/record': run.databaseCpuUs ?? '',
          'peak RSS MB': run.peakRssMB,
          'peak heap MB': run.peakHeapMB,
        })),
      ),
    );
    for (const reason of skipped) console.log(`skipped ${reason}`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), machine, target: { recordsPerSecond: 20_000 }, results, skipped }, null, 2)}\n`,
    );
    console.log(`written ${file}`);
  };

  const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-bench-intake-'));
  try {
    if (pgliteCount > 0) {
      results.push(await bench('pglite', pgliteCount, option('pglite-enterprises', 20_000), { dataDir: path.join(dir, 'pglite') }, dir));
      report();
    }
    if (postgresCount > 0) {
      const cluster = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
      const adminUrl = process.env.DATABASE_URL ?? cluster?.adminUrl;
      if (!adminUrl) skipped.push('postgres: PostgreSQL is not installed and DATABASE_URL is not set');
      else {
        const name = `onevisit_bench_${Date.now()}`;
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        try {
          const url = new URL(adminUrl);
          url.pathname = `/${name}`;
          results.push(
            await bench('postgres', postgresCount, option('postgres-enterprises', 100_000), { databaseUrl: url.toString() }, dir),
          );
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
          cluster?.stop();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
