// `npm run bench:pull-server`: the server side of the initial pull. Seeds N generated enterprises (demo generator,
// streamed in batches), then a supervisor of the city unit (whose jurisdiction is every district) pulls every record
// over loopback HTTP, once uncompressed and once with gzip, as a client would: page by page, parsing each page.
// Defaults: 100,000 profiles on PGlite and 1,000,000 on a throw-away PostgreSQL cluster (skipped with the reason when
// PostgreSQL is not installed and DATABASE_URL is not set). Options: --pglite N, --postgres N (0 skips), --limit N.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/server/app';
import { openDatabase, type OpenDatabaseOptions } from '../../src/server/db/open';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { generateDemoData } from '../../src/server/demo/generate';
import { DEMO_PASSWORD } from '../../src/server/demo/types';
import { seedDatabase } from '../../src/server/services/seed';
import { PULL_MAX_LIMIT } from '@shared/sync/protocol';
import { startThrowawayPostgres } from '../server/support/globalSetup';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

interface PullRun {
  encoding: 'identity' | 'gzip';
  records: number;
  pages: number;
  seconds: number;
  wireBytes: number;
  jsonBytes: number;
  recordsPerSecond: number;
  wireMBps: number;
  jsonMBps: number;
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function pullEverything(baseUrl: string, token: string, encoding: PullRun['encoding'], limit: number): Promise<PullRun> {
  let cursor = '';
  let records = 0;
  let pages = 0;
  let wireBytes = 0;
  let jsonBytes = 0;
  const started = performance.now();
  for (;;) {
    const response = await get(`${baseUrl}/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, {
      authorization: `Bearer ${token}`,
      'accept-encoding': encoding,
    });
    if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${response.body.toString().slice(0, 200)}`);
    if ((response.encoding ?? 'identity') !== encoding) throw new Error(`asked for ${encoding}, got ${response.encoding ?? 'identity'}`);
    const json = encoding === 'gzip' ? gunzipSync(response.body) : response.body;
    const page = JSON.parse(json.toString()) as { changes: unknown[]; cursor: string; hasMore: boolean };
    wireBytes += response.body.length;
    jsonBytes += json.length;
    records += page.changes.length;
    pages++;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    encoding,
    records,
    pages,
    seconds: round(seconds),
    wireBytes,
    jsonBytes,
    recordsPerSecond: Math.round(records / seconds),
    wireMBps: round(wireBytes / 1e6 / seconds),
    jsonMBps: round(jsonBytes / 1e6 / seconds),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function bench(driver: 'pglite' | 'postgres', enterpriseCount: number, options: OpenDatabaseOptions, limit: number) {
  const database = await openDatabase(options);
  try {
    console.log(`[${driver}] seeding ${enterpriseCount.toLocaleString('en')} enterprises …`);
    const seedStarted = performance.now();
    const dataset = generateDemoData({ seed: 'onevisit-bench', enterpriseCount }, loadDistrictOutlines());
    let reported = 0;
    await seedDatabase(database.db, dataset, (p) => {
      if (p.stage === 'enterprises' && p.done - reported >= p.total / 10) {
        reported = p.done;
        console.log(`[${driver}]   ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`);
      }
    });
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    const app = await buildApp({ database });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'supervisor01', password: DEMO_PASSWORD, deviceId: 'bench' },
      });
      const token = login.json<{ token: string }>().token;
      const runs = [await pullEverything(baseUrl, token, 'identity', limit), await pullEverything(baseUrl, token, 'gzip', limit)];
      return { driver, enterpriseCount, pageLimit: limit, seedSeconds, runs };
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
  const limit = option('limit', PULL_MAX_LIMIT);
  const results: Awaited<ReturnType<typeof bench>>[] = [];
  const skipped: string[] = [];
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const file = path.join('bench-results', `pull-server-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  // Written after each driver, so a long PostgreSQL run that fails keeps the PGlite figures.
  const report = () => {
    console.log(`\nPull, server side (${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}); page limit ${limit}`);
    console.table(
      results.flatMap((r) =>
        r.runs.map((run) => ({
          driver: r.driver,
          profiles: r.enterpriseCount,
          'seed s': r.seedSeconds,
          encoding: run.encoding,
          records: run.records,
          pages: run.pages,
          s: run.seconds,
          'records/s': run.recordsPerSecond,
          'MB on wire': round(run.wireBytes / 1e6),
          'wire MB/s': run.wireMBps,
          'JSON MB/s': run.jsonMBps,
        })),
      ),
    );
    for (const reason of skipped) console.log(`skipped ${reason}`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, results, skipped }, null, 2)}\n`);
    console.log(`written ${file}`);
  };

  if (pgliteCount > 0) {
    const dir = mkdtempSync(path.join(tmpdir(), 'onevisit-bench-'));
    try {
      results.push(await bench('pglite', pgliteCount, { dataDir: dir }, limit));
      report();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
        results.push(await bench('postgres', postgresCount, { databaseUrl: url.toString() }, limit));
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        cluster?.stop();
      }
    }
  }

  report();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
