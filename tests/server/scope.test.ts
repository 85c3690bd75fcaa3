import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { emptySectionEvidence } from '@shared/domain/model';
import type { Change } from '@shared/sync/protocol';
import { pruneScopeEvents } from '../../src/server/services/scope';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { idsOf, startHarness, type Harness } from './support/harness';

// The fixture plus t4: amr1 and tax1 inspect enterprise 5, which lies in unit B's district (outside unit A's
// jurisdiction), so only the task brings it to unit A's devices.
const fixture = buildFixture(12);
const uscc = (index: number) => fixture.enterpriseAt(index).uscc;
fixture.tasks.push({
  id: 't4',
  planId: 'plan-a',
  enterpriseId: uscc(5),
  departmentIds: ['dept-amr', 'dept-tax'],
  officerIds: ['amr1', 'tax1'],
  dueDate: '2025-06-30',
  status: 'assigned',
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
const inDistrict = (code: string) =>
  Array.from({ length: 12 }, (_, i) => fixture.enterpriseAt(i))
    .filter((e) => e.districtCode === code)
    .map((e) => e.uscc)
    .sort();

const deletes = (changes: Change[]) =>
  changes
    .filter((c) => c.op === 'delete')
    .map((c) => `${c.collection}/${c.id}`)
    .sort();
const upserts = (changes: Change[]) => changes.filter((c) => c.op === 'upsert');

describeEachDriver('pull scope changes', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const cursors: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of ['amr1', 'amr2', 'tax1', 'sup-a', 'amrb1']) tokens[username] = await h.login(username);
  });
  /** Everyone syncs to now; returns what each one received. */
  async function syncAll(): Promise<Record<string, Change[]>> {
    const received: Record<string, Change[]> = {};
    for (const [username, token] of Object.entries(tokens)) {
      const { changes, cursor } = await h.pullAll(token, 3, cursors[username] ?? '');
      received[username] = changes;
      cursors[username] = cursor;
    }
    return received;
  }

  it('brings an enterprise outside the jurisdiction through a task', async () => {
    const first = await syncAll();
    expect(idsOf(first.amr1!, 'enterprises')).toContain(uscc(5));
    expect(idsOf(first['sup-a']!, 'enterprises')).toContain(uscc(5));
    expect(idsOf(first.amr2!, 'enterprises')).not.toContain(uscc(5));
    expect(first.amr1!.every((c) => c.op === 'upsert')).toBe(true);
    // Nothing changed: nothing is sent, in particular no delete.
    expect(Object.values(await syncAll()).flat()).toEqual([]);
  });

  it('reassigning a task away deletes its task, sections and out-of-jurisdiction enterprise for the officer who left, and nothing else', async () => {
    await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr2', 'tax1'] WHERE id = 't4'`);
    const next = await syncAll();
    // amr1 keeps t1/t2 and therefore plan-a, the AMR and TAX items (t1) and tax1 (t1): only t4's own records go.
    expect(deletes(next.amr1!)).toEqual(['enterprises/' + uscc(5), 'sections/t4-dept-amr', 'sections/t4-dept-tax', 'tasks/t4']);
    expect(upserts(next.amr1!)).toEqual([]);
    // The new team member receives the task with everything it needs, and no deletes.
    expect(deletes(next.amr2!)).toEqual([]);
    expect(idsOf(upserts(next.amr2!), 'tasks')).toEqual(['t4']);
    expect(idsOf(upserts(next.amr2!), 'sections')).toEqual(['t4-dept-amr', 't4-dept-tax']);
    expect(idsOf(upserts(next.amr2!), 'enterprises')).toEqual([uscc(5)]);
    // tax1 stays on the task; the supervisor still sees the unit's task; unit B is untouched.
    for (const username of ['tax1', 'sup-a', 'amrb1']) expect(deletes(next[username]!)).toEqual([]);
  });

  it("deletes what only the reassigned task brought: its team members and its department's check items", async () => {
    // t2 (AMR + ECO, with eco1) moves from amr1 to amr2: eco1 and the ECO items were in amr1's scope only through t2.
    await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr2', 'eco1'] WHERE id = 't2'`);
    const next = await syncAll();
    const ecoItems = fixture.checkItems.filter((c) => c.departmentId === 'dept-eco').map((c) => `checkItems/${c.id}`);
    // Enterprise 1 is in unit A's jurisdiction, so it stays.
    expect(deletes(next.amr1!)).toEqual([...ecoItems, 'officers/eco1', 'sections/t2-dept-amr', 'sections/t2-dept-eco', 'tasks/t2'].sort());
    for (const username of ['amr2', 'tax1', 'sup-a', 'amrb1']) expect(deletes(next[username]!)).toEqual([]);
  });

  it("removing a district from a unit deletes its enterprises for the unit's officers, except those a task still needs", async () => {
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602'] WHERE id = 'unit-a'`);
    const next = await syncAll();
    const gone = inDistrict('370611').map((id) => `enterprises/${id}`);
    // Enterprise 1 (370611) is t2's: amr1 left t2, the supervisor still has it through the unit's task.
    expect(gone).toContain(`enterprises/${uscc(1)}`);
    expect(deletes(next.amr1!)).toEqual(gone);
    expect(deletes(next.tax1!)).toEqual(gone);
    expect(deletes(next['sup-a']!)).toEqual(gone.filter((id) => id !== `enterprises/${uscc(1)}`));
    expect(deletes(next.amrb1!)).toEqual([]);
    // The unit record itself changed and is sent to its officers.
    expect(idsOf(upserts(next.amr1!), 'units')).toEqual(['unit-a']);
  });

  it('adding the district back sends its enterprises again', async () => {
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602', '370611'] WHERE id = 'unit-a'`);
    const next = await syncAll();
    expect(idsOf(upserts(next.amr1!), 'enterprises')).toEqual(inDistrict('370611'));
    expect(deletes(next.amr1!)).toEqual([]);
    expect(idsOf(upserts(next.amrb1!), 'enterprises')).toEqual([]);
  });

  it('a deleted row is deleted on every device that held it', async () => {
    await h.database.db.execute(sql`DELETE FROM check_items WHERE id = 'dept-tax-item2'`);
    const next = await syncAll();
    expect(deletes(next.amr1!)).toEqual(['checkItems/dept-tax-item2']);
    expect(deletes(next['sup-a']!)).toEqual(['checkItems/dept-tax-item2']);
  });

  it('answers 410 cursor_reset to a cursor older than the retention horizon or from the future, and serves newer ones', async () => {
    const pull = (cursor: string) =>
      h.request({ method: 'GET', url: `/api/v1/sync/pull?cursor=${cursor}`, headers: { authorization: `Bearer ${tokens.amr1}` } });
    const future = (BigInt(cursors.amr1!) + 1_000_000n).toString();
    expect((await pull(future)).statusCode).toBe(410);
    expect((await pull(future)).json()).toMatchObject({ error: 'cursor_reset' });

    const { pruned, horizon } = await pruneScopeEvents(h.database.db, new Date(Date.now() + 60_000));
    expect(pruned).toBeGreaterThan(0);
    const stale = await pull('1');
    expect(stale.statusCode).toBe(410);
    expect(stale.json()).toMatchObject({ error: 'cursor_reset', message: expect.stringMatching(/replacement sync/) });
    // At the horizon and after it, nothing was lost: served as usual. An empty cursor is always a full pull.
    expect((await pull(horizon!)).statusCode).toBe(200);
    expect((await pull(cursors.amr1!)).json()).toEqual({ changes: [], cursor: cursors.amr1, hasMore: false });
    expect((await pull('')).statusCode).toBe(200);
    // Pruning again keeps the horizon (it never goes back).
    expect((await pruneScopeEvents(h.database.db, new Date(0))).pruned).toBe(0);
    expect((await pull('1')).statusCode).toBe(410);
  });
});
