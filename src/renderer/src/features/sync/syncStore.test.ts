import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOfficerDatabase, type OneVisitDb } from '../../data/db';
import { MemoryServer, task } from '../../testing/memoryServer';
import { useSyncStore } from './syncStore';

let db: OneVisitDb;
let server: MemoryServer;

beforeEach(async () => {
  db = openOfficerDatabase(`test-${crypto.randomUUID()}`);
  server = new MemoryServer();
  server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1') });
  await useSyncStore.getState().load(db);
});
afterEach(async () => {
  await db.delete();
});

describe('sync store', () => {
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

  it('runs one sync at a time', async () => {
    const first = useSyncStore.getState().run(server.bridge(), db);
    const second = useSyncStore.getState().run(server.bridge(), db);
    await Promise.all([first, second]);
    expect(server.pullCalls).toHaveLength(1);
  });
});
