import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseName, openOfficerDatabase, type OneVisitDb } from './db';
import { localDataRepository } from './localDataRepository';
import { sectionsRepository } from './sectionsRepository';
import { section } from '../../../../tests/support/memoryServer';

let officerId: string;
let db: OneVisitDb;

beforeEach(async () => {
  officerId = `test-${crypto.randomUUID()}`;
  db = openOfficerDatabase(officerId);
  await db.open();
});
afterEach(async () => {
  if (db.isOpen()) await db.delete();
});

describe('localDataRepository', () => {
  it('counts the unsent changes and attachments that a wipe would lose', async () => {
    expect(await localDataRepository(db).unsent()).toEqual({ changes: 0, attachments: 0 });
    await db.sections.put(section('s-1'));
    await sectionsRepository(db).saveDraft({ ...section('s-1'), itemResults: [{ checkItemId: 'ci-1', outcome: 'compliant', note: '' }] });
    await db.attachments.put({
      id: 'a-1',
      sectionId: 's-1',
      meta: { id: 'a-1', sha256: 'a'.repeat(64), size: 3, type: 'image/jpeg', kind: 'photo', capturedAt: '2025-05-01T10:00:00+08:00' },
      bytes: new Uint8Array([1, 2, 3]),
      state: 'pending',
      uploadedAt: null,
      error: null,
    });
    expect(await localDataRepository(db).unsent()).toEqual({ changes: 1, attachments: 1 });
  });

  it("wipes the officer's whole database from this machine", async () => {
    await db.sections.put(section('s-1'));
    expect(await Dexie.exists(databaseName(officerId))).toBe(true);
    await localDataRepository(db).wipe();
    expect(await Dexie.exists(databaseName(officerId))).toBe(false);
    const reopened = openOfficerDatabase(officerId);
    expect(await reopened.sections.count()).toBe(0);
    await reopened.delete();
  });
});
