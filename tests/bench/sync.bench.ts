// `npm run bench:sync`: the client's initial sync of a whole jurisdiction in headless Chromium against the endpoint on
// loopback (the built app, served by the endpoint; PGlite), beside the byte floor measured in the same run: fetching
// and parsing the same profiles as one JSON document (gzip, as the pull) and writing them into IndexedDB as
// 1,000-profile values in one transaction. The app bootstraps the profiles from the jurisdiction's shared snapshot
// (built before the timed sync, as the first officer of the jurisdiction would; its build is timed apart), then pulls
// the rest. Profiles: BENCH_SYNC_PROFILES (default 100,000), tasks: BENCH_SYNC_TASKS
// (2,000). The supervisor of the city unit syncs (every district is in scope). Prints a table, writes
// bench-results/sync-<date>.json. Also: the storage-level lookups apart from rendering, and the push of 1,000 queued
// section mutations. Needs `electron-vite build` first (the npm script does it). `BENCH_SYNC_ONLY=push` runs only the
// push, without build or browser (`BENCH_SYNC_ONLY=push BENCH_SYNC_PROFILES=20000 npx tsx tests/bench/sync.bench.ts`).
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../playwright.config';
import { ApiClient } from '@shared/api/client';
import type { Enterprise } from '@shared/domain/model';
import { PUSH_MAX_MUTATIONS, SNAPSHOT_DOWNLOADS, type Mutation } from '@shared/sync/protocol';
import { SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import { buildApp } from '../../src/server/app';
import { openDatabase, queryRows, type OpenedDatabase } from '../../src/server/db/open';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { generateDemoData } from '../../src/server/demo/generate';
import { DEMO_PASSWORD, type DemoDataset, type DemoOfficer } from '../../src/server/demo/types';
import { seedDatabase } from '../../src/server/services/seed';

const PROFILES = Number(process.env.BENCH_SYNC_PROFILES ?? 100_000);
/** Profiles per document of the byte floor: a million as one JSON string would pass V8's longest string. */
const FLOOR_PART = 100_000;
const TASKS = Number(process.env.BENCH_SYNC_TASKS ?? 2_000);
/** A city-wide supervisor's sync (1,000,000 profiles) has targets of its own: 3× the floor, 400 MB of heap. */
const CITY_WIDE = PROFILES >= 1_000_000;
const USER = 'supervisor01';
const OFFICER = 'off-supervisor01';
const PAGE = 1000;
const TIMEOUT = 30 * 60_000;
const round = (value: number) => Math.round(value);
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

const TRACE_CATEGORIES = [
  'blink.user_timing',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
];

/**
 * `BENCH_SYNC_TRACE=sync` (or `1`), `cold` or `dossier`: a Chromium trace of that part (every thread, the sync worker's
 * too, with V8's samples and the app's User Timing) in bench-results/sync-<part>-trace.json. Tracing slows what it records.
 */
async function traced(page: Page, part: 'sync' | 'cold' | 'dossier'): Promise<{ stop(): Promise<void> }> {
  const asked = process.env.BENCH_SYNC_TRACE === '1' ? 'sync' : process.env.BENCH_SYNC_TRACE;
  if (asked !== part) return { stop: async () => undefined };
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  return {
    async stop() {
      mkdirSync('bench-results', { recursive: true });
      writeFileSync(path.join('bench-results', `sync-${part}-trace.json`), await browser.stopTracing());
    },
  };
}

/**
 * In the page: the longest tasks (PerformanceObserver longtask), from before the app's own code runs, and the scripts
 * of long animation frames (what ran: invoker, function and source position) to attribute them.
 */
const LONGTASKS = `(() => {
  window.__longtasks = [];
  window.__loafs = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__loafs.push({ start: e.startTime, ms: e.duration, scripts: e.scripts.map((s) => ({ ms: Math.round(s.duration), invoker: s.invoker, fn: s.sourceFunctionName, at: (s.sourceURL || '').split('/').pop() + ':' + s.sourceCharPosition })) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})()`;

/**
 * Samples the page's JS heap every 200 ms until stopped: the peak in MB, when it was (ms after the sampling started),
 * and every sample as [ms, MB], to tell which part of a sync holds the most.
 */
function heapSampler(cdp: CDPSession): { stop(): Promise<{ peakMB: number; peakAtMs: number; timeline: [number, number][] }> } {
  const started = performance.now();
  const timeline: [number, number][] = [];
  let running = true;
  const loop = (async () => {
    await cdp.send('Performance.enable');
    while (running) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      timeline.push([Math.round(performance.now() - started), Math.round(used / 2 ** 20)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const [peakAtMs, peakMB] = timeline.reduce((peak, sample) => (sample[1] > peak[1] ? sample : peak), [0, 0]);
      return { peakMB, peakAtMs, timeline };
    },
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * `BENCH_SYNC_CPU=1`: a CPU profile of the page while `work` runs, written to bench-results/<name>.cpuprofile (open it
 * in Chromium's DevTools); the functions with the most self time are returned, to see where a figure's time goes.
 */
async function cpuProfiled(cdp: CDPSession, name: string, work: () => Promise<void>): Promise<string[]> {
  if (!process.env.BENCH_SYNC_CPU) {
    await work();
    return [];
  }
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(path.join('bench-results', `${name}.cpuprofile`), JSON.stringify(profile));
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([key, ms]) => `${Math.round(ms)} ms ${key}`);
}

/** Signs in, which starts the initial sync; resolves at the submit click, in the page's clock. */
async function signIn(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(USER);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  const clicked = await page.evaluate<number>('performance.now()');
  await page.getByTestId('login-submit').click();
  return clicked;
}

/** Waits until a sync finished (the last-synced time moved past `before`). */
async function syncDone(page: Page, before: string | null): Promise<void> {
  await page.waitForFunction(
    (b) => {
      const el = document.querySelector('[data-testid="sync-status"]');
      return el?.getAttribute('data-state') === 'done' && el.getAttribute('data-last-synced') !== b;
    },
    before,
    { timeout: TIMEOUT, polling: 50 },
  );
}

async function syncAndWait(page: Page): Promise<number> {
  const status = page.getByTestId('sync-status');
  const before = await status.getAttribute('data-last-synced');
  const started = performance.now();
  await page.getByTestId('sync-button').click();
  await syncDone(page, before);
  return performance.now() - started;
}

/**
 * Opens the instant check and waits until it answers `uscc`; answers when that was (Node's performance.now()), before
 * the dialog is closed again: closing it is not part of searching.
 */
async function searchAnswers(page: Page, uscc: string): Promise<number> {
  await page.getByTestId('instant-check-open').click();
  await page.locator('[data-testid="instant-check"][data-ready="true"]').waitFor({ timeout: TIMEOUT });
  await page.getByTestId('instant-check-input').fill(uscc);
  await page.locator(`[data-testid="check-result"][data-uscc="${uscc}"]`).waitFor({ timeout: TIMEOUT });
  const answered = performance.now();
  await closeInstantCheck(page);
  return answered;
}

/** Closes the instant check with Escape, pressed again if a press came before the dialog took the keyboard. */
async function closeInstantCheck(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    try {
      await page.getByTestId('instant-check').waitFor({ state: 'detached', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Waits until the sync worker has written the directory snapshot it writes after every pull, up to the last chunk
 * stored: the cold start measured is the next day's, not a reload within seconds of a first sync (which finds none and
 * reads every chunk), nor one that finds the snapshot of an earlier pull of the sync (at 1,000,000 profiles the last
 * one is written some seconds after the sync ends).
 */
async function directorySnapshotWritten(page: Page): Promise<void> {
  await page.waitForFunction(
    `new Promise((resolve) => {
      const request = indexedDB.open('onevisit-${OFFICER}');
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(['directorySnapshots', 'directoryChunks']);
        const snapshots = tx.objectStore('directorySnapshots').getAll();
        const last = tx.objectStore('directoryChunks').openKeyCursor(null, 'prev');
        tx.oncomplete = () => {
          db.close();
          const lastChunk = last.result ? last.result.primaryKey : 0;
          resolve(snapshots.result.some((row) => row.lastChunk >= lastChunk));
        };
      };
      request.onerror = () => resolve(false);
    })`,
    undefined,
    { timeout: TIMEOUT, polling: 100 },
  );
}

/** Stored directory chunks of the officer's database, read with plain IndexedDB. */
function storedChunks(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const request = indexedDB.open('onevisit-${OFFICER}');
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('directoryChunks')) { db.close(); return resolve(0); }
      const count = db.transaction('directoryChunks').objectStore('directoryChunks').count();
      count.onsuccess = () => { db.close(); resolve(count.result); };
    };
    request.onerror = () => resolve(0);
  })`);
}

/**
 * The byte floor: one JSON document fetched and parsed, then written as 1,000-profile values in one transaction (in
 * documents of FLOOR_PART profiles, one after the other, above that). In a blank page of the floor's own origin: the
 * app's content security policy lets it fetch from its endpoint only.
 */
async function byteFloor(context: BrowserContext, floorUrls: string[]) {
  const page = await context.newPage();
  await page.goto(new URL('/', floorUrls[0]).href);
  const result = await page.evaluate<{ fetchParseMs: number; writeMs: number; count: number }>(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('bench-floor', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('chunks');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    let fetchParseMs = 0;
    let writeMs = 0;
    let count = 0;
    for (const url of ${JSON.stringify(floorUrls)}) {
      const t0 = performance.now();
      const profiles = await (await fetch(url)).json();
      const t1 = performance.now();
      await new Promise((resolve, reject) => {
        const tx = db.transaction('chunks', 'readwrite');
        for (let i = 0; i < profiles.length; i += ${PAGE}) tx.objectStore('chunks').put(profiles.slice(i, i + ${PAGE}), count + i);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      fetchParseMs += t1 - t0;
      writeMs += performance.now() - t1;
      count += profiles.length;
    }
    db.close();
    await new Promise((resolve) => { const r = indexedDB.deleteDatabase('bench-floor'); r.onsuccess = r.onerror = resolve; });
    return { fetchParseMs, writeMs, count };
  })()`);
  await page.close();
  return result;
}

/** In the page: p95 of the instant check (typing a query to the answer drawn) and of the dossier (route to drawn). */
async function lookups(page: Page, ids: string[], names: string[]) {
  await page.getByTestId('instant-check-open').click();
  await page.locator('[data-testid="instant-check"][data-ready="true"]').waitFor();
  const { check, usccLookups } = await page.evaluate<{ check: number[]; usccLookups: number[] }>(`(async () => {
    const input = document.querySelector('[data-testid="instant-check-input"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const times = [];
    const usccLookups = [];
    for (const query of ${JSON.stringify([...ids.slice(0, 30), ...names.slice(0, 30)])}) {
      const t0 = performance.now();
      setValue.call(input, query);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const done = () => {
          const answer = document.querySelector('[data-testid="check-result"]');
          const full = query.length === 18 ? document.querySelector('[data-testid="check-result"][data-uscc="' + query + '"]') : answer;
          if (full && input.value === query) resolve(); else requestAnimationFrame(done);
        };
        done();
      });
      times.push(performance.now() - t0);
      // The index lookup alone (User Timing, see lib/timing.ts): the last one is this query's.
      if (query.length === 18) usccLookups.push(performance.getEntriesByName('onevisit:check-lookup').at(-1).duration);
      setValue.call(input, '');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return { check: times, usccLookups };
  })()`);
  await closeInstantCheck(page);
  const trace = await traced(page, 'dossier');
  const { dossier, idLookups } = await page.evaluate<{ dossier: number[]; idLookups: number[] }>(`(async () => {
    const times = [];
    const idLookups = [];
    for (const id of ${JSON.stringify(ids.slice(30, 60))}) {
      const t0 = performance.now();
      location.hash = '#/enterprises/' + id;
      await new Promise((resolve) => {
        const done = () => (document.querySelector('[data-testid="dossier"][data-uscc="' + id + '"]') ? resolve() : requestAnimationFrame(done));
        done();
      });
      times.push(performance.now() - t0);
      // The storage lookup alone (User Timing in DossierPage): the last one is this route's.
      idLookups.push(performance.getEntriesByName('onevisit:dossier-lookup').at(-1).duration);
    }
    location.hash = '#/';
    return { dossier: times, idLookups };
  })()`);
  await trace.stop();
  const tenths = (value: number) => Math.round(value * 10) / 10;
  return {
    checkP95Ms: round(p95(check)),
    dossierP95Ms: round(p95(dossier.slice(1))),
    dossierFirstMs: round(dossier[0] ?? 0),
    lookupByIdP95Ms: tenths(p95(idLookups.slice(1))),
    lookupByIdFirstMs: tenths(idLookups[0] ?? 0),
    lookupByUsccP95Ms: tenths(p95(usccLookups)),
    idLookups: idLookups.map(tenths),
    dossier: dossier.map(round),
  };
}

/**
 * The push of 1,000 queued section mutations as the client sends them (batches of PUSH_MAX_MUTATIONS, one officer's
 * outbox per device): drafts with one item result each, on sections their officers may edit. Sign-ins are not timed.
 */
async function pushSections(url: string, data: DemoDataset, count = 1000): Promise<{ ms: number; mutations: number; applied: number }> {
  const officers = new Map(data.officers.map((o) => [o.id, o]));
  const tasks = new Map(data.tasks.map((t) => [t.id, t]));
  const outboxes = new Map<DemoOfficer, Mutation[]>();
  let queued = 0;
  for (const section of data.sections) {
    if (queued >= count) break;
    if (section.status === 'completed' || section.checkItemIds.length === 0) continue;
    const officer = tasks
      .get(section.taskId)
      ?.officerIds.map((id) => officers.get(id))
      .find((o) => o?.departmentId === section.departmentId);
    if (!officer) continue;
    const itemResults = [{ checkItemId: section.checkItemIds[0]!, outcome: 'compliant' as const, note: '台账齐全' }];
    const outbox = outboxes.get(officer) ?? [];
    outbox.push({
      mutationId: randomUUID(),
      collection: 'sections',
      id: section.id,
      baseVersion: section.version,
      data: { ...section, itemResults },
    });
    outboxes.set(officer, outbox);
    queued++;
  }
  const devices: { api: ApiClient; mutations: Mutation[] }[] = [];
  for (const [officer, mutations] of outboxes) {
    let token: string | null = null;
    const api = new ApiClient({ baseUrl: url, getToken: () => token });
    token = (
      await api.call('auth.login', { body: { username: officer.username, password: DEMO_PASSWORD, deviceId: `bench-${officer.id}` } })
    ).token;
    devices.push({ api, mutations });
  }
  let applied = 0;
  const started = performance.now();
  for (const { api, mutations } of devices) {
    for (let i = 0; i < mutations.length; i += PUSH_MAX_MUTATIONS) {
      const { results } = await api.call('sync.push', {
        body: { deviceId: 'bench-device', mutations: mutations.slice(i, i + PUSH_MAX_MUTATIONS) },
      });
      applied += results.filter((r) => r.status === 'applied').length;
    }
  }
  return { ms: performance.now() - started, mutations: queued, applied };
}

/**
 * A throw-away database seeded with the dataset. `BENCH_SYNC_SEEDED=<folder>` keeps the seeded database's files there
 * (a folder per size) and later runs copy them instead of seeding again, half an hour at 1,000,000 profiles: for runs of
 * the same seeding code only (the folder is not checked against it).
 */
async function seededDatabase(): Promise<{ database: OpenedDatabase; demo: DemoDataset; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onevisit-bench-sync-'));
  const demo = generateDemoData({ seed: 'onevisit-bench', enterpriseCount: PROFILES, taskCount: TASKS }, loadDistrictOutlines());
  const kept = process.env.BENCH_SYNC_SEEDED && path.join(process.env.BENCH_SYNC_SEEDED, `${PROFILES}-profiles-${TASKS}-tasks`);
  if (kept && existsSync(kept)) {
    console.log(`copying the seeded database from ${kept} …`);
    cpSync(kept, dataDir, { recursive: true });
    return { database: await openDatabase({ dataDir }), demo, dataDir };
  }
  const database = await openDatabase({ dataDir });
  console.log(`seeding ${PROFILES.toLocaleString('en')} profiles and ${TASKS.toLocaleString('en')} tasks …`);
  // Every profile goes through the intake: a million take about half an hour on this machine. Its progress, every 100,000.
  const started = performance.now();
  await seedDatabase(database.db, demo, ({ stage, done }) => {
    if (stage === 'enterprises' && done % 100_000 === 0)
      console.log(`  ${done.toLocaleString('en')} seeded after ${Math.round((performance.now() - started) / 1000)} s`);
  });
  if (!kept) return { database, demo, dataDir };
  await database.close();
  cpSync(dataDir, kept, { recursive: true });
  return { database: await openDatabase({ dataDir }), demo, dataDir };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** The machine, with its load average when the run ended: other work on it slows every figure. */
const machineInfo = () => ({
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
});

function writeResult(name: string, machine: ReturnType<typeof machineInfo>, result: object): void {
  mkdirSync('bench-results', { recursive: true });
  const file = path.join('bench-results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, result }, null, 2)}\n`);
  console.log(`written ${file}`);
}

const pushRow = (push: { mutations: number; applied: number; ms: number }) => ({
  measure: `push of ${push.mutations} queued section mutations (PGlite)`,
  value: `${push.ms} ms (${push.applied} applied)`,
  target: '≤ 5000 ms',
});

/** `BENCH_SYNC_ONLY=push`: the push part alone, against the endpoint in node (no build, no browser). */
async function pushOnly(): Promise<void> {
  const { database, demo, dataDir } = await seededDatabase();
  try {
    const app = await buildApp({ database });
    const url = await listen(app);
    console.log('push of 1,000 queued section mutations …');
    const push = await pushSections(url, demo);
    const result = { profiles: PROFILES, tasks: TASKS, push: { ...push, ms: round(push.ms) } };
    const machine = machineInfo();
    console.log(`\nPush (${machine.cpus}, ${machine.memoryGiB} GiB, load average ${machine.loadAverage.join(' ')})`);
    console.table([pushRow(result.push)]);
    writeResult('sync-push', machine, result);
    await app.close();
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { database, demo, dataDir } = await seededDatabase();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const floorServer = createServer();
  try {
    const app = await buildApp({ database, webRoot: 'out/renderer' });
    const url = await listen(app);

    // The same profiles the supervisor pulls, as one document for the floor.
    let token: string | null = null;
    const api = new ApiClient({ baseUrl: url, getToken: () => token });
    token = (await api.call('auth.login', { body: { username: USER, password: DEMO_PASSWORD, deviceId: 'bench-node' } })).token;
    // Only what the later steps use is kept of the profiles: a million of them would not fit in one JSON string.
    const profiles: Pick<Enterprise, 'id' | 'name'>[] = [];
    const floorParts: Buffer[] = [];
    let floorPart: string[] = [];
    const endFloorPart = () => {
      floorParts.push(gzipSync(`[${floorPart.join(',')}]`));
      floorPart = [];
    };
    let totalChanges = 0;
    // Timed: what the endpoint needs to serve every page to a client that only reads them (no validation, no storage).
    const serverStarted = performance.now();
    for (let cursor = ''; ;) {
      const page = await api.pull({ cursor, limit: PAGE, include: 'corrections' }, { checkChanges: false });
      totalChanges += page.changes.length;
      for (const change of page.changes) {
        if (change.collection !== 'enterprises' || change.op !== 'upsert') continue;
        profiles.push({ id: change.data.id, name: change.data.name });
        floorPart.push(JSON.stringify(change.data));
        if (floorPart.length === FLOOR_PART) endFloorPart();
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const servedMs = performance.now() - serverStarted;
    if (floorPart.length > 0) endFloorPart();
    // The shared snapshot: built once for the jurisdiction (the first officer's manifest), then its chunks as any
    // officer of it downloads them, in parallel, to a client that only reads them.
    const buildStarted = performance.now();
    const manifest = await api.call('sync.snapshot', { query: { layout: SNAPSHOT_LAYOUT } });
    const snapshotBuildMs = performance.now() - buildStarted;
    const chunksStarted = performance.now();
    let snapshotBytes = 0;
    for (let i = 0; i < manifest.chunks.length; i += SNAPSHOT_DOWNLOADS) {
      const sizes = await Promise.all(
        manifest.chunks.slice(i, i + SNAPSHOT_DOWNLOADS).map(async (c) => (await api.getSnapshotChunk(c.sha256)).byteLength),
      );
      snapshotBytes += sizes.reduce((a, b) => a + b, 0);
    }
    const snapshotServedMs = performance.now() - chunksStarted;
    floorServer.on('request', (req, res) => {
      const part = floorParts[Number(/^\/profiles\/(\d+)\.json$/.exec(req.url ?? '')?.[1] ?? -1)];
      if (!part) return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>floor</title>');
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(part);
    });
    await new Promise<void>((resolve) => floorServer.listen(0, '127.0.0.1', resolve));
    const floorUrls = floorParts.map((_, i) => `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/profiles/${i}.json`);
    const newContext = async () => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        serviceWorkers: 'block',
      });
      await context.addInitScript(LONGTASKS);
      return context;
    };

    console.log('byte floor …');
    const floorContext = await newContext();
    const floor = await byteFloor(floorContext, floorUrls);
    await floorContext.close();
    const floorMs = floor.fetchParseMs + floor.writeMs;

    console.log('initial sync …');
    const context = await newContext();
    const page = await context.newPage();
    const heap = heapSampler(await context.newCDPSession(page));
    const syncTrace = await traced(page, 'sync');
    const syncStart = await signIn(page, url);
    await syncDone(page, null);
    const syncEnd = await page.evaluate<number>('performance.now()');
    await page.locator('tr[data-testid="task-row"]').first().waitFor({ timeout: TIMEOUT });
    const probe = profiles[Math.floor(profiles.length / 2)]!;
    const answered = await searchAnswers(page, probe.id);
    await syncTrace.stop();
    // On the page's clock (the sign-in's), less the time since the answer (closing the check).
    const usableMs = (await page.evaluate<number>('performance.now()')) - syncStart - (performance.now() - answered);
    const syncMs = syncEnd - syncStart;
    // The five longest, as [ms after sign-in, duration].
    const longTasks = await page.evaluate<[number, number][]>(`window.__longtasks.filter(([s]) => s >= ${syncStart} && s <= ${syncEnd})
      .sort((a, b) => b[1] - a[1]).slice(0, 5).map(([s, d]) => [Math.round(s - ${syncStart}), Math.round(d)])`);
    const longestTaskMs = longTasks[0]?.[1] ?? 0;
    // What ran in the five longest animation frames during the sync (where the browser reports them).
    const longFrames = await page.evaluate<unknown[]>(`window.__loafs.filter((f) => f.start >= ${syncStart} && f.start <= ${syncEnd})
      .sort((a, b) => b.ms - a.ms).slice(0, 5).map((f) => ({ at: Math.round(f.start - ${syncStart}), ms: Math.round(f.ms), scripts: f.scripts }))`);
    const { peakMB: peakHeapMB, peakAtMs: peakHeapAtMs, timeline: heapTimeline } = await heap.stop();

    console.log(
      `  floor ${round(floorMs)} ms; usable after ${round(usableMs)} ms; longest task ${longestTaskMs} ms; peak heap ${peakHeapMB} MB at ${round(peakHeapAtMs)} ms`,
    );
    if (process.env.BENCH_SYNC_SETTLE) await directorySnapshotWritten(page);
    console.log('lookups …');
    const cdp = await context.newCDPSession(page);
    const sample = Array.from({ length: 60 }, (_, i) => profiles[Math.floor(((i + 0.5) / 60) * profiles.length)]!);
    let lookup!: Awaited<ReturnType<typeof lookups>>;
    const lookupsCpu = await cpuProfiled(cdp, 'sync-lookups', async () => {
      lookup = await lookups(
        page,
        sample.map((p) => p.id),
        sample.map((p) => p.name.slice(2, 6)),
      );
    });

    console.log(`  ${JSON.stringify(lookup)}`);
    console.log('cold start …');
    await directorySnapshotWritten(page);
    // A reload: the web session lives in the tab's sessionStorage, the profiles in IndexedDB. Of its time, loading the
    // app until it is ready (session restored, database open), before any profile is read.
    const coldStart = async () => {
      const started = performance.now();
      await page.reload();
      await page.locator('html[data-app-ready="true"]').waitFor();
      const bootMs = performance.now() - started;
      const answered = await searchAnswers(page, profiles[profiles.length - 1]!.id);
      return { ms: answered - started, bootMs };
    };
    // The first start after the sign-in compiles every script again; Chromium keeps compiled code from the next (as
    // Electron does for app://), so the start of an app used before is the one after that.
    const firstStart = await coldStart();
    let coldBootMs = 0;
    let coldStartMs = 0;
    const coldTrace = await traced(page, 'cold');
    const coldStartCpu = await cpuProfiled(cdp, 'sync-cold-start', async () => {
      ({ ms: coldStartMs, bootMs: coldBootMs } = await coldStart());
    });
    await coldTrace.stop();
    // The page's clock restarted with the reload: what ran in its longest frames since.
    const coldFrames = await page.evaluate<unknown[]>(`window.__loafs.sort((a, b) => b.ms - a.ms).slice(0, 5)
      .map((f) => ({ at: Math.round(f.start), ms: Math.round(f.ms), scripts: f.scripts }))`);

    console.log(`  ${round(coldStartMs)} ms (ready after ${round(coldBootMs)} ms); first start ${round(firstStart.ms)} ms`);
    console.log('incremental pull after 1 % changed …');
    const changed = Math.max(1, Math.round(profiles.length / 100));
    await queryRows(
      database.db,
      sql`UPDATE enterprises SET profile_json = jsonb_set(profile_json::jsonb, '{lighthouseScore}', to_jsonb((profile_json::jsonb->>'lighthouseScore')::int + 1))::text
      WHERE uscc IN (SELECT uscc FROM enterprises ORDER BY md5(uscc) LIMIT ${changed})`,
    );
    const incrementalFrom = await page.evaluate<number>('performance.now()');
    const incrementalMs = await syncAndWait(page);
    // Where that time went: the sync's own User Timing measures (lib/timing.ts), summed per name.
    const incrementalParts = await page.evaluate<Record<string, number>>(`(() => {
      const parts = {};
      for (const m of performance.getEntriesByType('measure'))
        if (m.name.startsWith('onevisit:sync-') && m.startTime >= ${incrementalFrom})
          parts[m.name.slice(9)] = Math.round((parts[m.name.slice(9)] ?? 0) + m.duration);
      return parts;
    })()`);
    await context.close();

    console.log(`  ${round(incrementalMs)} ms`);
    console.log('interruption at 50 % …');
    const resumeContext = await newContext();
    const resumePage = await resumeContext.newPage();
    // Pull pages and snapshot chunks whose answer arrived whole before the reload, and those asked for after it (a page
    // by its cursor, a chunk by its address).
    const arrived = new Set<string>();
    const askedAfter: string[] = [];
    let reloaded = false;
    const keyOf = (u: string) => {
      if (u.includes('/api/v1/sync/pull')) return `page ${new URL(u).searchParams.get('cursor') ?? ''}`;
      return u.includes('/api/v1/sync/snapshot/chunks/') ? `chunk ${new URL(u).pathname.split('/').pop()}` : null;
    };
    resumePage.on('requestfinished', (request) => {
      const key = keyOf(request.url());
      if (key !== null && !reloaded) arrived.add(key);
    });
    resumePage.on('request', (request) => {
      const key = keyOf(request.url());
      if (key !== null && reloaded) askedAfter.push(key);
    });
    // Stored profile chunks: one per snapshot chunk, then one per pull page.
    const pages = manifest.chunks.length + Math.ceil((totalChanges - manifest.profiles) / PAGE);
    await signIn(resumePage, url);
    while ((await storedChunks(resumePage)) < pages / 2) await new Promise((resolve) => setTimeout(resolve, 50));
    reloaded = true;
    await resumePage.reload();
    await resumePage.locator('html[data-app-ready="true"]').waitFor();
    await syncAndWait(resumePage);
    const again = askedAfter.filter((key) => arrived.has(key));
    const redownloadedPages = again.filter((key) => key.startsWith('page ')).length;
    const redownloadedChunks = again.filter((key) => key.startsWith('chunk ')).length;
    await resumeContext.close();

    console.log('push of 1,000 queued section mutations …');
    const push = await pushSections(url, demo);

    const result = {
      profiles: profiles.length,
      records: totalChanges,
      tasks: TASKS,
      floor: { fetchParseMs: round(floor.fetchParseMs), writeMs: round(floor.writeMs), totalMs: round(floorMs) },
      servedMs: round(servedMs),
      snapshot: {
        chunks: manifest.chunks.length,
        profiles: manifest.profiles,
        bytes: snapshotBytes,
        buildMs: round(snapshotBuildMs),
        servedMs: round(snapshotServedMs),
      },
      syncDoneMs: round(syncMs),
      usableMs: round(usableMs),
      usableVsFloor: Math.round((usableMs / floorMs) * 10) / 10,
      coldStartMs: round(coldStartMs),
      coldBootMs: round(coldBootMs),
      firstStartMs: round(firstStart.ms),
      firstBootMs: round(firstStart.bootMs),
      longestTaskMs: round(longestTaskMs),
      peakHeapMB,
      peakHeapAtMs,
      heapTimeline,
      redownloadedPages,
      redownloadedChunks,
      pageSize: PAGE,
      longTasks,
      longFrames,
      coldFrames,
      ...(process.env.BENCH_SYNC_CPU ? { coldStartCpu, lookupsCpu } : {}),
      incremental: { changed, ms: round(incrementalMs), parts: incrementalParts },
      ...lookup,
      push: { mutations: push.mutations, applied: push.applied, ms: round(push.ms) },
    };
    const machine = machineInfo();
    console.log(`\nInitial sync, ${result.profiles.toLocaleString('en')} profiles (${machine.cpus}, ${machine.memoryGiB} GiB)`);
    console.table([
      {
        measure: 'byte floor (fetch+parse one JSON, chunked write)',
        value: `${result.floor.totalMs} ms (${result.floor.fetchParseMs} + ${result.floor.writeMs})`,
        target: '',
      },
      { measure: 'every pull page served to a bare client (node)', value: `${result.servedMs} ms`, target: '' },
      {
        measure: `snapshot built for the jurisdiction (${result.snapshot.chunks} chunks)`,
        value: `${result.snapshot.buildMs} ms`,
        target: 'once per jurisdiction',
      },
      {
        measure: `snapshot chunks served to a bare client (node, ${SNAPSHOT_DOWNLOADS} at once)`,
        value: `${result.snapshot.servedMs} ms (${Math.round(result.snapshot.bytes / 2 ** 20)} MB)`,
        target: '',
      },
      {
        measure: 'task list + search usable after initial sync',
        value: `${result.usableMs} ms (${result.usableVsFloor}× floor)`,
        target: CITY_WIDE ? '≤ 3× floor' : '≤ 2.5× floor',
      },
      {
        measure: 'cold start until search answers',
        value: `${result.coldStartMs} ms (app ready after ${result.coldBootMs} ms; scripts not yet compiled: ${result.firstStartMs} ms, ready after ${result.firstBootMs} ms)`,
        target: '≤ 600 ms',
      },
      { measure: 'longest main-thread task during sync', value: `${result.longestTaskMs} ms`, target: '≤ 100 ms' },
      {
        measure: 're-downloaded after a reload at 50 %',
        value: `${result.redownloadedChunks} snapshot chunks, ${result.redownloadedPages} pages of ${PAGE}`,
        target: `≤ the ${SNAPSHOT_DOWNLOADS} chunks in flight, ≤ 1 page`,
      },
      { measure: 'peak JS heap of the page', value: `${result.peakHeapMB} MB`, target: CITY_WIDE ? '≤ 400 MB' : '≤ 300 MB' },
      {
        measure: `incremental pull after 1 % changed (${changed})`,
        value: `${result.incremental.ms} ms (${Object.entries(result.incremental.parts)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ')})`,
        target: '≤ 1000 ms',
      },
      {
        measure: 'dossier by id, p95 (route to drawn)',
        value: `${result.dossierP95Ms} ms (first ${result.dossierFirstMs} ms)`,
        target: '≤ 50 ms',
      },
      {
        measure: 'dossier lookup by id in storage, p95',
        value: `${result.lookupByIdP95Ms} ms (first ${result.lookupByIdFirstMs} ms)`,
        target: '≤ 10 ms',
      },
      { measure: 'lookup by USCC in the check index, p95', value: `${result.lookupByUsccP95Ms} ms`, target: '≤ 10 ms' },
      pushRow(result.push),
      { measure: 'instant check p95 (typed to drawn)', value: `${result.checkP95Ms} ms`, target: '≤ 50 ms' },
    ]);
    if (process.env.BENCH_SYNC_CPU) console.log({ coldStartCpu, lookupsCpu });
    writeResult('sync', machine, result);
    await app.close();
  } finally {
    floorServer.close();
    await browser.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

(process.env.BENCH_SYNC_ONLY === 'push' ? pushOnly() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
