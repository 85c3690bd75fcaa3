// `npm run bench:load`: many officers' first syncs of one jurisdiction at once, against the endpoint as separate
// processes on one PostgreSQL database (a throw-away cluster, or DATABASE_URL). Seeds BENCH_LOAD_PROFILES generated
// enterprises (default 100,000) and BENCH_LOAD_CLIENTS officers (default 50) of the city unit, whose jurisdiction is
// every district; starts one endpoint instance (`src/server/main.ts`), then two, their requests taking turns between
// them as behind a round-robin balancer. Each officer is a bare Node client running the app's first-sync protocol
// (sign in, snapshot manifest, chunks 4 at a time, then the pull after the snapshot page by page, gzip as the app), which
// downloads and counts bytes and profiles without storing them, so the endpoint is what is measured. Per setup: one
// untimed first sync (an endpoint that has run a while has served the chunks before), one first sync alone, then all
// at once; their time ratio (target ≤ 5×), the endpoint's CPU seconds per first sync (from
// /proc/<pid>/stat of the endpoint processes; the database's as well when the cluster runs on this machine), errors
// (target 0: a failed request or a count of profiles other than the jurisdiction's). Writes bench-results/load-<date>.json.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { CLIENT_REVISION_HEADER, CONTRACT_REVISION } from '@shared/api/version';
import { OPTIONAL_COLLECTIONS, SNAPSHOT_DOWNLOADS, type SnapshotManifest } from '@shared/sync/protocol';
import { SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import { openDatabase, queryRows } from '../../src/server/db/open';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { generateDemoData } from '../../src/server/demo/generate';
import { DEMO_PASSWORD } from '../../src/server/demo/types';
import { seedDatabase } from '../../src/server/services/seed';
import { startThrowawayPostgres } from '../server/support/globalSetup';

const PROFILES = Number(process.env.BENCH_LOAD_PROFILES ?? 100_000);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const PAGE = 1000;
const TARGET_RATIO = 5;
const TEMPLATE = 'supervisor01';
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const unzip = promisify(gunzip);

// ---- CPU of processes, from /proc (clock ticks) ----

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime, stime, cutime, cstime and the parent of a process, in seconds; null once it is gone. */
function stat(pid: number): { own: number; reaped: number; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const tick = (i: number) => Number(fields[i]) / TICKS;
    return { own: tick(11) + tick(12), reaped: tick(13) + tick(14), ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** CPU seconds of PostgreSQL so far: the postmaster, its live backends and those that ended. */
function databaseCpu(postmaster: number | null): number | null {
  if (postmaster === null) return null;
  const main = stat(postmaster);
  if (!main) return null;
  let total = main.own + main.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === postmaster) total += child.own;
  }
  return total;
}

// ---- The endpoint as child processes ----

interface Instance {
  process: ChildProcess;
  url: string;
  dataDir: string;
}

function startInstance(databaseUrl: string): Promise<Instance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onevisit-load-'));
  // BENCH_LOAD_CPU_PROFILES=<dir>: each endpoint process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_LOAD_CPU_PROFILES ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LOAD_CPU_PROFILES}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) resolve({ process: child, url: listening[1]!, dataDir });
    });
    child.once('exit', (code) => reject(new Error(`the endpoint exited (${code}) before listening:\n${output}`)));
  });
}

async function stopInstance(instance: Instance): Promise<void> {
  const exited = new Promise((resolve) => instance.process.once('exit', resolve));
  instance.process.kill('SIGTERM');
  await exited;
  rmSync(instance.dataDir, { recursive: true, force: true });
}

const endpointCpu = (instances: Instance[]) => instances.reduce((sum, i) => sum + (stat(i.process.pid!)?.own ?? 0), 0);

// ---- A bare client ----

/** Requests take turns between the instances, as behind a round-robin balancer. */
class Front {
  private turn = 0;
  constructor(private readonly urls: string[]) {}
  next(): string {
    return this.urls[this.turn++ % this.urls.length]!;
  }
}

function send(
  agent: Agent,
  url: string,
  options: { method?: string; token?: string; body?: object },
): Promise<{ status: number; gzip: boolean; body: Buffer }> {
  const payload = options.body ? JSON.stringify(options.body) : undefined;
  return new Promise((resolve, reject) => {
    request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: {
          'accept-encoding': 'gzip',
          [CLIENT_REVISION_HEADER]: String(CONTRACT_REVISION),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, gzip: response.headers['content-encoding'] === 'gzip', body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    )
      .on('error', reject)
      .end(payload);
  });
}

/** A request that must answer 200; its body as text (decompressed) and the bytes that came over the wire. */
async function fetchText(agent: Agent, front: Front, route: string, options: { method?: string; token?: string; body?: object } = {}) {
  const answer = await send(agent, `${front.next()}/api/v1${route}`, options);
  const text = answer.gzip ? await unzip(answer.body) : answer.body;
  if (answer.status !== 200) throw new Error(`${route.split('?')[0]} answered ${answer.status}: ${text.toString().slice(0, 200)}`);
  return { text, wire: answer.body.length };
}

interface FirstSync {
  ms: number;
  /** Milliseconds from the start to the end of each phase: signed in, manifest, chunks, pull. */
  phases: number[];
  wireBytes: number;
  profiles: number;
  error: string | null;
}

/** An officer's first sync as the app runs it, counting bytes and the profiles received. */
async function firstSync(front: Front, username: string, expected: number): Promise<FirstSync> {
  const agent = new Agent({ keepAlive: true, maxSockets: SNAPSHOT_DOWNLOADS });
  const started = performance.now();
  let wireBytes = 0;
  let profiles = 0;
  const phases: number[] = [];
  const phase = () => phases.push(performance.now() - started);
  try {
    const login = await fetchText(agent, front, '/auth/login', {
      method: 'POST',
      body: { username, password: DEMO_PASSWORD, deviceId: `load-${username}` },
    });
    const { token } = JSON.parse(login.text.toString()) as { token: string };
    phase();
    const manifestAnswer = await fetchText(agent, front, `/sync/snapshot?layout=${SNAPSHOT_LAYOUT}`, { token });
    const manifest = JSON.parse(manifestAnswer.text.toString()) as SnapshotManifest;
    wireBytes += login.wire + manifestAnswer.wire;
    phase();
    const queue = [...manifest.chunks];
    await Promise.all(
      Array.from({ length: SNAPSHOT_DOWNLOADS }, async () => {
        for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
          // Counted, not decompressed (the clients share the machine with the endpoint): its parts are gzip as stored.
          const answer = await send(agent, `${front.next()}/api/v1/sync/snapshot/chunks/${chunk.sha256}`, { token });
          const size = answer.body.length;
          if (answer.status !== 200 || answer.gzip || size !== chunk.size)
            throw new Error(`chunk ${chunk.sha256}: ${answer.status}, ${size} bytes, the manifest says ${chunk.size}`);
          wireBytes += answer.body.length;
          profiles += chunk.profiles;
        }
      }),
    );
    phase();
    const include = OPTIONAL_COLLECTIONS.join(',');
    for (let cursor = ''; ;) {
      const page = await fetchText(
        agent,
        front,
        `/sync/pull?cursor=${cursor}&limit=${PAGE}&include=${include}${manifest.chunks.length ? `&snapshot=${manifest.seq}` : ''}`,
        { token },
      );
      wireBytes += page.wire;
      const body = JSON.parse(page.text.toString()) as { changes: { collection: string; op: string }[]; cursor: string; hasMore: boolean };
      profiles += body.changes.filter((c) => c.collection === 'enterprises' && c.op === 'upsert').length;
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    phase();
    const error = profiles === expected ? null : `${profiles} profiles received, the jurisdiction holds ${expected}`;
    return { ms: performance.now() - started, phases, wireBytes, profiles, error };
  } catch (error) {
    return { ms: performance.now() - started, phases, wireBytes, profiles, error: error instanceof Error ? error.message : String(error) };
  } finally {
    agent.destroy();
  }
}

// ---- The run ----

interface SetupResult {
  instances: number;
  aloneS: number;
  concurrentS: number;
  ratio: number;
  slowestS: number;
  endpointCpuPerSyncS: number;
  /** The bare clients' own CPU (this process) per first sync: it shares the machine's cores with the endpoint. */
  clientsCpuPerSyncS: number;
  databaseCpuPerSyncS: number | null;
  mbPerSync: number;
  /** Seconds spent signing in, on the manifest, the chunks and the pull: alone, and the median of those at once. */
  alonePhasesS: Record<string, number>;
  concurrentPhasesS: Record<string, number>;
  errors: number;
  errorSamples: string[];
}

const PHASES = ['signIn', 'manifest', 'chunks', 'pull'] as const;

/** Each phase's duration in seconds, the median over `syncs`. */
function phaseSeconds(syncs: FirstSync[]): Record<string, number> {
  const done = syncs.filter((s) => s.phases.length === PHASES.length);
  return Object.fromEntries(
    PHASES.map((name, i) => {
      const durations = done.map((s) => s.phases[i]! - (s.phases[i - 1] ?? 0)).sort((a, b) => a - b);
      return [name, round((durations[Math.floor(durations.length / 2)] ?? NaN) / 1000)];
    }),
  );
}

async function runSetup(count: number, databaseUrl: string, usernames: string[], expected: number, postmaster: number | null) {
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(databaseUrl)));
  try {
    const front = new Front(instances.map((i) => i.url));
    // Untimed: a running endpoint has served the jurisdiction's chunks before (they are then kept in memory).
    await firstSync(front, usernames[0]!, expected);
    const alone = await firstSync(front, usernames[0]!, expected);
    const cpuBefore = endpointCpu(instances);
    const clientsBefore = process.cpuUsage();
    const dbBefore = databaseCpu(postmaster);
    const started = performance.now();
    const syncs = await Promise.all(usernames.map((username) => firstSync(front, username, expected)));
    const concurrentS = (performance.now() - started) / 1000;
    const dbAfter = databaseCpu(postmaster);
    const clients = process.cpuUsage(clientsBefore);
    const failed = [alone, ...syncs].filter((s) => s.error !== null);
    const result: SetupResult = {
      instances: count,
      aloneS: round(alone.ms / 1000),
      concurrentS: round(concurrentS),
      ratio: round(concurrentS / (alone.ms / 1000)),
      slowestS: round(Math.max(...syncs.map((s) => s.ms)) / 1000),
      endpointCpuPerSyncS: round((endpointCpu(instances) - cpuBefore) / syncs.length, 3),
      clientsCpuPerSyncS: round((clients.user + clients.system) / 1e6 / syncs.length, 3),
      databaseCpuPerSyncS: dbBefore === null || dbAfter === null ? null : round((dbAfter - dbBefore) / syncs.length, 3),
      mbPerSync: round(syncs.reduce((sum, s) => sum + s.wireBytes, 0) / syncs.length / 1e6),
      alonePhasesS: phaseSeconds([alone]),
      concurrentPhasesS: phaseSeconds(syncs),
      errors: failed.length,
      errorSamples: [...new Set(failed.map((s) => s.error!))].slice(0, 5),
    };
    return result;
  } finally {
    await Promise.all(instances.map(stopInstance));
  }
}

/** Seeds the jurisdiction and the officers; answers the officers' usernames, the profiles they see and the snapshot build. */
async function seed(databaseUrl: string) {
  const database = await openDatabase({ databaseUrl });
  try {
    console.log(`seeding ${PROFILES.toLocaleString('en')} enterprises …`);
    const dataset = generateDemoData({ seed: 'onevisit-bench', enterpriseCount: PROFILES }, loadDistrictOutlines());
    await seedDatabase(database.db, dataset);
    const usernames = Array.from({ length: CLIENTS }, (_, i) => `load${String(i + 1).padStart(3, '0')}`);
    // Officers of the template's unit (the city: every district), with its demo password.
    await database.db.execute(sql`
      INSERT INTO officers (id, username, name, department_id, unit_id, role, password_hash)
      SELECT 'off-' || u, u, name, department_id, unit_id, role, password_hash
      FROM officers, unnest(${sql.param(usernames)}::text[]) AS u WHERE username = ${TEMPLATE}`);
    const [row] = await queryRows<{ profiles: number; postmaster: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM enterprises e JOIN units u ON e.district_code = ANY(u.district_codes)
                  JOIN officers o ON o.unit_id = u.id WHERE o.username = ${TEMPLATE}) AS profiles, pg_backend_pid() AS postmaster`,
    );
    // The backend's parent is the postmaster, when the cluster runs on this machine.
    const local = readFileSync(`/proc/${row!.postmaster}/comm`, { encoding: 'utf8', flag: 'r' }).trim() === 'postgres';
    const postmaster = local ? (stat(row!.postmaster)?.ppid ?? null) : null;
    return { usernames, expected: row!.profiles, postmaster };
  } finally {
    await database.close();
  }
}

/**
 * The jurisdiction's snapshot is built once, by the first officer ever to ask: that first sync is timed apart from
 * the others (seconds).
 */
async function buildingSync(databaseUrl: string, username: string, expected: number): Promise<number> {
  const instance = await startInstance(databaseUrl);
  try {
    const sync = await firstSync(new Front([instance.url]), username, expected);
    if (sync.error) throw new Error(`the first sync that builds the snapshot failed: ${sync.error}`);
    return round(sync.ms / 1000);
  } finally {
    await stopInstance(instance);
  }
}

async function main(): Promise<void> {
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadBefore: loadavg().map((l) => round(l)),
  };
  const cluster = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
  const adminUrl = process.env.DATABASE_URL ?? cluster?.adminUrl;
  if (!adminUrl) throw new Error('bench:load needs PostgreSQL: install the postgresql package or set DATABASE_URL');
  const name = `onevisit_load_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const results: SetupResult[] = [];
  let snapshotBuildS: number;
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const { usernames, expected, postmaster } = await seed(databaseUrl);
    console.log(`${expected.toLocaleString('en')} profiles in the jurisdiction, ${usernames.length} officers`);
    snapshotBuildS = await buildingSync(databaseUrl, usernames[0]!, expected);
    for (const count of [1, 2]) {
      console.log(`${count} endpoint instance(s): one first sync alone, then ${usernames.length} at once …`);
      results.push(await runSetup(count, databaseUrl, usernames, expected, postmaster));
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    cluster?.stop();
  }

  console.log(
    `\nFirst syncs at once, ${PROFILES.toLocaleString('en')} profiles (${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node})`,
  );
  console.log(`first sync that built the jurisdiction's snapshot: ${snapshotBuildS} s (not in the figures below)`);
  console.table(
    results.flatMap((r) => [
      { instances: r.instances, measure: 'one first sync alone', value: `${r.aloneS} s`, target: '' },
      { instances: r.instances, measure: `${CLIENTS} first syncs at once, total`, value: `${r.concurrentS} s`, target: '' },
      { instances: r.instances, measure: 'ratio to one alone', value: `${r.ratio}×`, target: `≤ ${TARGET_RATIO}×` },
      { instances: r.instances, measure: 'endpoint CPU per first sync', value: `${r.endpointCpuPerSyncS} s`, target: 'reported' },
      {
        instances: r.instances,
        measure: 'database CPU per first sync',
        value: r.databaseCpuPerSyncS === null ? 'not on this machine' : `${r.databaseCpuPerSyncS} s`,
        target: 'reported',
      },
      { instances: r.instances, measure: 'clients CPU per first sync', value: `${r.clientsCpuPerSyncS} s`, target: 'reported' },
      { instances: r.instances, measure: 'MB on the wire per first sync', value: `${r.mbPerSync}`, target: '' },
      ...PHASES.map((name) => ({
        instances: r.instances,
        measure: `${name}: alone / median at once`,
        value: `${r.alonePhasesS[name]} s / ${r.concurrentPhasesS[name]} s`,
        target: '',
      })),
      { instances: r.instances, measure: 'errors', value: `${r.errors}`, target: '0' },
    ]),
  );
  for (const r of results) for (const sample of r.errorSamples) console.log(`error (${r.instances} instance(s)): ${sample}`);
  mkdirSync('bench-results', { recursive: true });
  const file = path.join('bench-results', `load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const summary = { date: new Date().toISOString(), machine, profiles: PROFILES, clients: CLIENTS, targetRatio: TARGET_RATIO };
  writeFileSync(file, `${JSON.stringify({ ...summary, snapshotBuildS, results }, null, 2)}\n`);
  console.log(`written ${file}`);
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
