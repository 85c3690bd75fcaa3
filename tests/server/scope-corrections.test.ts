// Corrections follow their task's scope like sections: an officer who leaves a task's team gets deletes for its
// corrections, a deleted correction is deleted on every device that held it, and clients that never asked for
// corrections (v1) get no change of that collection at all.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { emptySectionEvidence } from '@shared/domain/model';
import type { Change } from '@shared/sync/protocol';
import { sectionCorrections } from '../../src/server/db/schema';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { idsOf, startHarness, type Harness } from './support/harness';

// The fixture plus t4 (amr1 and tax1), whose AMR section was returned and has an open correction.
const fixture = buildFixture(12);
fixture.tasks.push({
  id: 't4',
  planId: 'plan-a',
  enterpriseId: fixture.enterpriseAt(5).uscc,
  departmentIds: ['dept-amr', 'dept-tax'],
  officerIds: ['amr1', 'tax1'],
  dueDate: '2025-06-30',
  status: 'in_progress',
});
for (const departmentId of ['dept-amr', 'dept-tax']) {
  fixture.sections.push({
    id: `t4-${departmentId}`,
    taskId: 't4',
    departmentId,
    checkItemIds: fixture.checkItems.filter((c) => c.departmentId === departmentId).map((c) => c.id),
    itemResults: [],
    resultCategory: null,
    status: 'draft',
    completedBy: null,
    completedAt: null,
    ...emptySectionEvidence(),
    version: 0,
  });
}
const CORRECTION = 'corr-t4-amr';

const deletes = (changes: Change[]) =>
  changes
    .filter((c) => c.op === 'delete')
    .map((c) => `${c.collection}/${c.id}`)
    .sort();
const upserts = (changes: Change[]) => changes.filter((c) => c.op === 'upsert');

describeEachDriver('corrections in the pull scope', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  // Devices: each officer's current client (include=corrections), and amr1 on a v1 client as well.
  const devices = [
    { name: 'amr1', username: 'amr1', include: 'corrections' },
    { name: 'amr1-v1', username: 'amr1', include: '' },
    { name: 'amr2', username: 'amr2', include: 'corrections' },
    { name: 'tax1', username: 'tax1', include: 'corrections' },
    { name: 'sup-a', username: 'sup-a', include: 'corrections' },
  ];
  const cursors: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of new Set(devices.map((d) => d.username))) tokens[username] = await h.login(username);
    await h.database.db.insert(sectionCorrections).values({
      id: CORRECTION,
      sectionId: 't4-dept-amr',
      taskId: 't4',
      departmentId: 'dept-amr',
      checkItemIds: [],
      returnReason: '缺少现场照片',
      returnedBy: 'sup-a',
      returnedAt: new Date(),
      itemResults: [],
      status: 'draft',
    });
  });
  async function syncAll(): Promise<Record<string, Change[]>> {
    const received: Record<string, Change[]> = {};
    for (const device of devices) {
      const { changes, cursor } = await h.pullAll(tokens[device.username]!, 3, cursors[device.name] ?? '', device.include);
      received[device.name] = changes;
      cursors[device.name] = cursor;
    }
    return received;
  }

  it('sends the correction to the team and the supervisor when asked for, to nobody else', async () => {
    const first = await syncAll();
    for (const name of ['amr1', 'tax1', 'sup-a']) expect(idsOf(first[name]!, 'corrections')).toEqual([CORRECTION]);
    expect(idsOf(first['amr1-v1']!, 'corrections')).toEqual([]);
    expect(idsOf(first.amr2!, 'corrections')).toEqual([]);
  });

  it('reassigning the task away deletes its correction with its sections for the officer who left', async () => {
    await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr2', 'tax1'] WHERE id = 't4'`);
    const next = await syncAll();
    // Enterprise 5 lies outside unit A's jurisdiction: only t4 brought it.
    const taskRecords = [`enterprises/${fixture.enterpriseAt(5).uscc}`, 'sections/t4-dept-amr', 'sections/t4-dept-tax', 'tasks/t4'];
    expect(deletes(next.amr1!)).toEqual([`corrections/${CORRECTION}`, ...taskRecords]);
    // The v1 client gets the same deletes except the collection it does not know.
    expect(deletes(next['amr1-v1']!)).toEqual(taskRecords);
    // The new team member receives the correction; the one who stays and the supervisor lose nothing.
    expect(idsOf(upserts(next.amr2!), 'corrections')).toEqual([CORRECTION]);
    for (const name of ['amr2', 'tax1', 'sup-a']) expect(deletes(next[name]!)).toEqual([]);
  });

  it('a deleted correction is deleted on every device that asked for corrections', async () => {
    await h.database.db.execute(sql`DELETE FROM section_corrections WHERE id = ${CORRECTION}`);
    const next = await syncAll();
    for (const name of ['amr2', 'tax1', 'sup-a']) expect(deletes(next[name]!)).toEqual([`corrections/${CORRECTION}`]);
    // amr1 already deleted it when leaving the task; a device without the record ignores a delete anyway.
    expect(deletes(next['amr1-v1']!)).toEqual([]);
  });
});
