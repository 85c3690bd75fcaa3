// A push batch is applied in one transaction (services/push.ts): the same outcomes and effects as pushing its mutations
// one request at a time; text the contract refuses is a clean 400 that writes nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { InspectionSection } from '@shared/domain/model';
import type { Mutation, MutationResult } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(6);

function section(id: string, patch: Partial<InspectionSection> = {}): InspectionSection {
  const base = fixture.sections.find((s) => s.id === id);
  if (!base) throw new Error(`no fixture section ${id}`);
  return { ...base, ...patch };
}

const mutation = (data: InspectionSection, baseVersion = 0): Mutation => ({
  mutationId: randomUUID(),
  collection: 'sections',
  id: data.id,
  baseVersion,
  data,
});

const result = (checkItemId: string, outcome: 'compliant' | 'non_compliant', note = '') => ({ checkItemId, outcome, note });

/** What a push leaves behind: the records the officer pulls (without change_seq) and the applied mutations. */
async function effects(h: Harness, token: string) {
  const { changes } = await h.pullAll(token);
  const records = changes
    .filter((c) => c.collection === 'sections' || c.collection === 'tasks')
    .map((c) => ({ collection: c.collection, id: c.id, data: 'data' in c ? c.data : null }))
    .sort((a, b) => `${a.collection}/${a.id}`.localeCompare(`${b.collection}/${b.id}`));
  const applied = await queryRows(
    h.database.db,
    sql`SELECT mutation_id, officer_id, device_id, result FROM applied_mutations ORDER BY mutation_id`,
  );
  return { records, applied };
}

describeEachDriver('push batches', (fresh) => {
  const tokens = new Map<Harness, string>();
  async function seeded(): Promise<Harness> {
    const h = await startHarness(fresh, fixture);
    tokens.set(h, await h.login('amr1'));
    return h;
  }
  const push = (h: Harness, mutations: Mutation[]) => h.push(tokens.get(h)!, { deviceId: 'dev', mutations });

  it('a mixed batch (applied, replayed, conflicting, rejected) answers and writes what one push per mutation does', async () => {
    const batched = await seeded();
    const oneByOne = await seeded();
    const replayed = mutation(section('t1-dept-amr', { itemResults: [result('dept-amr-item1', 'compliant')] }));
    const first = mutation(section('t2-dept-amr', { itemResults: [result('dept-amr-item1', 'non_compliant', '台账缺失')] }));
    const mixture = [
      first,
      replayed,
      // Stale against a version written before the batch, and against one written earlier in the same batch.
      mutation(section('t1-dept-amr'), 0),
      mutation(section('t1-dept-tax')),
      mutation(section('t2-dept-amr', { itemResults: [...first.data.itemResults, result('dept-amr-item2', 'compliant')] }), 1),
      first,
      mutation(section('t2-dept-amr'), 1),
      // Completed without the officer, the category and the signatures: the section rules refuse it.
      mutation(section('t2-dept-amr', { status: 'completed' }), 2),
    ];
    const answers = new Map<Harness, MutationResult[]>();
    for (const h of [batched, oneByOne]) expect((await push(h, [replayed])).results[0]?.status).toBe('applied');
    answers.set(batched, (await push(batched, mixture)).results);
    const single: MutationResult[] = [];
    for (const m of mixture) single.push(...(await push(oneByOne, [m])).results);
    answers.set(oneByOne, single);

    expect(answers.get(batched)!.map((r) => [r.status, r.version])).toEqual([
      ['applied', 1],
      ['duplicate', 1],
      ['conflict', 1],
      ['rejected', undefined],
      ['applied', 2],
      ['duplicate', 1],
      ['conflict', 2],
      ['rejected', undefined],
    ]);
    expect(answers.get(batched)![2]).toMatchObject({
      changedBy: 'amr1',
      current: { id: 't1-dept-amr', version: 1, itemResults: replayed.data.itemResults },
    });
    expect(answers.get(batched)![6]).toMatchObject({ changedBy: 'amr1', current: { id: 't2-dept-amr', version: 2 } });
    expect(answers.get(batched)![3]?.errors).toEqual([expect.stringMatching(/belongs to department dept-tax/)]);
    expect(answers.get(batched)).toEqual(answers.get(oneByOne));

    const written = await effects(batched, tokens.get(batched)!);
    expect(written).toEqual(await effects(oneByOne, tokens.get(oneByOne)!));
    expect(written.applied).toHaveLength(3);
    expect(written.records.find((r) => r.id === 't2')?.data).toMatchObject({ status: 'in_progress' });
  });

  it('a NUL in a text field is refused as invalid (400) naming the field, and nothing of the batch is written', async () => {
    const batched = await seeded();
    const before = await snapshot(batched.database);
    const ahead = mutation(section('t1-dept-amr', { itemResults: [result('dept-amr-item1', 'compliant')] }));
    // PostgreSQL stores no NUL character in text: the contract refuses it before the database sees it.
    const refused = mutation(section('t2-dept-amr', { representativeName: '王\u0000经理' }));
    const behind = mutation(section('t2-dept-amr', { representativeName: '王经理' }));
    const response = await batched.request({
      method: 'POST',
      url: '/api/v1/sync/push',
      payload: { deviceId: 'dev', mutations: [ahead, refused, behind] },
      headers: { authorization: `Bearer ${tokens.get(batched)!}` },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'invalid_request',
      message: expect.stringMatching(/mutations\.1\.data\.representativeName: .*U\+0000/),
    });
    expect(await snapshot(batched.database)).toEqual(before);

    // The client holds the refused mutation and sends the rest: they apply.
    const { results } = await push(batched, [ahead, behind]);
    expect(results.map((r) => [r.status, r.version])).toEqual([
      ['applied', 1],
      ['applied', 1],
    ]);
  });

  it('a mutation the database fails on is answered rejected and failed, while the others of the batch apply', async () => {
    const batched = await seeded();
    // A fault of the database for one value only (as a broken index or a full tablespace would be for one row).
    await batched.database.db.execute(sql`
      CREATE FUNCTION fail_on_marker() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.representative_name = '故障' THEN RAISE EXCEPTION 'simulated storage fault'; END IF;
        RETURN NEW;
      END $$`);
    await batched.database.db.execute(
      sql`CREATE TRIGGER fail_on_marker BEFORE UPDATE ON inspection_sections FOR EACH ROW EXECUTE FUNCTION fail_on_marker()`,
    );
    const ahead = mutation(section('t1-dept-amr', { representativeName: '王经理' }));
    const failing = mutation(section('t2-dept-amr', { representativeName: '故障' }));
    const behind = mutation(section('t1-dept-amr', { representativeName: '李经理' }), 1);
    const { results } = await push(batched, [ahead, failing, behind]);
    expect(results.map((r) => [r.mutationId, r.status, r.failed])).toEqual([
      [ahead.mutationId, 'applied', undefined],
      [failing.mutationId, 'rejected', true],
      [behind.mutationId, 'applied', undefined],
    ]);
    expect(results[1]?.errors).toEqual([expect.stringMatching(/could not store this change/)]);
    // Alone, it fails the same way, and is answered the same way: the database itself answers.
    expect((await push(batched, [failing])).results).toEqual([expect.objectContaining({ status: 'rejected', failed: true })]);

    // Once the fault is gone, sending it again applies it.
    await batched.database.db.execute(sql`DROP TRIGGER fail_on_marker ON inspection_sections`);
    expect((await push(batched, [failing])).results).toEqual([expect.objectContaining({ status: 'applied', version: 1 })]);
  });
});
