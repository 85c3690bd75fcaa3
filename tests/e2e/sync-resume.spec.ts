/// <reference lib="dom" />
// An initial sync cut short by a page reload resumes from what it stored and ends with every profile of the officer's
// jurisdiction; what the reload cost again is at most the snapshot chunks in flight and the one page in flight.
import type { Page } from '@playwright/test';
import { SNAPSHOT_DOWNLOADS } from '@shared/sync/protocol';
import { SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { pullAll } from './support/api';
import { startEndpoint } from './support/endpoint';

const PAGE = 1000;

/** Profiles stored on the device, read straight from IndexedDB: the live epoch's chunks, later ones overriding. */
function storedProfiles(page: Page, officerId: string): Promise<{ chunks: number; profiles: number }> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const meta = await all<{ key: string; value: string }>('meta');
    const epoch = Number(meta.find((m) => m.key === 'profileEpoch')?.value ?? 0);
    const chunks = (await all<{ id: number; epoch: number; columns: { id: string[] }; deleted: string[] }>('directoryChunks')).filter(
      (c) => c.epoch === epoch,
    );
    const ids = new Set<string>();
    for (const chunk of chunks.sort((a, b) => a.id - b.id)) {
      for (const id of chunk.deleted) ids.delete(id);
      for (const id of chunk.columns.id) ids.add(id);
    }
    db.close();
    return { chunks: chunks.length, profiles: ids.size };
  }, `onevisit-${officerId}`);
}

test.use({ serviceWorkers: 'block' });

test('an initial sync interrupted by a reload resumes and ends with the whole jurisdiction', async ({ page }) => {
  test.setTimeout(240_000);
  const endpoint = await startEndpoint({ demoSize: 6_000 });
  try {
    const { api, officer } = await endpoint.signIn('inspector01');
    const changes = await pullAll(api);
    const profiles = new Set(changes.filter((c) => c.collection === 'enterprises').map((c) => c.id));
    expect(profiles.size).toBeGreaterThan(3 * PAGE);
    // The jurisdiction's shared snapshot (built now, as for the first officer of it); the pull brings the rest.
    const snapshot = await api.call('sync.snapshot', { query: { layout: SNAPSHOT_LAYOUT } });
    expect(snapshot.chunks.length).toBeGreaterThan(2);

    const received: number[] = [];
    page.on('response', (response) => {
      if (!response.url().includes('/api/v1/sync/pull')) return;
      response.json().then(
        (body: { changes: unknown[] }) => received.push(body.changes.length),
        () => {},
      );
    });
    const chunkRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/sync/snapshot/chunks/')) chunkRequests.push(new URL(request.url()).pathname);
    });
    // A slow network, one answer at a time; past the first two chunks it holds every answer until the reload has been
    // measured, so the reload surely lands in the middle of the sync that signing in starts, on a machine of any speed.
    const isSync = (url: URL) => url.pathname.endsWith('/api/v1/sync/pull') || url.pathname.includes('/api/v1/sync/snapshot/chunks/');
    let line = Promise.resolve();
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let chunksLetThrough = 0;
    await page.route(isSync, async (route) => {
      const isChunk = route.request().url().includes('/api/v1/sync/snapshot/chunks/');
      const held = !isChunk || chunksLetThrough >= 2;
      if (isChunk && !held) chunksLetThrough += 1;
      if (held) await gate;
      const turn = line.then(() => new Promise<void>((resolve) => setTimeout(resolve, 400)));
      line = turn;
      await turn;
      await route.continue().catch(() => {});
    });
    await openApp(page, endpoint.url);
    await signIn(page, 'inspector01');
    await expect.poll(async () => (await storedProfiles(page, officer.id)).chunks, { intervals: [50] }).toBeGreaterThanOrEqual(2);
    await page.reload();
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
    const before = await storedProfiles(page, officer.id);
    expect(before.profiles).toBeLessThan(profiles.size);
    openGate();
    await page.unroute(isSync);

    await syncNow(page);
    expect((await storedProfiles(page, officer.id)).profiles).toBe(profiles.size);
    expect(received.reduce((a, b) => a + b, 0) - (changes.length - snapshot.profiles)).toBeLessThanOrEqual(PAGE);
    expect(chunkRequests.length - new Set(chunkRequests).size).toBeLessThanOrEqual(SNAPSHOT_DOWNLOADS);
    // The app reads them: the instant check finds a profile that arrived after the reload.
    await page.getByTestId('instant-check-open').click();
    await expect(page.getByTestId('instant-check')).toHaveAttribute('data-ready', 'true');
    const last = changes.filter((c) => c.collection === 'enterprises').at(-1)!;
    await page.getByTestId('instant-check-input').fill(last.id);
    await expect(page.getByTestId('check-result')).toHaveAttribute('data-uscc', last.id);
  } finally {
    await endpoint.stop();
  }
});
