import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { gzipSync } from 'fflate';
import { beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { decodeSnapshotChunk, PROFILE_BLOCK } from '@shared/sync/snapshotChunk';
import { enterprise, MemoryServer, snapshotChunkBytes, task } from '../../../../tests/support/memoryServer';
import { syncNow } from '../sync/syncNow';
import { openLocalPullStore } from '../sync/pullStore';
import { openOfficerDatabase, type OneVisitDb, type StoredDirectorySnapshot } from './db';
import { searchOrders, unpackedStrings } from './directoryColumns';
import { DamagedProfileError, directorySnapshotSettled, enterpriseDirectory } from './enterpriseDirectory';
import { activeProfileEpoch, compactProfiles, writeProfileChunk } from './profileStore';
import { enterpriseKeyOf, profileChunkOf } from './enterpriseKeys';
import { progressRepository } from './progressRepository';
import { mapPointsOf, tasksRepository } from './tasksRepository';
import { directoryChunkAsText, freshOfficerDb, storedProfileChunks, officerWithOldDatabase } from '../../../../tests/support/officerDb';
import { loadPinyin } from './pinyin';

beforeAll(loadPinyin);

let db: OneVisitDb;
let server: MemoryServer;

beforeEach(() => {
  db = freshOfficerDb();
  server = new MemoryServer();
});

const upsert = (n: number, overrides = {}) =>
  server.record({ op: 'upsert', collection: 'enterprises', id: enterprise(n).id, data: enterprise(n, overrides) });

/** 25 profiles pulled in pages of 10 (three chunks), and the directory snapshot written after the pull. */
async function pullProfiles(): Promise<void> {
  for (let i = 0; i < 25; i++) upsert(i);
  await syncNow(server.bridge(), db, undefined, { pullPageSize: 10 });
  await directorySnapshotSettled(db);
}

/** The server's next page (10 changes at most) written as a pull writes it, outside a sync round. */
async function pullNextPage(target: OneVisitDb): Promise<void> {
  const page = await server.bridge().pull({ cursor: (await target.meta.get('cursor'))!.value, limit: 10 });
  await (await openLocalPullStore(target)).applyPage(page);
}

/** The same database opened again, as a cold start finds it: no directory loaded. */
const reopen = () => openOfficerDatabase(db.name.replace(/^onevisit-/, ''));

describe('enterprise directory', () => {
  it('checks a stored profile against its schema when it is read: a damaged one is refused with its reason, not shown', async () => {
    const stored = profileChunkOf([enterprise(1), enterprise(2), enterprise(3)]);
    // As a snapshot chunk stores them: the texts unchecked, under entries computed elsewhere.
    stored.texts[1] = JSON.stringify({ ...enterprise(2), riskClass: 'Z' });
    stored.texts[2] = JSON.stringify(enterprise(4));
    await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () => writeProfileChunk(db, 0, stored, []));
    const directory = enterpriseDirectory(db);
    expect(await directory.get(enterprise(1).id)).toEqual(enterprise(1));
    await expect(directory.get(enterprise(2).id)).rejects.toThrow(DamagedProfileError);
    await expect(directory.get(enterprise(2).id)).rejects.toThrow(/not as expected.*riskClass/s);
    await expect(directory.get(enterprise(3).id)).rejects.toThrow(
      `the profile stored for ${enterprise(3).id} is that of ${enterprise(4).id}`,
    );
  });

  it('stores each pulled page of profiles as one chunk and finds every profile by id with its key', async () => {
    for (let i = 0; i < 25; i++) upsert(i);
    await syncNow(server.bridge(), db, undefined, { pullPageSize: 10 });

    expect(await storedProfileChunks(db)).toBe(3);
    expect(await db.directoryChunks.count()).toBe(3);
    const directory = enterpriseDirectory(db);
    expect(await directory.count()).toBe(25);
    expect(await directory.get(enterprise(17).id)).toEqual(enterprise(17));
    expect(await directory.get('91370602MA00009999')).toBeUndefined();
    const [key, missing] = await directory.keys([enterprise(3).id, 'nope']);
    expect(key).toMatchObject({ ...enterpriseKeyOf(enterprise(3)), industry: '餐饮业', lng: enterprise(3).location.lng, lat: 37.5 });
    expect(missing).toBeUndefined();
    expect(await directory.industries()).toEqual(['批发和零售业', '餐饮业'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('persists a snapshot after a pull that a cold start reads with its search orders, chunks written after it on top', async () => {
    await pullProfiles();
    expect((await db.directorySnapshots.toArray()).map((row) => row.epoch)).toEqual([await activeProfileEpoch(db)]);
    const expected = await enterpriseDirectory(db).all();

    let cold = reopen();
    const fromSnapshot = await enterpriseDirectory(cold).all();
    expect(fromSnapshot.columns.entries()).toEqual(expected.columns.entries());
    expect(fromSnapshot.version).toBe(expected.version);
    expect(fromSnapshot.orders).toEqual(searchOrders(expected.columns.strings));
    cold.close();

    // A page written after the snapshot (a pull cut off before its end) is applied on top; the snapshot's orders no
    // longer apply (the cold start may have sorted the entries again meanwhile, to rewrite the snapshot).
    upsert(3, { name: '烟台晚到企业有限公司' });
    upsert(30);
    await pullNextPage(db);
    cold = reopen();
    const later = await enterpriseDirectory(cold).all();
    expect(later.columns.size).toBe(26);
    expect(later.orders).toEqual(searchOrders(later.columns.strings));
    expect((await enterpriseDirectory(cold).keys([enterprise(3).id]))[0]?.name).toBe('烟台晚到企业有限公司');
    expect(await enterpriseDirectory(cold).get(enterprise(30).id)).toEqual(enterprise(30));
    cold.close();
  });

  it('reads snapshot rows earlier versions wrote (one JSON value; string columns as JSON texts) as none, and writes them anew', async () => {
    await pullProfiles();
    const [expected] = await db.directorySnapshots.toArray();
    const { epoch, lastChunk, packed, numbers, orders } = expected!;
    const strings = Object.fromEntries(Object.entries(unpackedStrings(packed)).map(([field, column]) => [field, [...column]]));
    for (const earlier of [
      { epoch, json: JSON.stringify({ epoch, lastChunk, ...strings }) },
      { epoch, lastChunk, strings: [JSON.stringify(strings)], numbers, orders },
    ]) {
      await db.directorySnapshots.clear();
      await db.directorySnapshots.put(earlier as unknown as StoredDirectorySnapshot);

      const cold = reopen();
      try {
        expect((await enterpriseDirectory(cold).keys([enterprise(7).id]))[0]?.name).toBe(enterprise(7).name);
        expect(await enterpriseDirectory(cold).count()).toBe(25);
        await directorySnapshotSettled(cold);
        expect(await cold.directorySnapshots.toArray()).toEqual([expected]);
      } finally {
        cold.close();
      }
    }
  });

  it('leaves the columns it handed out, and their orders, as they were when a pull lands', async () => {
    await pullProfiles();
    const directory = enterpriseDirectory(db);
    const before = await directory.all();
    const entries = before.columns.entries();

    upsert(3, { name: '烟台晚到企业有限公司' });
    upsert(30);
    server.record({ op: 'delete', collection: 'enterprises', id: enterprise(0).id });
    await pullNextPage(db);

    const after = await directory.all();
    expect(after.version).not.toBe(before.version);
    expect(after.columns.size).toBe(25);
    expect(after.orders).toEqual(searchOrders(after.columns.strings));
    expect((await directory.keys([enterprise(3).id]))[0]?.name).toBe('烟台晚到企业有限公司');
    expect(before.columns.entries()).toEqual(entries);
    expect(before.orders).toEqual(searchOrders(before.columns.strings));
    expect(before.columns.get(enterprise(0).id)?.id).toBe(enterprise(0).id);
  });

  it('applies many chunks landed at once in pieces while other loads interleave, each once and in order', async () => {
    // Every check of the clock finds a piece's time gone: the load pauses after every chunk and every step of a sort.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 50));
    onTestFinished(() => clock.mockRestore());
    const directory = enterpriseDirectory(db);
    expect(await directory.count()).toBe(0);
    // Chunks as a first sync lands them, the later ones changing and deleting profiles of the earlier ones.
    const chunks = 40;
    for (let c = 0; c < chunks; c++) {
      const profiles = Array.from({ length: 400 }, (_, i) => enterprise(c * 300 + i, { name: `烟台企业${c}-${i}` }));
      await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () =>
        writeProfileChunk(db, 0, profileChunkOf(profiles), c > 0 ? [enterprise((c - 1) * 300 + 5).id] : []),
      );
    }
    const [all, count, [changed, deleted, last]] = await Promise.all([
      directory.all(),
      directory.count(),
      directory.keys([enterprise(300).id, enterprise(5).id, enterprise(39 * 300 + 399).id]),
    ]);
    const expected = 39 * 300 + 400 - (chunks - 1);
    expect([all.columns.size, count]).toEqual([expected, expected]);
    expect(all.version).toBe(`0:${chunks}`);
    expect(all.orders).toEqual(searchOrders(all.columns.strings));
    expect(changed?.name).toBe('烟台企业1-0');
    expect(deleted).toBeUndefined();
    expect(last?.chunk).toBe(chunks);
  });

  it('reads the chunks landed since it last looked a few at a time, every one applied', async () => {
    // The number of directory chunks each read hands over, as IndexedDB does, in one task.
    const handed: number[] = [];
    db.use({
      stack: 'dbcore',
      name: 'chunks-handed',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'directoryChunks') return table;
          return { ...table, query: (request) => table.query(request).then((answer) => (handed.push(answer.result.length), answer)) };
        },
      }),
    });
    const directory = enterpriseDirectory(db);
    expect(await directory.count()).toBe(0);
    for (let c = 0; c < 40; c++)
      await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () =>
        writeProfileChunk(db, 0, profileChunkOf([enterprise(c * 2), enterprise(c * 2 + 1)]), []),
      );
    handed.length = 0;
    expect(await directory.count()).toBe(80);
    expect((await directory.all()).version).toBe('0:40');
    expect(Math.max(...handed)).toBeLessThanOrEqual(16);
    expect(handed.reduce((sum, n) => sum + n, 0)).toBe(40);
  });

  it('reads the snapshot once for the loads a cold start makes at the same time', async () => {
    await pullProfiles();
    const expected = await enterpriseDirectory(db).all();

    const cold = reopen();
    try {
      const reads = vi.spyOn(cold.directorySnapshots, 'get');
      const directory = enterpriseDirectory(cold);
      const [all, count, [key]] = await Promise.all([directory.all(), directory.count(), directory.keys([enterprise(7).id])]);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(all.columns.entries()).toEqual(expected.columns.entries());
      expect(all.orders).toEqual(expected.orders);
      expect(count).toBe(25);
      expect(key?.id).toBe(enterprise(7).id);
    } finally {
      cold.close();
    }
  });

  it('reads and folds every chunk once for the loads a cold start without a snapshot makes at the same time', async () => {
    await pullProfiles();
    await db.directorySnapshots.clear();

    const cold = reopen();
    try {
      const read = vi.fn((chunk: unknown) => chunk);
      cold.directoryChunks.hook('reading', read);
      const directory = enterpriseDirectory(cold);
      const [all, count, [key]] = await Promise.all([directory.all(), directory.count(), directory.keys([enterprise(7).id])]);
      expect(read).toHaveBeenCalledTimes(3);
      expect(all.columns.size).toBe(25);
      expect(count).toBe(25);
      expect(key?.id).toBe(enterprise(7).id);
      await directorySnapshotSettled(cold);
    } finally {
      cold.close();
    }
  });

  it('re-runs every live query that loaded the directory at a cold start when a pull lands', async () => {
    await pullProfiles();

    const cold = reopen();
    const counts: number[][] = [[], [], []];
    const subscriptions = counts.map((seen) => liveQuery(() => enterpriseDirectory(cold).count()).subscribe((n) => seen.push(n)));
    try {
      await vi.waitFor(() => expect(counts.map((seen) => seen.at(-1))).toEqual([25, 25, 25]));
      upsert(30);
      await pullNextPage(cold);
      await vi.waitFor(() => expect(counts.map((seen) => seen.at(-1))).toEqual([26, 26, 26]));
    } finally {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      await directorySnapshotSettled(cold);
      cold.close();
    }
  });

  it('loads the directory again after a cold load that failed', async () => {
    await pullProfiles();

    const cold = reopen();
    try {
      vi.spyOn(cold.directorySnapshots, 'get').mockRejectedValueOnce(new Error('the disk failed'));
      const directory = enterpriseDirectory(cold);
      await expect(directory.count()).rejects.toThrow('the disk failed');
      expect(await directory.count()).toBe(25);
    } finally {
      cold.close();
    }
  });

  it('writes a missing snapshot once at a cold start that had to read every chunk', async () => {
    await pullProfiles();
    const [expected] = await db.directorySnapshots.toArray();
    await db.directorySnapshots.clear();

    const cold = reopen();
    try {
      expect(await enterpriseDirectory(cold).count()).toBe(25);
      await directorySnapshotSettled(cold);
      expect(await cold.directorySnapshots.toArray()).toEqual([expected]);
    } finally {
      cold.close();
    }
  });

  it('writes a missing snapshot also when the cold start loads the directory inside a live query (the task list, the search)', async () => {
    await pullProfiles();
    const [expected] = await db.directorySnapshots.toArray();
    await db.directorySnapshots.clear();
    const warn = vi.spyOn(console, 'warn');
    onTestFinished(() => void warn.mockRestore());

    const cold = reopen();
    try {
      const counted = await new Promise<number>((resolve, reject) => {
        const subscription = liveQuery(() => enterpriseDirectory(cold).count()).subscribe({
          next: (count) => {
            subscription.unsubscribe();
            resolve(count);
          },
          error: reject,
        });
      });
      expect(counted).toBe(25);
      await directorySnapshotSettled(cold);
      expect(warn).not.toHaveBeenCalled();
      expect(await cold.directorySnapshots.toArray()).toEqual([expected]);
    } finally {
      cold.close();
    }
  });

  it('lets a later change or delete override the chunk a profile came in, also for a directory already loaded', async () => {
    for (let i = 0; i < 5; i++) upsert(i);
    await syncNow(server.bridge(), db);
    const directory = enterpriseDirectory(db);
    expect(await directory.count()).toBe(5);

    upsert(2, { name: '烟台改名企业有限公司', riskClass: 'E' });
    server.record({ op: 'delete', collection: 'enterprises', id: enterprise(4).id });
    await syncNow(server.bridge(), db);

    expect(await directory.count()).toBe(4);
    expect((await directory.get(enterprise(2).id))?.name).toBe('烟台改名企业有限公司');
    expect((await directory.keys([enterprise(2).id]))[0]).toMatchObject({ riskClass: 'E', initials: 'YTGMQYYXGS' });
    expect(await directory.get(enterprise(4).id)).toBeUndefined();
    // A second database (another window, or a cold start) reads the same state from the stored chunks alone.
    const reopened = reopen();
    expect([...(await enterpriseDirectory(reopened).all()).columns.strings.id].sort()).toEqual(
      [0, 1, 2, 3].map((n) => enterprise(n).id).sort(),
    );
    reopened.close();
  });

  it('folds a grown overlay of small chunks back into full chunks, dropping superseded and deleted profiles', async () => {
    for (let i = 0; i < 30; i++) upsert(i);
    await syncNow(server.bridge(), db);
    for (let round = 0; round < 4; round++) {
      upsert(round, { name: `烟台第${round}次改名有限公司` });
      await syncNow(server.bridge(), db);
    }
    server.record({ op: 'delete', collection: 'enterprises', id: enterprise(29).id });
    await syncNow(server.bridge(), db);
    const directory = enterpriseDirectory(db);
    const before = (await directory.all()).columns.entries();
    expect(await db.directoryChunks.count()).toBe(6);

    expect(await compactProfiles(db, 10)).toBe(false);
    expect(await compactProfiles(db, 2)).toBe(true);
    expect(await db.directoryChunks.count()).toBe(1);
    expect(await storedProfileChunks(db)).toBe(1);
    expect(await activeProfileEpoch(db)).toBe(1);
    const after = (await directory.all()).columns.entries();
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect(after).toHaveLength(29);
    expect(await directory.get(enterprise(3).id)).toEqual(enterprise(3, { name: '烟台第3次改名有限公司' }));
    expect(await directory.get(enterprise(17).id)).toEqual(enterprise(17));
    expect(await directory.get(enterprise(29).id)).toBeUndefined();
  });

  it("stores a snapshot chunk's blocks compressed as they came, each a copy of its own, read and compacted as texts are", async () => {
    const profiles = Array.from({ length: PROFILE_BLOCK + 4 }, (_, i) => enterprise(i));
    const bytes = snapshotChunkBytes(profiles);
    await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () => writeProfileChunk(db, 0, decodeSnapshotChunk(bytes), []));
    const blocks = await db.profileBlocks.toArray();
    expect(blocks.map((b) => [b.block, b.texts, b.bytes, b.gzip?.byteLength === b.gzip?.buffer.byteLength])).toEqual([
      [0, undefined, undefined, true],
      [1, undefined, undefined, true],
    ]);
    expect(blocks.reduce((sum, b) => sum + b.gzip!.byteLength, 0)).toBeLessThan(bytes.byteLength);
    const directory = enterpriseDirectory(db);
    for (const n of [0, PROFILE_BLOCK - 1, PROFILE_BLOCK, PROFILE_BLOCK + 3])
      expect(await directory.get(enterprise(n).id)).toEqual(enterprise(n));

    // A later page (stored as texts) on top, then both folded into one chunk of texts.
    await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () =>
      writeProfileChunk(db, 0, profileChunkOf([enterprise(2, { name: '烟台改名企业有限公司' })]), []),
    );
    expect(await compactProfiles(db, 1)).toBe(true);
    expect(await directory.get(enterprise(2).id)).toEqual(enterprise(2, { name: '烟台改名企业有限公司' }));
    expect(await directory.get(enterprise(PROFILE_BLOCK + 3).id)).toEqual(enterprise(PROFILE_BLOCK + 3));
    expect(await directory.count()).toBe(PROFILE_BLOCK + 4);
  });

  it('refuses as damaged a profile whose stored block cannot be decompressed or lacks its line, not as missing', async () => {
    const profiles = Array.from({ length: PROFILE_BLOCK + 4 }, (_, i) => enterprise(i));
    await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () =>
      writeProfileChunk(db, 0, decodeSnapshotChunk(snapshotChunkBytes(profiles)), []),
    );
    const [first, second] = await db.profileBlocks.toArray();
    const shortened = profiles
      .slice(0, 10)
      .map((p) => JSON.stringify(p))
      .join('\n');
    await db.profileBlocks.put({ ...first!, gzip: gzipSync(new TextEncoder().encode(shortened)) });
    await db.profileBlocks.put({ ...second!, gzip: Uint8Array.of(31, 139, 8, 0, 1, 2, 3) });

    const directory = enterpriseDirectory(db);
    expect(await directory.get(enterprise(3).id)).toEqual(enterprise(3));
    await expect(directory.get(enterprise(20).id)).rejects.toThrow(DamagedProfileError);
    await expect(directory.get(enterprise(20).id)).rejects.toThrow(`holds no profile at slot 20`);
    await expect(directory.get(enterprise(PROFILE_BLOCK).id)).rejects.toThrow(DamagedProfileError);
    await expect(directory.get(enterprise(PROFILE_BLOCK).id)).rejects.toThrow(/block 1 of chunk 1 cannot be read/);
  });

  it('joins tasks with the compact keys for the task list, the map and the dashboard', async () => {
    upsert(1, { districtCode: '370611' });
    server.record({ op: 'upsert', collection: 'tasks', id: 't-1', data: task('t-1', { enterpriseId: enterprise(1).id }) });
    server.record({ op: 'upsert', collection: 'tasks', id: 't-2', data: task('t-2', { enterpriseId: enterprise(2).id }) });
    await syncNow(server.bridge(), db);

    const rows = await tasksRepository(db).listWithEnterprises();
    expect(rows.map((r) => [r.task.id, r.enterprise?.name])).toEqual([
      ['t-1', '烟台测试企业1有限公司'],
      ['t-2', undefined],
    ]);
    // On the map, the tasks whose enterprise is here, at its location.
    expect(mapPointsOf(rows)).toEqual([rows[0]]);
    expect(rows[0]!.enterprise).toMatchObject({ lng: enterprise(1).location.lng, lat: 37.5, districtCode: '370611' });
    const summary = await progressRepository(db).summary('2025-06-01');
    expect(JSON.stringify(summary)).toContain('370611');
  });
});

describe('version 4 upgrade', () => {
  it('moves the profiles of a version-3 database into chunks and drops the old tables', async () => {
    const profiles = Array.from({ length: 2500 }, (_, i) => enterprise(i));
    const stores = {
      enterprises: 'id, districtCode, riskClass',
      enterpriseKeys: 'id',
      meta: 'key',
      tasks: 'id, enterpriseId, planId, dueDate, status',
    };
    const officer = await officerWithOldDatabase(3, stores, async (old) => {
      await old.table('enterprises').bulkPut(profiles);
      await old.table('enterpriseKeys').bulkPut(profiles.map(enterpriseKeyOf));
    });

    const upgraded = openOfficerDatabase(officer);
    const directory = enterpriseDirectory(upgraded);
    expect(await directory.count()).toBe(2500);
    expect(await storedProfileChunks(upgraded)).toBe(3);
    expect(await directory.get(profiles[2100]!.id)).toEqual(profiles[2100]);
    expect(upgraded.tables.map((t) => t.name)).not.toContain('enterprises');
    expect(upgraded.tables.map((t) => t.name)).not.toContain('enterpriseKeys');
  });
});

describe('version 7 upgrade', () => {
  it('splits the whole profile chunks of a version-6 database into blocks, every profile still found in its place', async () => {
    const profiles = Array.from({ length: 40 }, (_, i) => enterprise(i));
    const renamed = enterprise(3, { name: '烟台升级后改名有限公司' });
    const chunks = [
      { ...profileChunkOf(profiles), directory: directoryChunkAsText(1, 0, profileChunkOf(profiles).entries, []) },
      { ...profileChunkOf([renamed]), directory: directoryChunkAsText(2, 0, profileChunkOf([renamed]).entries, [enterprise(5).id]) },
    ];
    const officer = await officerWithOldDatabase(
      6,
      { profileChunks: 'id, epoch', directoryChunks: 'id, [epoch+id]', meta: 'key' },
      async (old) => {
        for (const { texts, directory } of chunks) {
          await old.table('profileChunks').add({ id: directory.id, epoch: directory.epoch, texts });
          await old.table('directoryChunks').add(directory);
        }
      },
    );

    const upgraded = openOfficerDatabase(officer);
    expect(upgraded.tables.map((t) => t.name)).not.toContain('profileChunks');
    expect(await storedProfileChunks(upgraded)).toBe(2);
    expect(await upgraded.profileBlocks.count()).toBe(Math.ceil(40 / PROFILE_BLOCK) + 1);
    const directory = enterpriseDirectory(upgraded);
    expect(await directory.count()).toBe(39);
    for (const profile of profiles.filter((p) => p.id !== enterprise(3).id && p.id !== enterprise(5).id))
      expect(await directory.get(profile.id)).toEqual(profile);
    expect(await directory.get(enterprise(3).id)).toEqual(renamed);
    expect(await directory.get(enterprise(5).id)).toBeUndefined();
  });
});

describe('version 10 upgrade', () => {
  it('joins the blocks of 16 profiles of a version-9 database into blocks of PROFILE_BLOCK, texts and bytes alike', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => enterprise(i));
    const lines = Array.from({ length: 20 }, (_, i) => enterprise(100 + i));
    const officer = await officerWithOldDatabase(
      9,
      { profileBlocks: '[chunk+block], epoch', directoryChunks: 'id, [epoch+id], [epoch+size]', meta: 'key' },
      async (old) => {
        const encoder = new TextEncoder();
        for (let block = 0; block * 16 < texts.length; block++)
          await old
            .table('profileBlocks')
            .add({ chunk: 1, block, epoch: 0, texts: texts.slice(block * 16, block * 16 + 16).map((e) => JSON.stringify(e)) });
        for (let block = 0; block * 16 < lines.length; block++) {
          const bytes = encoder.encode(
            lines
              .slice(block * 16, block * 16 + 16)
              .map((e) => JSON.stringify(e))
              .join('\n'),
          );
          await old.table('profileBlocks').add({ chunk: 2, block, epoch: 0, bytes });
        }
        await old.table('directoryChunks').add(directoryChunkAsText(1, 0, profileChunkOf(texts).entries, []));
        await old.table('directoryChunks').add(directoryChunkAsText(2, 0, profileChunkOf(lines).entries, []));
      },
    );

    const upgraded = openOfficerDatabase(officer);
    expect((await upgraded.profileBlocks.toArray()).map((b) => [b.chunk, b.block])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    const directory = enterpriseDirectory(upgraded);
    for (const profile of [...texts, ...lines]) expect(await directory.get(profile.id)).toEqual(profile);
  });
});
