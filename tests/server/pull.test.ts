import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { pullResponseSchema, type Change } from '@shared/sync/protocol';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { idsOf, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(12);
const uscc = (index: number) => fixture.enterpriseAt(index).uscc;
/** Every enterprise registered in the given districts: an officer's jurisdiction. */
const jurisdiction = (...districtCodes: string[]) =>
  Array.from({ length: 12 }, (_, i) => fixture.enterpriseAt(i))
    .filter((e) => districtCodes.includes(e.districtCode))
    .map((e) => e.uscc)
    .sort();
const UNIT_A = ['370602', '370611'];

describeEachDriver('pull', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
  });

  it("gives an inspector exactly their tasks, what those tasks need, and the profiles of their unit's jurisdiction", async () => {
    const { changes } = await h.pullAll(await h.login('amr1'));
    expect(idsOf(changes, 'tasks')).toEqual(['t1', 't2']);
    expect(idsOf(changes, 'sections')).toEqual(['t1-dept-amr', 't1-dept-tax', 't2-dept-amr', 't2-dept-eco']);
    expect(idsOf(changes, 'enterprises')).toEqual(jurisdiction(...UNIT_A));
    expect(idsOf(changes, 'enterprises')).toEqual(expect.arrayContaining([uscc(0), uscc(1)]));
    expect(idsOf(changes, 'plans')).toEqual(['plan-a']);
    expect(idsOf(changes, 'departments')).toEqual(['dept-amr', 'dept-eco', 'dept-tax']);
    expect(idsOf(changes, 'checkItems')).toEqual(fixture.checkItems.map((c) => c.id).sort());
    expect(idsOf(changes, 'units')).toEqual(['unit-a']);
    expect(idsOf(changes, 'officers')).toEqual(['amr1', 'eco1', 'tax1']);
    // Each record exactly once, and exactly as stored.
    expect(new Set(changes.map((c) => `${c.collection}/${c.id}`)).size).toBe(changes.length);
    const enterprise = changes.find((c) => c.collection === 'enterprises' && c.id === uscc(0));
    expect(enterprise && 'data' in enterprise ? enterprise.data : null).toEqual(fixture.enterpriseAt(0));
    const task = changes.find((c) => c.collection === 'tasks' && c.id === 't1');
    expect(task && 'data' in task ? task.data : null).toEqual(fixture.tasks[0]);
    const plan = changes.find((c) => c.collection === 'plans');
    expect(plan && 'data' in plan ? plan.data : null).toEqual(fixture.plans[0]);
  });

  it('never hands out usernames or password hashes', async () => {
    for (const username of ['amr1', 'sup-a']) {
      const { changes } = await h.pullAll(await h.login(username));
      const text = JSON.stringify(changes);
      expect(text).not.toMatch(/scrypt|password|username/i);
      for (const officer of changes.filter((c) => c.collection === 'officers')) {
        expect(Object.keys('data' in officer ? (officer.data as object) : {}).sort()).toEqual([
          'departmentId',
          'id',
          'name',
          'role',
          'unitId',
        ]);
      }
    }
  });

  it("gives an inspector on no task only reference data, themself and the jurisdiction's profiles", async () => {
    const { changes } = await h.pullAll(await h.login('lonely'));
    expect(new Set(changes.map((c) => c.collection))).toEqual(new Set(['departments', 'units', 'officers', 'enterprises']));
    expect(idsOf(changes, 'officers')).toEqual(['lonely']);
    expect(idsOf(changes, 'enterprises')).toEqual(jurisdiction(...UNIT_A));
  });

  it('gives a supervisor everything of their unit and nothing of another', async () => {
    const { changes } = await h.pullAll(await h.login('sup-a'));
    expect(idsOf(changes, 'tasks')).toEqual(['t1', 't2', 't3']);
    expect(idsOf(changes, 'sections')).toEqual(['t1-dept-amr', 't1-dept-tax', 't2-dept-amr', 't2-dept-eco', 't3-dept-amr', 't3-dept-tax']);
    expect(idsOf(changes, 'plans')).toEqual(['plan-a']);
    expect(idsOf(changes, 'enterprises')).toEqual(jurisdiction(...UNIT_A));
    expect(idsOf(changes, 'officers')).toEqual(['amr1', 'amr2', 'eco1', 'lonely', 'sup-a', 'tax1']);
    expect(idsOf(changes, 'units')).toEqual(['unit-a']);
    expect(idsOf(changes, 'checkItems')).toHaveLength(fixture.checkItems.length);
  });

  it('pages with cursor and limit: every change exactly once, in change order', async () => {
    const token = await h.login('sup-a');
    const whole = await h.pullAll(token, 5000);
    for (const limit of [1, 2, 3, 7]) {
      const paged = await h.pullAll(token, limit);
      expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(whole.changes.length / limit));
      expect(paged.changes.map((c) => `${c.collection}/${c.id}`)).toEqual(whole.changes.map((c) => `${c.collection}/${c.id}`));
      expect(paged.cursor).toBe(whole.cursor);
    }
    // Nothing new after the last cursor.
    const after = await h.request({
      method: 'GET',
      url: `/api/v1/sync/pull?cursor=${whole.cursor}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.json()).toEqual({ changes: [], cursor: whole.cursor, hasMore: false });
  });

  it('never splits records that share a task stamp across pages (inspector paging)', async () => {
    const token = await h.login('amr1');
    const whole = await h.pullAll(token, 5000);
    const key = (c: Change) => `${c.collection}/${c.id}`;
    for (const limit of [1, 2, 5]) {
      const paged = await h.pullAll(token, limit);
      expect(paged.changes.map(key).sort()).toEqual(whole.changes.map(key).sort());
      expect(new Set(paged.changes.map(key)).size).toBe(paged.changes.length);
    }
  });

  it('re-sends the plan and team when a task newly names the inspector (its enterprise is already in the jurisdiction)', async () => {
    const token = await h.login('amr2');
    const first = await h.pullAll(token);
    expect(idsOf(first.changes, 'enterprises')).toContain(uscc(1));
    // No explicit change_seq: the stamping trigger draws it for every write.
    await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr1', 'eco1', 'amr2'] WHERE id = 't2'`);
    const next = await h.pullAll(token, 1000, first.cursor);
    expect(idsOf(next.changes, 'tasks')).toEqual(['t2']);
    expect(idsOf(next.changes, 'enterprises')).toEqual([]);
    expect(idsOf(next.changes, 'sections')).toEqual(['t2-dept-amr', 't2-dept-eco']);
    expect(idsOf(next.changes, 'officers')).toEqual(['amr1', 'amr2', 'eco1']);
    expect(idsOf(next.changes, 'plans')).toEqual(['plan-a']);
    await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr1', 'eco1'] WHERE id = 't2'`);
  });

  it('keeps units apart: an inspector of unit B sees only unit B data', async () => {
    const { changes } = await h.pullAll(await h.login('amrb1'));
    expect(idsOf(changes, 'tasks')).toEqual(['tb1']);
    expect(idsOf(changes, 'enterprises')).toEqual(jurisdiction('370683'));
    expect(idsOf(changes, 'enterprises')).toContain(uscc(2));
    expect(idsOf(changes, 'units')).toEqual(['unit-b']);
    expect(idsOf(changes, 'plans')).toEqual(['plan-b']);
  });
});

describeEachDriver('pull remaining', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
  });

  it("counts, when asked, the scope's records after each page from the server's data; absent otherwise", async () => {
    const token = await h.login('amr1');
    const { changes } = await h.pullAll(token);
    const get = (cursor: string, extra = '&remaining=1') =>
      h.request({
        method: 'GET',
        url: `/api/v1/sync/pull?cursor=${cursor}&limit=4${extra}`,
        headers: { authorization: `Bearer ${token}` },
      });
    const plain = (await get('', '')).json<Record<string, unknown>>();
    expect(plain).not.toHaveProperty('remaining');

    let cursor = '';
    let received = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = pullResponseSchema.parse((await get(cursor)).json());
      received += page.changes.length;
      expect(page.remaining).toBe(changes.length - received);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(received).toBe(changes.length);
  });

  it('counts the records that entered the scope without changing (an officer moved to another unit)', async () => {
    const token = await h.login('amr2');
    const { cursor: start } = await h.pullAll(token);
    await h.database.db.execute(sql`UPDATE officers SET unit_id = 'unit-b' WHERE id = 'amr2'`);
    const upserted = (changes: Change[]) => changes.filter((c) => c.op === 'upsert').length;
    const arriving = upserted((await h.pullAll(token, 1000, start)).changes);
    // Unit B and its jurisdiction's profiles entered: their records are older than the cursor.
    expect(arriving).toBeGreaterThan(2);

    let cursor = start;
    let received = 0;
    for (let pages = 0; pages < 100; pages++) {
      const response = await h.request({
        method: 'GET',
        url: `/api/v1/sync/pull?cursor=${cursor}&limit=2&remaining=1`,
        headers: { authorization: `Bearer ${token}` },
      });
      const page = pullResponseSchema.parse(response.json());
      received += upserted(page.changes as Change[]);
      // Deletes are not counted (protocol.ts): what remains is the upserts still to come.
      expect(page.remaining).toBe(arriving - received);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(received).toBe(arriving);
  });
});
