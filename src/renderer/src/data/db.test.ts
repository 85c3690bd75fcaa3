import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openedOfficerDatabase, openOfficerDatabase } from './db';
import { enterpriseDirectory } from './enterpriseDirectory';
import { profileChunkOf } from './enterpriseKeys';
import { pinyin } from './pinyin';
import { sectionsRepository } from './sectionsRepository';
import { enterprise, section } from '../../../../tests/support/memoryServer';
import { directoryChunkAsText, officerWithOldDatabase } from '../../../../tests/support/officerDb';

describe('version 5 upgrade', () => {
  it('keeps a version-4 outbox readable under recordId', async () => {
    const record = section('sec-1');
    const officer = await officerWithOldDatabase(
      4,
      { outbox: 'mutationId, sectionId, createdAt', sections: 'id, taskId, departmentId' },
      async (old) => {
        await old.table('sections').put(record);
        await old.table('outbox').bulkPut(
          ['m-1', 'm-2'].map((mutationId, i) => ({
            mutationId,
            sectionId: i === 0 ? 'sec-1' : 'cor-1',
            createdAt: `2025-05-01T10:0${i}:00+08:00`,
            payload: { mutationId, collection: i === 0 ? 'sections' : 'corrections', id: 'sec-1', baseVersion: 1, data: record },
            attemptedAt: null,
            hold: null,
            serverCurrent: null,
            errors: [],
          })),
        );
      },
    );

    const upgraded = openOfficerDatabase(officer);
    const entries = await upgraded.outbox.orderBy('createdAt').toArray();
    expect(entries.map((e) => e.recordId)).toEqual(['sec-1', 'cor-1']);
    expect(entries.every((e) => !('sectionId' in e))).toBe(true);
    expect((await upgraded.outbox.where('recordId').equals('cor-1').toArray()).map((e) => e.mutationId)).toEqual(['m-2']);
    expect(await sectionsRepository(upgraded).pendingCount()).toBe(2);
    expect((await sectionsRepository(upgraded).outboxFor(['sec-1'])).map((e) => e.mutationId)).toEqual(['m-1']);
  });
});

describe('opening an officer database', () => {
  // Nothing else in this file loads pinyin-pro: an upgrade that needs it must load it itself.
  it('opens a database of this version without loading the pinyin converter', async () => {
    const db = await openedOfficerDatabase(`test-${crypto.randomUUID()}`);
    try {
      expect(db.isOpen()).toBe(true);
      expect(() => pinyin('烟台')).toThrow(/not loaded/);
    } finally {
      await db.delete();
    }
  });

  it('loads the pinyin converter before upgrading a version-3 database whose profiles lack their keys', async () => {
    const officer = await officerWithOldDatabase(
      3,
      { enterprises: 'id, districtCode, riskClass', enterpriseKeys: 'id', meta: 'key' },
      (old) => old.table('enterprises').put(enterprise(1, { name: '烟台海鲜酒楼有限公司' })),
    );

    const upgraded = await openedOfficerDatabase(officer);
    const [entry] = (await enterpriseDirectory(upgraded).all()).columns.entries();
    expect(entry).toMatchObject({ id: enterprise(1).id, initials: 'YTHXJLYXGS' });
  });
});

describe('version 9 upgrade', () => {
  it('drops the directory snapshot kept in meta, keeping the other meta rows', async () => {
    const officer = await officerWithOldDatabase(8, { meta: 'key' }, (old) =>
      old.table('meta').bulkPut([
        { key: 'directorySnapshot', value: '{"epoch":0}' },
        { key: 'profileEpoch', value: '2' },
      ]),
    );

    const upgraded = openOfficerDatabase(officer);
    expect(await upgraded.meta.toArray()).toEqual([{ key: 'profileEpoch', value: '2' }]);
    expect(await upgraded.directorySnapshots.count()).toBe(0);
  });
});

describe('version 11 upgrade', () => {
  it('stores each directory chunk’s entries as columns, and the directory reads them as before', async () => {
    const first = [enterprise(1), enterprise(2), enterprise(3)];
    const renamed = { ...enterprise(2), name: '烟台改名后有限公司' };
    const officer = await officerWithOldDatabase(
      10,
      { profileBlocks: '[chunk+block], epoch', directoryChunks: 'id, [epoch+id], [epoch+size]', meta: 'key' },
      async (old) => {
        for (const [id, profiles, deleted] of [
          [1, first, []],
          [2, [renamed], [enterprise(3).id]],
        ] as const) {
          const { texts, entries } = profileChunkOf(profiles);
          await old.table('profileBlocks').add({ chunk: id, block: 0, epoch: 0, texts });
          await old.table('directoryChunks').add(directoryChunkAsText(id, 0, entries, [...deleted]));
        }
      },
    );

    const upgraded = await openedOfficerDatabase(officer);
    const rows = await upgraded.directoryChunks.toArray();
    expect(rows.map((row) => [row.id, 'entries' in row, row.columns.id, row.size, row.deleted])).toEqual([
      [1, false, first.map((e) => e.id), 3, []],
      [2, false, [renamed.id], 1, [enterprise(3).id]],
    ]);
    const directory = enterpriseDirectory(upgraded);
    expect(await directory.get(enterprise(1).id)).toEqual(enterprise(1));
    expect(await directory.get(renamed.id)).toEqual(renamed);
    expect(await directory.get(enterprise(3).id)).toBeUndefined();
    expect((await directory.keys([renamed.id]))[0]).toMatchObject({ name: renamed.name, chunk: 2, slot: 0 });
  });
});
