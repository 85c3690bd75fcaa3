import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api/client';
import { SNAPSHOT_DOWNLOADS, type Mutation } from '@shared/sync/protocol';
import type { OneVisitDb } from '../data/db';
import { sectionSyncInfo, sectionsRepository } from '../data/sectionsRepository';
import { outboxRepository } from '../data/outboxRepository';
import { pullRepository } from '../data/pullRepository';
import { tasksRepository } from '../data/tasksRepository';
import { AS_OFF1, completionEvidence, enterprise, MemoryServer, section, task } from '../../../../tests/support/memoryServer';
import { directorySnapshotSettled, enterpriseDirectory } from '../data/enterpriseDirectory';
import { activeProfileEpoch } from '../data/profileStore';
import { syncNow, type SyncProgress } from './syncNow';
import { freshOfficerDb, storedProfileChunks } from '../../../../tests/support/officerDb';

let db: OneVisitDb;
let server: MemoryServer;

beforeEach(() => {
  db = freshOfficerDb();
  server = new MemoryServer();
});

/** The bridge, but its nth pull (from 1) fails as a dropped connection. */
function pullFailingAt(bridge: ReturnType<MemoryServer['bridge']>, n: number) {
  let pulls = 0;
  return {
    ...bridge,
    pull: async (q: Parameters<typeof bridge.pull>[0]) => {
      if (++pulls === n) throw Object.assign(new Error('connection reset'), { kind: 'network' });
      return bridge.pull(q);
    },
  };
}

async function syncedSection(id = 'sec-1') {
  server.upsertSection(section(id));
  await syncNow(server.bridge(), db);
  return (await db.sections.get(id))!;
}

describe('pull', () => {
  it('pulls every page, persists the cursor after each page and reports progress', async () => {
    for (let i = 0; i < 25; i++) server.record({ op: 'upsert', collection: 'tasks', id: `t-${i}`, data: task(`t-${i}`) });
    const progress: SyncProgress[] = [];
    const cursors: string[] = [];
    // Reported once a page is written; the next page is already being fetched by then.
    const result = await syncNow(
      server.bridge(),
      db,
      (p) => {
        progress.push(p);
        if (p.phase === 'pull')
          void pullRepository(db)
            .cursor()
            .then((c) => cursors.push(c));
      },
      { pullPageSize: 10 },
    );

    expect(await db.tasks.count()).toBe(25);
    expect(result).toMatchObject({ pulled: 25, pages: 3 });
    expect(cursors).toEqual(['10', '20', '25']);
    expect(await pullRepository(db).cursor()).toBe('25');
    expect(progress.filter((p) => p.phase === 'pull').map((p) => [p.pulled, p.pages])).toEqual([
      [10, 1],
      [20, 2],
      [25, 3],
    ]);
    // The total comes from the server's count on the first page; bytes add up page by page.
    expect(progress.filter((p) => p.phase === 'pull').map((p) => p.expected)).toEqual([25, 25, 25]);
    expect(server.pullCalls.map((q) => q.remaining)).toEqual(['1', undefined, undefined]);
    const bytes = progress.filter((p) => p.phase === 'pull').map((p) => p.bytes);
    expect(bytes[0]).toBeGreaterThan(0);
    expect(bytes[2]).toBeGreaterThan(bytes[1]!);
    expect(bytes[1]).toBeGreaterThan(bytes[0]!);
    expect(await pullRepository(db).lastSyncedAt()).toBe(result.lastSyncedAt);
  });

  it('keeps the pages already written when a later page fails, and resumes from there', async () => {
    for (let i = 0; i < 15; i++) server.record({ op: 'upsert', collection: 'tasks', id: `t-${i}`, data: task(`t-${i}`) });
    const bridge = server.bridge();
    const flaky = pullFailingAt(bridge, 3);
    await expect(syncNow(flaky, db, undefined, { pullPageSize: 5 })).rejects.toMatchObject({ kind: 'network' });
    expect(await pullRepository(db).cursor()).toBe('10');
    expect(await db.tasks.count()).toBe(10);
    expect(await pullRepository(db).lastSyncedAt()).toBeNull();

    await syncNow(bridge, db, undefined, { pullPageSize: 5 });
    expect(await db.tasks.count()).toBe(15);
    expect(server.pullCalls.slice(2).map((q) => q.cursor)).toEqual(['10']);
  });

  it('applies deletes and lets the last change of a record in a page win', async () => {
    server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1') });
    server.record({ op: 'upsert', collection: 'tasks', id: 't-2', data: task('t-2') });
    await syncNow(server.bridge(), db);
    server.record({ op: 'delete', collection: 'tasks', id: 't-1' });
    server.record({ op: 'delete', collection: 'tasks', id: 't-2' });
    server.record({ op: 'upsert', collection: 'tasks', id: 't-2', data: task('t-2', { status: 'in_progress' }) });
    await syncNow(server.bridge(), db);
    expect(await db.tasks.get('t-1')).toBeUndefined();
    expect((await db.tasks.get('t-2'))!.status).toBe('in_progress');
  });

  it('does not clobber a section with a pending local edit, but follows the server-owned structure', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'problem_pending' });
    // A pull on its own (no push before it), as when someone else wrote the section meanwhile.
    server.bumpSection('sec-1', { resultCategory: 'no_problem_found', checkItemIds: ['ci-1', 'ci-2', 'ci-3'] });
    await pullRepository(db).applyPullPage(await server.bridge().pull({ cursor: await pullRepository(db).cursor() }));

    const stored = (await db.sections.get('sec-1'))!;
    expect(stored.resultCategory).toBe('problem_pending');
    expect(stored.checkItemIds).toEqual(['ci-1', 'ci-2', 'ci-3']);
    expect(stored.version).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('push', () => {
  it('pushes first, removes acknowledged mutations and takes the returned version', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'no_problem_found' });
    const result = await syncNow(server.bridge(), db);

    expect(result.acknowledged).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.sections.get('sec-1'))!).toMatchObject({ version: 2, resultCategory: 'no_problem_found' });
    expect(server.sections.get('sec-1')!.resultCategory).toBe('no_problem_found');
  });

  it('keeps the mutation when the server cannot be reached and sends it again later (duplicate is an ack)', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'no_problem_found' });
    server.offline = true;
    await expect(syncNow(server.bridge(), db)).rejects.toMatchObject({ kind: 'network' });
    const waiting = await db.outbox.toArray();
    expect(waiting).toHaveLength(1);
    expect(sectionSyncInfo(waiting).state).toBe('queued');

    // The server applied it once already (the answer was lost): the resend comes back as a duplicate.
    server.offline = false;
    server.seenMutations.set(waiting[0]!.mutationId, 2);
    server.bumpSection('sec-1', { resultCategory: 'no_problem_found' });
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.sections.get('sec-1'))!.version).toBe(2);
  });

  it('sends an edit made while a push was out on top of the version the server returned', async () => {
    const local = await syncedSection();
    const repo = sectionsRepository(db);
    await repo.saveDraft({ ...local, resultCategory: 'no_problem_found' });
    await outboxRepository(db).takeBatch(500); // the first push goes out ...
    await repo.saveDraft({
      ...local,
      resultCategory: 'problem_pending',
      itemResults: [{ checkItemId: 'ci-1', outcome: 'non_compliant', note: '过期' }],
    });
    await syncNow(server.bridge(), db); // ... and is sent again, then the second follows

    expect(await db.outbox.count()).toBe(0);
    expect(server.sections.get('sec-1')).toMatchObject({ version: 3, resultCategory: 'problem_pending' });
    expect(server.pushCalls.every((batch) => new Set(batch.map((m) => m.id)).size === batch.length)).toBe(true);
  });

  it('on conflict keeps the local edit and records the server copy; resolving re-sends on the server version', async () => {
    const local = await syncedSection();
    const repo = sectionsRepository(db);
    await repo.saveDraft({ ...local, resultCategory: 'problem_pending' });
    server.bumpSection('sec-1', { resultCategory: 'no_problem_found' });
    const result = await syncNow(server.bridge(), db);

    expect(result.conflicts).toBe(1);
    const entries = await db.outbox.toArray();
    expect(sectionSyncInfo(entries)).toEqual({ state: 'conflict', serverVersion: 2 });
    expect((await db.sections.get('sec-1'))!.resultCategory).toBe('problem_pending');

    // A second sync neither resends the held mutation nor overwrites the draft.
    const pushes = server.pushCalls.length;
    await syncNow(server.bridge(), db);
    expect(server.pushCalls.length).toBe(pushes);
    expect((await db.sections.get('sec-1'))!.resultCategory).toBe('problem_pending');

    await repo.resolveConflict('sec-1', 'keep_local');
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
    expect(server.sections.get('sec-1')).toMatchObject({ version: 3, resultCategory: 'problem_pending' });
  });

  it('resolving a conflict by taking the server copy drops the local edit', async () => {
    const local = await syncedSection();
    const repo = sectionsRepository(db);
    await repo.saveDraft({ ...local, resultCategory: 'problem_pending' });
    server.bumpSection('sec-1', { resultCategory: 'no_problem_found' });
    await syncNow(server.bridge(), db);
    await repo.resolveConflict('sec-1', 'take_server');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.sections.get('sec-1'))!).toMatchObject({ version: 2, resultCategory: 'no_problem_found' });
  });

  it('keeps a rejected mutation with the reasons, and a correction replaces it', async () => {
    const local = await syncedSection();
    const repo = sectionsRepository(db);
    await repo.saveDraft(local);
    // Make the queued data invalid for the server (an item outside the section) behind the repository's back.
    const entry = (await db.outbox.toArray())[0]!;
    await db.outbox.put({
      ...entry,
      payload: {
        ...entry.payload,
        data: { ...entry.payload.data, itemResults: [{ checkItemId: 'zz', outcome: 'compliant', note: '' }] },
      } as Mutation,
    });
    const result = await syncNow(server.bridge(), db);

    expect(result.rejected).toBe(1);
    const held = await db.outbox.toArray();
    expect(sectionSyncInfo(held)).toEqual({ state: 'rejected', errors: ['unknown_check_item'] });

    await repo.saveDraft({ ...local, resultCategory: 'no_problem_found' });
    const replaced = await db.outbox.toArray();
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.mutationId).not.toBe(entry.mutationId);
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
    expect(server.sections.get('sec-1')!.resultCategory).toBe('no_problem_found');
  });

  /** Sections sec-0 … sec-(n-1) on this machine, each with an edit queued. */
  async function queuedEdits(n: number) {
    for (let i = 0; i < n; i++) server.upsertSection(section(`sec-${i}`));
    await syncNow(server.bridge(), db);
    for (const s of await db.sections.toArray()) await sectionsRepository(db).saveDraft({ ...s, resultCategory: 'no_problem_found' });
  }

  it('holds a mutation the endpoint failed to store apart, with its reason, while the others flow; sent again, it applies', async () => {
    await queuedEdits(4);
    server.failingSections.add('sec-2');
    const result = await syncNow(server.bridge(), db);
    expect(result).toMatchObject({ acknowledged: 3, rejected: 1, failed: 1 });
    const [held] = await db.outbox.toArray();
    expect(held).toMatchObject({ recordId: 'sec-2', hold: 'rejected', failed: true, errors: ['storage fault'] });
    // Nothing is dropped: the local edit stays, and a later round does not send it on its own.
    expect((await db.sections.get('sec-2'))!.resultCategory).toBe('no_problem_found');
    const calls = server.pushCalls.length;
    await syncNow(server.bridge(), db);
    expect(server.pushCalls.slice(calls).flat()).toEqual([]);

    server.failingSections.clear();
    await outboxRepository(db).sendAgain(held!.mutationId);
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
    expect(server.sections.get('sec-2')!.resultCategory).toBe('no_problem_found');
  });

  it('splits a batch the endpoint refuses as invalid until the refused mutation stands alone; the rest flows', async () => {
    await queuedEdits(5);
    server.invalidSections.add('sec-3');
    const result = await syncNow(server.bridge(), db);
    expect(result).toMatchObject({ acknowledged: 4, rejected: 1, failed: 0 });
    const held = await db.outbox.toArray();
    expect(held).toEqual([
      expect.objectContaining({ recordId: 'sec-3', hold: 'rejected', errors: [expect.stringMatching(/refused text/)] }),
    ]);
    expect(sectionSyncInfo(held).state).toBe('rejected');
    for (const id of ['sec-0', 'sec-1', 'sec-2', 'sec-4']) expect(server.sections.get(id)!.resultCategory).toBe('no_problem_found');
  });

  it('keeps every queued edit when the endpoint says the app is too old', async () => {
    await queuedEdits(2);
    const bridge = server.bridge();
    const tooOld = new ApiError('client_too_old', 'install the current version', 426);
    const refusing = { ...bridge, call: async () => Promise.reject(tooOld), pull: async () => Promise.reject(tooOld) };
    await expect(syncNow(refusing, db)).rejects.toMatchObject({ kind: 'client_too_old' });
    expect(await db.outbox.count()).toBe(2);
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
  });

  it('pushes in batches of at most the given size', async () => {
    for (let i = 0; i < 7; i++) server.upsertSection(section(`sec-${i}`));
    await syncNow(server.bridge(), db);
    const repo = sectionsRepository(db);
    for (const s of await db.sections.toArray()) await repo.saveDraft({ ...s, resultCategory: 'no_problem_found' });
    const progress: SyncProgress[] = [];
    await syncNow(server.bridge(), db, (p) => progress.push(p), { pushBatchSize: 3 });
    expect(server.pushCalls.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(progress.filter((p) => p.phase === 'push').map((p) => p.pushed)).toEqual([3, 6, 7]);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('push conflicts: three-way merge', () => {
  const result = (checkItemId: string, outcome: 'compliant' | 'non_compliant' | 'not_applicable', note = '') => ({
    checkItemId,
    outcome,
    note,
  });

  it('merges a stale edit with the server row when they touch different parts, and sends it in the same round', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, itemResults: [result('ci-1', 'non_compliant', '无证')] });
    server.bumpSection('sec-1', { itemResults: [result('ci-2', 'compliant')], representativeName: '李经理' });
    const outcome = await syncNow(server.bridge(), db);

    expect(outcome).toMatchObject({ merged: 1, conflicts: 0, acknowledged: 1 });
    expect(await db.outbox.count()).toBe(0);
    const both = {
      itemResults: [result('ci-1', 'non_compliant', '无证'), result('ci-2', 'compliant')],
      representativeName: '李经理',
      version: 3,
    };
    expect(server.sections.get('sec-1')).toMatchObject(both);
    expect(await db.sections.get('sec-1')).toEqual(server.sections.get('sec-1'));
  });

  it('holds an overlap with both values; the officer picks per part and the choice goes out', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({
      ...local,
      itemResults: [result('ci-1', 'non_compliant', '台账缺失'), result('ci-2', 'compliant')],
      representativeName: '王经理',
    });
    server.bumpSection('sec-1', { itemResults: [result('ci-1', 'compliant')], representativeName: '李经理' });
    const outcome = await syncNow(server.bridge(), db);

    expect(outcome).toMatchObject({ merged: 0, conflicts: 1 });
    const [held] = await db.outbox.toArray();
    expect(held).toMatchObject({ hold: 'conflict', serverCurrent: { version: 2 } });
    expect(held!.conflicts).toEqual([
      { key: 'item:ci-1', base: null, local: result('ci-1', 'non_compliant', '台账缺失'), server: result('ci-1', 'compliant') },
      { key: 'representativeName', base: '', local: '王经理', server: '李经理' },
    ]);
    // Nothing is lost meanwhile: the local record keeps the officer's values, and ci-2 (changed here only) stays.
    expect(await db.sections.get('sec-1')).toMatchObject({
      itemResults: [result('ci-1', 'non_compliant', '台账缺失'), result('ci-2', 'compliant')],
      representativeName: '王经理',
    });

    // An edit while the conflict waits keeps the conflict and its parts.
    await sectionsRepository(db).saveDraft({ ...(await db.sections.get('sec-1'))!, resultCategory: 'problem_pending' });
    expect((await db.outbox.toArray())[0]).toMatchObject({ hold: 'conflict', conflicts: held!.conflicts });

    expect(await sectionsRepository(db).resolveConflict('sec-1', { 'item:ci-1': 'local', representativeName: 'server' })).toEqual({
      ok: true,
    });
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
    expect(server.sections.get('sec-1')).toMatchObject({
      itemResults: [result('ci-1', 'non_compliant', '台账缺失'), result('ci-2', 'compliant')],
      representativeName: '李经理',
      resultCategory: 'problem_pending',
      version: 3,
    });
    expect(await db.sections.get('sec-1')).toEqual(server.sections.get('sec-1'));
  });

  it('an edit made while its predecessor was out merges against what the predecessor wrote', async () => {
    const local = await syncedSection();
    const repo = sectionsRepository(db);
    // Both edits within one millisecond, the later's mutation id sorting first: it still goes out after the earlier.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T09:00:00.000Z') });
    vi.spyOn(crypto, 'randomUUID')
      .mockReturnValueOnce('ffffffff-ffff-4fff-bfff-ffffffffffff')
      .mockReturnValueOnce('00000000-0000-4000-8000-000000000000');
    try {
      await repo.saveDraft({ ...local, resultCategory: 'no_problem_found' });
      await outboxRepository(db).takeBatch(500);
      await repo.saveDraft({ ...(await db.sections.get('sec-1'))!, representativeName: '王经理' });
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
    const [first, later] = await db.outbox.orderBy('createdAt').toArray();
    expect(first!.payload.data).toMatchObject({ resultCategory: 'no_problem_found', representativeName: '' });
    expect(later!.base).toMatchObject({ resultCategory: 'no_problem_found', representativeName: '' });
    expect(later!.payload.data).toMatchObject({ representativeName: '王经理' });
  });

  it('asks about every difference for a mutation queued without a base (an older app version)', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'problem_pending' });
    const entry = (await db.outbox.toArray())[0]!;
    const { base: _ignored, ...legacy } = entry;
    await db.outbox.put(legacy);
    server.bumpSection('sec-1', { representativeName: '李经理' });
    await syncNow(server.bridge(), db);
    expect((await db.outbox.toArray())[0]!.conflicts!.map((c) => c.key).sort()).toEqual(['representativeName', 'resultCategory']);
  });

  it('refuses a resolution that leaves a completed section breaking the completion rules, keeping the conflict', async () => {
    const local = await syncedSection();
    const repo = sectionsRepository(db);
    const ready = {
      ...local,
      itemResults: [result('ci-1', 'compliant'), result('ci-2', 'compliant')],
      ...completionEvidence('南大街 1 号'),
    };
    expect((await repo.complete(ready, AS_OFF1)).ok).toBe(true);
    // The colleague found ci-2 non-compliant meanwhile.
    server.bumpSection('sec-1', { itemResults: [result('ci-2', 'non_compliant', '过期')] });
    await syncNow(server.bridge(), db);
    const [held] = await db.outbox.toArray();
    expect(held!.conflicts!.map((c) => c.key)).toEqual(['item:ci-2']);
    const refused = await repo.resolveConflict('sec-1', { 'item:ci-2': 'server' });
    expect(refused.ok).toBe(false);
    expect(await db.outbox.toArray()).toEqual([held]);
    expect(await repo.resolveConflict('sec-1', 'take_server')).toEqual({ ok: true });
    expect(await db.sections.get('sec-1')).toEqual(server.sections.get('sec-1'));
  });
});

describe('push conflicts: a server that keeps changing', () => {
  it('stops re-merging after a few rounds and keeps the edit for the next sync', async () => {
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'problem_pending' });
    const bridge = server.bridge();
    let writes = 0;
    // Another officer writes the section again between every push of ours.
    const busy = {
      ...bridge,
      call: ((...args: Parameters<typeof bridge.call>) => {
        server.bumpSection('sec-1', { representativeName: `第${++writes}次` });
        return bridge.call(...args);
      }) as typeof bridge.call,
    };
    const result = await syncNow(busy, db);
    expect(result).toMatchObject({ merged: 5, acknowledged: 0, conflicts: 0 });
    const [queued] = await db.outbox.toArray();
    expect(queued!.payload.data).toMatchObject({ resultCategory: 'problem_pending', representativeName: '第5次' });
    await syncNow(bridge, db);
    expect(server.sections.get('sec-1')).toMatchObject({ resultCategory: 'problem_pending', representativeName: '第5次' });
  });
});

describe('cursor reset (replacement sync)', () => {
  const profile = (n: number) => server.record({ op: 'upsert', collection: 'enterprises', id: enterprise(n).id, data: enterprise(n) });
  const localProfileIds = async () => [...(await enterpriseDirectory(db).all()).columns.strings.id].sort();
  const profileIds = (ns: number[]) => ns.map((n) => enterprise(n).id).sort();

  it('replaces server-owned data with a full pull, keeping records with queued mutations', async () => {
    for (let n = 0; n < 5; n++) profile(n);
    server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1') });
    server.record({ op: 'upsert', collection: 'tasks', id: 't-2', data: task('t-2') });
    const local = await syncedSection();
    await sectionsRepository(db).saveDraft({ ...local, resultCategory: 'problem_pending' });
    // The server moves on while this laptop is away: its pending edit meets a conflict and stays queued.
    server.bumpSection('sec-1', { resultCategory: 'no_problem_found' });
    server.record({ op: 'delete', collection: 'tasks', id: 't-2' });
    server.record({ op: 'delete', collection: 'enterprises', id: enterprise(4).id });
    profile(5);
    server.compact();

    const result = await syncNow(server.bridge(), db, undefined, { pullPageSize: 3 });

    expect(result.conflicts).toBe(1);
    // The stale cursor is refused, then the replacement pulls from the start of the pruned log.
    expect(server.pullCalls.slice(-4).map((q) => q.cursor)).toEqual(['8', '', '1000003', '1000006']);
    expect(await localProfileIds()).toEqual(profileIds([0, 1, 2, 3, 5]));
    expect((await db.tasks.toArray()).map((t) => t.id)).toEqual(['t-1']);
    expect((await db.sections.get('sec-1'))!.resultCategory).toBe('problem_pending');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.stagedRecords.count()).toBe(0);
    expect(await db.profileBlocks.where('epoch').equals(0).count()).toBe(0);
    expect(await pullRepository(db).pullState()).toEqual({ cursor: '1000007', replacing: false });
    // The directory snapshot of the replaced epoch makes way for the new epoch's.
    await directorySnapshotSettled(db);
    expect((await db.directorySnapshots.toArray()).map((row) => row.epoch)).toEqual([await activeProfileEpoch(db)]);

    // Incremental again from the new cursor.
    profile(6);
    await syncNow(server.bridge(), db);
    expect(await localProfileIds()).toEqual(profileIds([0, 1, 2, 3, 5, 6]));
  });

  it('keeps the old data usable while an interrupted replacement waits, then finishes it', async () => {
    for (let n = 0; n < 20; n++) profile(n);
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 5 });
    for (let n = 20; n < 30; n++) profile(n);
    server.compact();

    const bridge = server.bridge();
    const flaky = pullFailingAt(bridge, 4);
    await expect(syncNow(flaky, db, undefined, { pullPageSize: 5 })).rejects.toMatchObject({ kind: 'network' });
    // Two staged pages written, the live profiles untouched.
    expect(await localProfileIds()).toEqual(profileIds(Array.from({ length: 20 }, (_, n) => n)));
    expect(await enterpriseDirectory(db).get(enterprise(7).id)).toEqual(enterprise(7));
    expect(await pullRepository(db).pullState()).toEqual({ cursor: '1000010', replacing: true });

    server.pullCalls = [];
    await syncNow(bridge, db, undefined, { pullPageSize: 5 });
    expect(server.pullCalls.map((q) => q.cursor)).toEqual(['1000010', '1000015', '1000020', '1000025']);
    expect(await localProfileIds()).toEqual(profileIds(Array.from({ length: 30 }, (_, n) => n)));
    expect(await db.directoryChunks.count()).toBe(6);
  });

  it('restarts the replacement from the empty cursor when its staging cursor is reset too', async () => {
    for (let n = 0; n < 10; n++) profile(n);
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 5 });
    server.compact();
    const bridge = server.bridge();
    const flaky = pullFailingAt(bridge, 3);
    await expect(syncNow(flaky, db, undefined, { pullPageSize: 5 })).rejects.toMatchObject({ kind: 'network' });
    server.record({ op: 'delete', collection: 'enterprises', id: enterprise(9).id });
    server.compact();

    await syncNow(bridge, db, undefined, { pullPageSize: 5 });
    expect(await localProfileIds()).toEqual(profileIds(Array.from({ length: 9 }, (_, n) => n)));
    expect(await db.directoryChunks.count()).toBe(2);
  });
});

describe('new tasks', () => {
  const newIds = async () => (await tasksRepository(db).listWithEnterprises()).filter((r) => r.isNew).map((r) => r.task.id);
  const add = (id: string) => server.record({ op: 'upsert', collection: 'tasks', id, data: task(id) });

  it('marks the tasks a sync brings that the machine did not hold, until the next sync that brings tasks', async () => {
    add('t-1');
    await syncNow(server.bridge(), db);
    // A first sync brings everything: nothing is new.
    expect(await newIds()).toEqual([]);
    add('t-2');
    add('t-3');
    await syncNow(server.bridge(), db, () => {}, { pullPageSize: 1 });
    expect((await newIds()).sort()).toEqual(['t-2', 't-3']);
    // A sync that brings no new task (a changed one only) keeps the marks.
    server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1', { status: 'in_progress' }) });
    await syncNow(server.bridge(), db);
    expect((await newIds()).sort()).toEqual(['t-2', 't-3']);
    add('t-4');
    await syncNow(server.bridge(), db);
    expect(await newIds()).toEqual(['t-4']);
  });
});

describe('bootstrap from a snapshot', () => {
  const profile = (n: number) => server.record({ op: 'upsert', collection: 'enterprises', id: enterprise(n).id, data: enterprise(n) });
  const localProfileIds = async () => [...(await enterpriseDirectory(db).all()).columns.strings.id].sort();
  const profileIds = (ns: number[]) => ns.map((n) => enterprise(n).id).sort();
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  beforeEach(() => {
    server.snapshotChunkProfiles = 10;
    for (let n = 0; n < 95; n++) profile(n);
    server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1') });
  });

  it('takes the profiles from the chunks, then pulls only what the snapshot does not hold', async () => {
    const progress: SyncProgress[] = [];
    const result = await syncNow(server.bridge(), db, (p) => progress.push(p), { pullPageSize: 40 });

    expect(new Set(server.chunkDownloads).size).toBe(10);
    expect(server.chunkDownloads).toHaveLength(10);
    expect(await localProfileIds()).toEqual(profileIds(range(0, 95)));
    expect((await db.tasks.toArray()).map((t) => t.id)).toEqual(['t-1']);
    // Every page of the bootstrap's pull names the snapshot; no profile came through the pull.
    expect(server.pullCalls.map((q) => q.snapshot)).toEqual(['96', '96', '96']);
    expect(result.pulled).toBe(96);
    expect(progress.at(-1)).toMatchObject({ pulled: 96, expected: 96 });
    expect(await pullRepository(db).pullState()).toEqual({ cursor: '96', replacing: false });
    // From then on the cursor goes on as after any pull.
    profile(200);
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    expect(server.pullCalls.at(-1)).toMatchObject({ cursor: '96', snapshot: undefined });
    expect(await localProfileIds()).toEqual(profileIds([...range(0, 95), 200]));
  });

  it('changes after the snapshot arrive with the pull that follows it, deletes included', async () => {
    server.beforeChunkAnswer = async () => {
      if (server.chunkDownloads.length !== 1) return;
      server.record({ op: 'delete', collection: 'enterprises', id: enterprise(3).id });
      server.record({ op: 'upsert', collection: 'enterprises', id: enterprise(4).id, data: enterprise(4, { name: '改名后的企业' }) });
      profile(300);
    };
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    expect(await localProfileIds()).toEqual(profileIds([...range(0, 95).filter((n) => n !== 3), 300]));
    expect((await enterpriseDirectory(db).get(enterprise(4).id))?.name).toBe('改名后的企业');
  });

  it('an interrupted bootstrap resumes without downloading the chunks it stored again', async () => {
    // The sixth download breaks off; the downloads in flight then may be lost, the stored ones never.
    server.beforeChunkAnswer = async () => {
      if (server.chunkDownloads.length === 6) throw Object.assign(new Error('connection reset'), { kind: 'network' });
    };
    await expect(syncNow(server.bridge(), db, undefined, { pullPageSize: 40 })).rejects.toThrow('connection reset');
    const stored = (await pullRepository(db).pullState()).bootstrap!.stored;
    expect(stored.length).toBeGreaterThanOrEqual(5 - SNAPSHOT_DOWNLOADS);
    expect(await storedProfileChunks(db)).toBe(stored.length);

    server.beforeChunkAnswer = null;
    const before = server.chunkDownloads.length;
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    const again = server.chunkDownloads.slice(before);
    expect(again.filter((address) => stored.includes(address))).toEqual([]);
    expect(again).toHaveLength(10 - stored.length);
    // What the interruption cost: at most the downloads that were in flight.
    expect(server.chunkDownloads.length - 10).toBeLessThanOrEqual(SNAPSHOT_DOWNLOADS);
    expect(await localProfileIds()).toEqual(profileIds(range(0, 95)));
  });

  it('a bootstrap cut off during its pull resumes the pull after the snapshot', async () => {
    await expect(syncNow(pullFailingAt(server.bridge(), 2), db, undefined, { pullPageSize: 40 })).rejects.toThrow('connection reset');
    expect((await pullRepository(db).pullState()).bootstrap?.stored).toHaveLength(10);
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    expect(server.chunkDownloads).toHaveLength(10);
    expect(server.pullCalls.map((q) => [q.cursor, q.snapshot])).toEqual([
      ['', '96'],
      ['40', '96'],
      ['80', '96'],
    ]);
    expect(await localProfileIds()).toEqual(profileIds(range(0, 95)));
    expect((await pullRepository(db).pullState()).bootstrap).toBeUndefined();
  });

  it('starts again from the current snapshot when its snapshot is gone or no longer the officer’s (a scope change)', async () => {
    const first = server.snapshot();
    // The jurisdiction changed after the device took the manifest: the endpoint refuses the old chunks.
    server.beforeChunkAnswer = async () => {
      if (server.chunkDownloads.length !== 3) return;
      for (const chunk of first.chunks) server.snapshotChunks.delete(chunk.sha256);
      server.record({ op: 'delete', collection: 'enterprises', id: enterprise(0).id });
      for (let n = 95; n < 100; n++) profile(n);
    };
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    expect(await localProfileIds()).toEqual(profileIds(range(1, 100)));
    expect(await storedProfileChunks(db)).toBe(10);
    expect(await pullRepository(db).pullState()).toEqual({ cursor: String(server.log.length), replacing: false });
  });

  it('a snapshot past its retention during the bootstrap falls back to the replacement sync, as any cursor reset', async () => {
    server.beforePullAnswer = async () => {
      if (server.pullCalls.length !== 1) return;
      server.record({ op: 'delete', collection: 'enterprises', id: enterprise(1).id });
      server.compact();
    };
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    expect(server.pullCalls.map((q) => [q.cursor, q.snapshot])).toEqual([
      ['', '96'],
      ['', undefined],
      ['1000040', undefined],
      ['1000080', undefined],
    ]);
    expect(await localProfileIds()).toEqual(profileIds(range(0, 95).filter((n) => n !== 1)));
    expect(await db.profileBlocks.where('epoch').equals(0).count()).toBe(0);
    expect(await pullRepository(db).pullState()).toEqual({ cursor: '1000095', replacing: false });
  });

  it('pulls the profiles page by page from an endpoint without snapshots', async () => {
    server.snapshotChunkProfiles = null;
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 40 });
    expect(server.chunkDownloads).toEqual([]);
    expect(server.pullCalls.map((q) => q.snapshot)).toEqual([undefined, undefined, undefined]);
    expect(await localProfileIds()).toEqual(profileIds(range(0, 95)));
  });

  it('pulls a jurisdiction that fits in one page: a snapshot would only add round trips', async () => {
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 100 });
    expect(server.chunkDownloads).toEqual([]);
    expect(server.pullCalls.map((q) => q.snapshot)).toEqual([undefined]);
    expect(await localProfileIds()).toEqual(profileIds(range(0, 95)));
  });
});
