// Each test gets its own officer database in fake-indexeddb, deleted once the test has finished.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { onTestFinished } from 'vitest';
import type { ProfileEntry } from '@shared/domain/directory';
import { databaseName, openOfficerDatabase, type OneVisitDb } from '../../src/renderer/src/data/db';

/** Call from beforeEach or from the test itself. */
export function freshOfficerDb(): OneVisitDb {
  const db = openOfficerDatabase(`test-${crypto.randomUUID()}`);
  onTestFinished(() => db.delete());
  return db;
}

/**
 * A new officer whose database an older version of the app left: the tables `stores` at `version`, filled by `fill`,
 * then closed. Returns the officer's id, for the test to open the database (and so upgrade it).
 */
export async function officerWithOldDatabase(
  version: number,
  stores: Record<string, string>,
  fill: (old: Dexie) => Promise<unknown>,
): Promise<string> {
  const officer = `test-${crypto.randomUUID()}`;
  const old = new Dexie(databaseName(officer));
  old.version(version).stores(stores);
  await fill(old);
  old.close();
  // The test leaves it open, upgraded: deleting it closes that connection (Dexie closes on 'versionchange').
  onTestFinished(() => Dexie.delete(databaseName(officer)));
  return officer;
}

/** How many profile chunks the database holds (each stored as one or more blocks). */
export async function storedProfileChunks(db: OneVisitDb): Promise<number> {
  return new Set((await db.profileBlocks.toCollection().primaryKeys()).map(([chunk]) => chunk)).size;
}

/** A directory chunk as versions 4 to 10 of the database stored it: its entries as one JSON text. */
export function directoryChunkAsText(id: number, epoch: number, entries: readonly ProfileEntry[], deleted: string[]) {
  return { id, epoch, entries: JSON.stringify(entries), size: entries.length, deleted };
}
