// Each test gets its own officer database in fake-indexeddb, deleted once the test has finished.
import 'fake-indexeddb/auto';
import { onTestFinished } from 'vitest';
import { openOfficerDatabase, type OneVisitDb } from '../../src/renderer/src/data/db';

/** Call from beforeEach or from the test itself. */
export function freshOfficerDb(): OneVisitDb {
  const db = openOfficerDatabase(`test-${crypto.randomUUID()}`);
  onTestFinished(() => db.delete());
  return db;
}

/** How many profile chunks the database holds (each stored as one or more blocks). */
export async function storedProfileChunks(db: OneVisitDb): Promise<number> {
  return new Set((await db.profileBlocks.toCollection().primaryKeys()).map(([chunk]) => chunk)).size;
}
