import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { InspectionSection, TaskStatus } from '@shared/domain/model';
import type { Change } from '@shared/sync/protocol';
import type { OneVisitDb } from './db';
import { pullRepository } from './pullRepository';
import { sectionsRepository } from './sectionsRepository';
import { followSections } from './taskProgress';
import { tasksRepository } from './tasksRepository';
import { AS_OFF1, answered, enterprise, section, task } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';

const company = enterprise(1);
const started = { itemResults: [{ checkItemId: 'ci-1', outcome: 'compliant' as const, note: '' }] };
const upsert = (collection: Change['collection'], data: { id: string }) => ({ op: 'upsert', collection, id: data.id, data }) as Change;

let db: OneVisitDb;

/** A joint inspection of two departments, pulled as the server sends it. */
async function pullJointTask(
  status: TaskStatus = 'assigned',
  sections = [section('sec-amr'), section('sec-eco', { departmentId: 'dep-eco' })],
) {
  const joint = task('task-1', { enterpriseId: company.id, departmentIds: ['dep-amr', 'dep-eco'], status });
  await pullRepository(db).applyPullPage({
    changes: [upsert('enterprises', company), upsert('tasks', joint), ...sections.map((s) => upsert('sections', s))],
    cursor: 'c1',
    hasMore: false,
  });
}

/** What the task list, the task page and the map show of task-1. */
async function shown() {
  const repo = tasksRepository(db);
  const [row] = await repo.listWithEnterprises();
  const [point] = await repo.mapPoints();
  return {
    list: { status: row!.task.status, waitingFor: row!.waitingFor },
    task: (await repo.get('task-1'))!.status,
    map: { status: point!.status, waitingFor: point!.waitingFor },
  };
}

beforeEach(() => {
  db = freshOfficerDb();
});

describe('followSections', () => {
  async function statusAfter(current: TaskStatus, sections: Partial<InspectionSection>[]) {
    await db.tasks.put(task('task-1', { status: current }));
    await db.sections.bulkPut(sections.map((s, i) => section(`sec-${i}`, s)));
    await followSections(db, ['task-1']);
    return (await db.tasks.get('task-1'))!.status;
  }
  const done = { status: 'completed' as const, ...started, completedAt: '2025-07-01T10:00:00+08:00' };

  it('leaves a task as it is until a section has results', async () => {
    expect(await statusAfter('assigned', [{}, {}])).toBe('assigned');
  });

  it('starts the task once a section has results', async () => {
    expect(await statusAfter('assigned', [started, {}])).toBe('in_progress');
  });

  it('completes the task with its last section, awaiting review', async () => {
    expect(await statusAfter('assigned', [done, done])).toBe('completed');
    expect(await db.tasks.get('task-1')).toMatchObject({ reviewStatus: 'awaiting_review', checkedOn: '2025-07-01' });
  });

  it('never sends a started task back', async () => {
    expect(await statusAfter('in_progress', [{}, {}])).toBe('in_progress');
    expect(await statusAfter('in_progress', [])).toBe('in_progress');
  });
});

describe('a local edit moves the task everywhere it is shown', () => {
  it('starts the task with the first result saved on this machine', async () => {
    await pullJointTask();
    const sections = sectionsRepository(db);
    await sections.saveDraft({ ...(await sections.get('sec-amr'))!, ...started });

    expect(await shown()).toEqual({
      list: { status: 'in_progress', waitingFor: undefined },
      task: 'in_progress',
      map: { status: 'in_progress', waitingFor: undefined },
    });
  });

  it('shows the task waiting for the other department once one section is completed offline', async () => {
    await pullJointTask();
    const sections = sectionsRepository(db);
    const result = await sections.complete(answered((await sections.get('sec-amr'))!), AS_OFF1);
    expect(result.ok).toBe(true);

    expect(await shown()).toEqual({
      list: { status: 'in_progress', waitingFor: ['dep-eco'] },
      task: 'in_progress',
      map: { status: 'in_progress', waitingFor: ['dep-eco'] },
    });
    expect((await tasksRepository(db).waiting()).map((w) => [w.task.id, w.waitingFor])).toEqual([['task-1', ['dep-eco']]]);
  });

  it('keeps that status when the server’s older copy of the task arrives before the edit is pushed', async () => {
    await pullJointTask();
    const sections = sectionsRepository(db);
    await sections.saveDraft({ ...(await sections.get('sec-amr'))!, ...started });
    await pullRepository(db).applyPullPage({
      changes: [upsert('tasks', task('task-1', { enterpriseId: company.id, departmentIds: ['dep-amr', 'dep-eco'] }))],
      cursor: 'c2',
      hasMore: false,
    });

    expect((await shown()).task).toBe('in_progress');
  });

  it('leaves a task without local edits as the server sent it', async () => {
    await pullJointTask('assigned', [section('sec-amr', started), section('sec-eco', { departmentId: 'dep-eco' })]);
    expect((await shown()).task).toBe('assigned');
  });
});
