// Map benchmark (npm run bench:map): with 20,000 and 100,000 tasks on the machine, how long from opening the map to
// clustered markers drawn (targets ≤ 500 ms at 20,000 and ≤ 800 ms at 100,000), and the longest frame while zooming and
// panning (≤ 50 ms).
// Headless Chromium against a real endpoint; the tasks are written straight into the officer's IndexedDB (a sync of
// that size is measured elsewhere), spread over Yantai's districts. Prints a table and writes bench-results/map.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../playwright.config';
import { startEndpoint } from '../e2e/support/endpoint';
import { PROFILE_BLOCK } from '@shared/sync/snapshotChunk';

// 0 tasks: the floor of the same run, the base map alone (outlines and labels), to read the frame figures against
// (headless Chromium without a GPU paints in software, so the base map's frames are far from free on a small machine).
const SIZES = (process.env.BENCH_MAP_SIZES ?? '0,20000,100000').split(',').map(Number);
/** Open targets by number of tasks, as issue 14 states them. */
const TARGET_OPEN_MS: Record<number, number> = { 20_000: 500, 100_000: 800 };
const TARGET_FRAME_MS = 50;
/** BENCH_MAP_TRACE=1: also record a Chrome trace of each open (bench-results/map-open-<tasks>.trace.json, for DevTools' Performance panel). */
const TRACE = process.env.BENCH_MAP_TRACE === '1';
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

/** Writes `count` tasks and their enterprises into the signed-in officer's database, in the page. */
async function fillDatabase(page: Page, officerId: string, count: number): Promise<void> {
  // Page-side code as text: tsx would wrap inline functions in helpers the page does not have.
  await page.evaluate(`(async () => {
    const officerId = ${JSON.stringify(officerId)};
    const count = ${count};
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('onevisit-' + officerId);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const districts = ['370602', '370611', '370612', '370613', '370614', '370681', '370682', '370683', '370685', '370686', '370687'];
    const statuses = ['assigned', 'in_progress', 'completed'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    // Profiles as the app stores them (see data/db.ts): one directory chunk per 5,000, its entries as columns (entry i at
    // index i), and their profile blocks.
    for (let start = 0, chunk = 1000000; start < count; start += 5000, chunk++) {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['tasks', 'directoryChunks', 'profileBlocks'], 'readwrite');
        const n = Math.min(count, start + 5000) - start;
        const columns = {
          id: [], name: [], initials: [], districtCode: [], industry: [], riskClass: new Uint8Array(n), flags: new Uint8Array(n),
          penalties: new Uint32Array(n), disputedPenalties: new Uint32Array(n), lng: new Float64Array(n), lat: new Float64Array(n),
        };
        const texts = [];
        for (let i = start; i < start + n; i++) {
          const id = 'bench-' + i;
          const location = { lng: 119.6 + random() * 2.0, lat: 36.7 + random() * 1.1 };
          const profile = { id, uscc: id, name: '基准企业' + i, districtCode: districts[i % districts.length], riskClass: 'ABCDE'[i % 5], location };
          columns.id.push(id);
          columns.name.push(profile.name);
          columns.initials.push('JZQY');
          columns.districtCode.push(profile.districtCode);
          columns.industry.push('批发和零售业');
          columns.riskClass[i - start] = profile.riskClass.charCodeAt(0);
          columns.lng[i - start] = location.lng;
          columns.lat[i - start] = location.lat;
          texts.push(JSON.stringify(profile));
          tx.objectStore('tasks').put({
            id, planId: 'bench-plan', enterpriseId: id, departmentIds: ['dept-amr'], officerIds: [officerId, 'x'],
            dueDate: '2026-12-31', status: statuses[i % 3],
          });
        }
        tx.objectStore('directoryChunks').put({ id: chunk, epoch: 0, columns, size: n, deleted: [] });
        for (let block = 0; block * ${PROFILE_BLOCK} < texts.length; block++)
          tx.objectStore('profileBlocks').put({ chunk, block, epoch: 0, texts: texts.slice(block * ${PROFILE_BLOCK}, (block + 1) * ${PROFILE_BLOCK}) });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
  })()`);
}

async function measure(page: Page, url: string, size: number) {
  await page.goto(`${url}/#/`);
  await page.reload();
  await page.locator('html[data-app-ready="true"]').waitFor({ state: 'attached' });
  // The app opens on the task list, which reads every task too: open the map once that is shown, not while it loads.
  if (size > 0) await page.getByTestId('task-row').first().waitFor({ timeout: 120_000 });
  // Open the map and time it, in the page, to the base map (outlines) and to the clustered markers being drawn.
  if (TRACE) await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
  const started = await page.evaluate<number>(`(() => {
    window.mapTimes_ = {};
    new MutationObserver(() => {
      const map = document.querySelector('[data-testid="task-map"]');
      if (map?.dataset.outlines) window.mapTimes_.base ??= performance.now();
      if (map?.dataset.state === 'ready') window.mapTimes_.ready ??= performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-outlines', 'data-state'] });
    return performance.now();
  })()`);
  await page.getByTestId('nav-map').click();
  await page.locator('[data-testid="task-map"][data-state="ready"]').waitFor({ timeout: 120_000 });
  const times = await page.evaluate<{ base: number; ready: number }>('window.mapTimes_');
  const openMs = times.ready - started;
  if (TRACE) writeFileSync(`bench-results/map-open-${size}.trace.json`, await page.context().browser()!.stopTracing());
  const points = Number(await page.getByTestId('task-map').getAttribute('data-points'));
  // Of which: the page waiting for its tasks (nothing when the task list, which shares them, has read them), clustering
  // them in the worker for the first view, and drawing it (the rest is loading and rendering the page, the base map,
  // filtering and handing the points to the worker).
  const attribute = async (testId: string, name: string) => Number(await page.getByTestId(testId).getAttribute(name));
  const loadMs = await attribute('map-page', 'data-load-ms');
  const indexMs = await attribute('task-map', 'data-index-ms');
  const drawMs = await attribute('task-map', 'data-draw-ms');

  // Record every frame while zooming in and out with the wheel and panning by dragging.
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.recording_ = true;
    let last = performance.now();
    const tick = (now) => {
      window.frames_.push(now - last);
      last = now;
      if (window.recording_) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const box = (await page.getByTestId('task-map').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(350);
  }
  for (let i = 0; i < 3; i++) {
    await page.mouse.down();
    await page.mouse.move(cx + 200, cy + 120, { steps: 12 });
    await page.mouse.up();
    await page.mouse.down();
    await page.mouse.move(cx, cy, { steps: 12 });
    await page.mouse.up();
  }
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(350);
  }
  const frames = await page.evaluate<number[]>('(window.recording_ = false, window.frames_.slice(1))');
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    tasks: size,
    points,
    openMs: Math.round(openMs),
    openTargetMs: TARGET_OPEN_MS[size] ?? null,
    baseMapMs: Math.round(times.base - started),
    loadMs,
    indexMs,
    drawMs,
    longestFrameMs: Math.round(sorted.at(-1) ?? 0),
    p95FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    frames: frames.length,
  };
}

async function main() {
  mkdirSync('bench-results', { recursive: true });
  const endpoint = await startEndpoint({ demoSize: 1000 });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const results = [];
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto(endpoint.url);
      await page.getByTestId('login-username').fill('supervisor01');
      await page.getByTestId('login-password').fill('demo1234');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('sync-button').waitFor();
      await fillDatabase(page, 'off-supervisor01', size);
      results.push(await measure(page, endpoint.url, size));
      await context.close();
    }
  } finally {
    await browser.close();
    await endpoint.stop();
  }
  console.table(
    results.map((r) => ({
      ...r,
      open: r.openTargetMs === null ? '' : r.openMs <= r.openTargetMs ? 'ok' : 'MISSED',
      frameTargetMs: TARGET_FRAME_MS,
      frame: r.longestFrameMs <= TARGET_FRAME_MS ? 'ok' : 'MISSED',
    })),
  );
  // Timings on a shared machine are read against its load.
  const loadAverage = loadavg().map((l) => Number(l.toFixed(2)));
  console.log(`load average ${loadAverage.join(', ')}`);
  writeFileSync(
    'bench-results/map.json',
    JSON.stringify(
      { measuredAt: new Date().toISOString(), loadAverage, targets: { openMs: TARGET_OPEN_MS, frameMs: TARGET_FRAME_MS }, results },
      null,
      2,
    ),
  );
}

await main();
