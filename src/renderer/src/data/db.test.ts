import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { databaseName, openOfficerDatabase } from './db';
import { sectionsRepository } from './sectionsRepository';
import { section } from '../../../../tests/support/memoryServer';

describe('version 5 upgrade', () => {
  it('keeps a version-4 outbox readable under recordId', async () => {
    const officer = `test-${crypto.randomUUID()}`;
    const old = new Dexie(databaseName(officer));
    old.version(4).stores({ outbox: 'mutationId, sectionId, createdAt', sections: 'id, taskId, departmentId' });
    const record = section('sec-1');
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
    old.close();

    const upgraded = openOfficerDatabase(officer);
    try {
      const entries = await upgraded.outbox.orderBy('createdAt').toArray();
      expect(entries.map((e) => e.recordId)).toEqual(['sec-1', 'cor-1']);
      expect(entries.every((e) => !('sectionId' in e))).toBe(true);
      expect((await upgraded.outbox.where('recordId').equals('cor-1').toArray()).map((e) => e.mutationId)).toEqual(['m-2']);
      expect(await sectionsRepository(upgraded).pendingCount()).toBe(2);
      expect((await sectionsRepository(upgraded).outboxFor(['sec-1'])).map((e) => e.mutationId)).toEqual(['m-1']);
    } finally {
      await upgraded.delete();
    }
  });
});
