import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OneVisitDb } from '../data/db';
import { localDataRepository } from '../data/localDataRepository';
import { sectionsRepository } from '../data/sectionsRepository';
import { MemoryServer, section, task } from '../../../../tests/support/memoryServer';
import { openLocalPullStore, type PullStore } from '../sync/pullStore';
import { startPullWorker, workerPullStore } from '../sync/workerPullStore';
import { useSyncStore } from './syncStore';
import { freshOfficerDb } from '../../../../tests/support/officerDb';

// Node has no Web Worker: the tests that give the store one stand the worker in with the in-process store.
vi.mock('../sync/workerPullStore', () => ({ workerPullStore: vi.fn(), startPullWorker: vi.fn() }));

let db: OneVisitDb;
let server: MemoryServer;

beforeEach(async () => {
  // The machine's settings (the photo originals' retention, read after each sync) as a browser keeps them.
  const settings = new Map<string, string>();
  vi.stubGlobal('window', { localStorage: { getItem: (key: string) => settings.get(key) ?? null } });
  db = freshOfficerDb();
  server = new MemoryServer();
  server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1') });
  await useSyncStore.getState().load(db);
});

describe('sync store', () => {
  describe('with a sync worker', () => {
    const idle: (() => void)[] = [];
    beforeEach(() => {
      idle.length = 0;
      vi.mocked(workerPullStore).mockReset();
      vi.stubGlobal('Worker', class {});
      vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
      return () => {
        useSyncStore.getState().reset();
        vi.unstubAllGlobals();
      };
    });
    let local: PullStore;
    beforeEach(async () => {
      local = await openLocalPullStore(db);
    });
    const worker = (ready: Promise<void>) => ({ ...local, ready, close: vi.fn() });

    it('starts the worker once the window is idle a while after loading, and the next round uses it', async () => {
      vi.mocked(workerPullStore).mockReturnValue(worker(Promise.resolve()));
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        await useSyncStore.getState().load(db, { warmWorker: true });
        // Not while the window reads its first screens.
        vi.advanceTimersByTime(2_000);
        expect(idle).toHaveLength(0);
        vi.advanceTimersByTime(1_000);
      } finally {
        vi.useRealTimers();
      }
      expect(workerPullStore).not.toHaveBeenCalled();
      idle.forEach((callback) => callback());
      expect(workerPullStore).toHaveBeenCalledTimes(1);
      await useSyncStore.getState().run(server.bridge(), db);
      expect(useSyncStore.getState().state).toBe('done');
      expect(workerPullStore).toHaveBeenCalledTimes(1);
    });

    it('drops a warmed worker that failed to start: the round starts another', async () => {
      const broken = worker(Promise.reject(new Error('the sync worker failed: could not start')));
      broken.ready.catch(() => {});
      vi.mocked(workerPullStore).mockReturnValueOnce(broken).mockReturnValue(worker(Promise.resolve()));
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        await useSyncStore.getState().load(db, { warmWorker: true });
        vi.runAllTimers();
      } finally {
        vi.useRealTimers();
      }
      idle.forEach((callback) => callback());
      await broken.ready.catch(() => {});
      await Promise.resolve();
      expect(broken.close).toHaveBeenCalled();
      await useSyncStore.getState().run(server.bridge(), db);
      expect(useSyncStore.getState().state).toBe('done');
      expect(workerPullStore).toHaveBeenCalledTimes(2);
    });

    it('starts no worker for a warm-up planned before a sign-out', async () => {
      vi.mocked(workerPullStore).mockReturnValue(worker(Promise.resolve()));
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      try {
        await useSyncStore.getState().load(db, { warmWorker: true });
        vi.advanceTimersByTime(3_000);
      } finally {
        vi.useRealTimers();
      }
      // Signing out resets the store, then deletes the database (a wipe): a worker opening it now would hold the wipe up.
      useSyncStore.getState().reset();
      idle.forEach((callback) => callback());
      expect(workerPullStore).not.toHaveBeenCalled();
    });

    it('starts none for an officer who does not sync', async () => {
      await useSyncStore.getState().load(db);
      expect(idle).toHaveLength(0);
    });

    it('hands the worker started on the sign-in screen to the first round', async () => {
      const started = { terminate: vi.fn() } as unknown as Worker;
      vi.mocked(startPullWorker).mockReset().mockReturnValue(started);
      vi.mocked(workerPullStore).mockReturnValue(worker(Promise.resolve()));
      useSyncStore.getState().prepareWorker();
      expect(startPullWorker).not.toHaveBeenCalled();
      idle.forEach((callback) => callback());
      expect(startPullWorker).toHaveBeenCalledTimes(1);
      await useSyncStore.getState().load(db, { warmWorker: true });
      await useSyncStore.getState().run(server.bridge(), db);
      expect(useSyncStore.getState().state).toBe('done');
      expect(workerPullStore).toHaveBeenCalledTimes(1);
      expect(workerPullStore).toHaveBeenCalledWith(db, started);
      expect(started.terminate).not.toHaveBeenCalled();
    });

    it('ends the worker started on the sign-in screen for an officer who does not sync', async () => {
      const started = { terminate: vi.fn() } as unknown as Worker;
      vi.mocked(startPullWorker).mockReset().mockReturnValue(started);
      useSyncStore.getState().prepareWorker();
      idle.forEach((callback) => callback());
      await useSyncStore.getState().load(db);
      expect(started.terminate).toHaveBeenCalled();
      expect(workerPullStore).not.toHaveBeenCalled();
    });
  });

  it('reports done with the last-synced time, which survives a reload of the store', async () => {
    await useSyncStore.getState().run(server.bridge(), db);
    const { state, lastSyncedAt } = useSyncStore.getState();
    expect(state).toBe('done');
    expect(lastSyncedAt).not.toBeNull();
    useSyncStore.getState().reset();
    await useSyncStore.getState().load(db);
    expect(useSyncStore.getState().lastSyncedAt).toBe(lastSyncedAt);
  });

  it('reports an unreachable server as a network error and keeps local data', async () => {
    await useSyncStore.getState().run(server.bridge(), db);
    server.offline = true;
    await useSyncStore.getState().run(server.bridge(), db);
    expect(useSyncStore.getState()).toMatchObject({ state: 'error', error: { kind: 'network' } });
    expect(await db.tasks.count()).toBe(1);
  });

  it('on a revoked device, still pushes the queued work, then reports device_revoked with nothing left unsent', async () => {
    server.upsertSection(section('s-1'));
    await useSyncStore.getState().run(server.bridge(), db);
    const stored = (await db.sections.get('s-1'))!;
    await sectionsRepository(db).saveDraft({ ...stored, itemResults: [{ checkItemId: 'ci-1', outcome: 'compliant', note: '' }] });
    expect(await localDataRepository(db).unsent()).toEqual({ changes: 1, attachments: 0 });
    server.revoked = true;
    await useSyncStore.getState().run(server.bridge(), db);
    expect(useSyncStore.getState()).toMatchObject({ state: 'error', error: { kind: 'device_revoked' } });
    expect(server.sections.get('s-1')?.itemResults).toHaveLength(1);
    expect(await localDataRepository(db).unsent()).toEqual({ changes: 0, attachments: 0 });
  });

  it('runs one sync at a time', async () => {
    const first = useSyncStore.getState().run(server.bridge(), db);
    const second = useSyncStore.getState().run(server.bridge(), db);
    await Promise.all([first, second]);
    expect(server.pullCalls).toHaveLength(1);
  });
});
