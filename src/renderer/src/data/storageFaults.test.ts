// A full disk or an exceeded quota while an edit is saved (autosave, completion) or while a sync writes what it pulled:
// the failure is told apart as a storage fault, nothing saved before is lost, and the same write succeeds once there
// is room again.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OneVisitDb } from './db';
import { sectionsRepository } from './sectionsRepository';
import { pullRepository } from './pullRepository';
import { AS_OFF1, completionEvidence, MemoryServer, section } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { syncNow } from '../sync/syncNow';
import { errorKind } from '../platform/errors';

const quotaExceeded = () => new DOMException('the quota has been exceeded', 'QuotaExceededError');

let db: OneVisitDb;
let server: MemoryServer;
beforeEach(async () => {
  db = freshOfficerDb();
  server = new MemoryServer();
  server.upsertSection(section('sec-1'));
  await syncNow(server.bridge(), db);
});
afterEach(() => vi.restoreAllMocks());

describe('storage faults', () => {
  it.each(['autosave', 'completion'] as const)('during %s: a storage fault, the saved record kept, the write retried', async (when) => {
    const repo = sectionsRepository(db);
    const before = (await db.sections.get('sec-1'))!;
    const edited = {
      ...before,
      itemResults: before.checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'compliant' as const, note: '' })),
      ...completionEvidence('烟台市芝罘区'),
    };
    const write = () => (when === 'autosave' ? repo.saveDraft(edited) : repo.complete(edited, AS_OFF1));
    vi.spyOn(db.outbox, 'add').mockRejectedValueOnce(quotaExceeded());

    const failure = await write().then(
      () => null,
      (error: unknown) => error,
    );
    expect(errorKind(failure)).toBe('storage_full');
    // Nothing half-written: the record and the outbox are as they were.
    expect(await db.sections.get('sec-1')).toEqual(before);
    expect(await db.outbox.count()).toBe(0);

    // The disk has room again: the same write goes through, and the next sync sends it.
    await write();
    expect((await db.sections.get('sec-1'))!.status).toBe(when === 'autosave' ? 'draft' : 'completed');
    await syncNow(server.bridge(), db);
    expect(server.sections.get('sec-1')!.status).toBe(when === 'autosave' ? 'draft' : 'completed');
  });

  it('during a sync write: the round fails as a storage fault, queued work and the cursor stay, the next round finishes', async () => {
    const local = (await db.sections.get('sec-1'))!;
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'no_problem_found' });
    server.upsertSection(section('sec-2'));
    const cursor = await pullRepository(db).cursor();
    // The page's last write, the cursor, fails: the page's records go with it (one transaction).
    vi.spyOn(db.meta, 'put').mockRejectedValueOnce(quotaExceeded());

    const failure = await syncNow(server.bridge(), db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(errorKind(failure)).toBe('storage_full');
    expect(await db.sections.get('sec-2')).toBeUndefined();
    expect(await pullRepository(db).cursor()).toBe(cursor);
    expect((await db.sections.get('sec-1'))!.resultCategory).toBe('no_problem_found');

    await syncNow(server.bridge(), db);
    expect(await db.sections.get('sec-2')).toBeDefined();
    expect(server.sections.get('sec-1')!.resultCategory).toBe('no_problem_found');
  });
});
