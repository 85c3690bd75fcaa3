import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterprise, task } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { writeProfileChanges } from './profileStore';
import { mapPointsOf, tasksRepository } from './tasksRepository';
import { loadPinyin } from './pinyin';

beforeAll(loadPinyin);

describe('tasks repository', () => {
  it('lists and maps the tasks soonest due first, tasks due the same day in id order', async () => {
    const db = freshOfficerDb();
    await db.transaction('rw', [db.profileBlocks, db.directoryChunks, db.meta], () => writeProfileChanges(db, 0, [enterprise(1)], []));
    const due = { 't-a': '2025-07-02', 't-b': '2025-06-30', 't-c': '2025-07-01', 't-d': '2025-06-30', 't-e': '2025-07-01' };
    await db.tasks.bulkPut(Object.entries(due).map(([id, dueDate]) => task(id, { dueDate, enterpriseId: enterprise(1).id })));

    const expected = ['t-b', 't-d', 't-c', 't-e', 't-a'];
    expect((await tasksRepository(db).listWithEnterprises()).map((row) => row.task.id)).toEqual(expected);
    expect(mapPointsOf(await tasksRepository(db).listWithEnterprises()).map((point) => point.task.id)).toEqual(expected);
  });
});
