// The app's push path end to end, under faults: devices run the app's own sync (syncNow, the repositories, the web
// bridge over HTTP, IndexedDB via fake-indexeddb) against the real endpoint, with the fault-injecting proxy in between.
// After every scenario: every device's outbox is empty, no mutation was applied twice (each section's version is the
// number of mutations applied to it), the last edit of every section is on the server, and every device holds exactly
// what the server holds (count and checksum per collection).
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { InspectionSection, ItemResult } from '@shared/domain/model';
import type { CallableOperation } from '@shared/api/operations';
import type { PushRequest } from '@shared/sync/protocol';
import type { SyncBridge } from '../../src/renderer/src/sync/syncNow';
import { outboxRepository } from '../../src/renderer/src/data/outboxRepository';
import { sectionsRepository } from '../../src/renderer/src/data/sectionsRepository';
import { queryRows } from '../../src/server/db/open';
import { FaultProxy, type Fault } from '../support/faultProxy';
import { Device, serverDigests } from './support/device';
import { describeEachDeployment } from './support/drivers';
import { PASSWORD, buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const fixture = buildFixture(6);
const item = (checkItemId: string, outcome: ItemResult['outcome'], note = ''): ItemResult => ({ checkItemId, outcome, note });
const noted =
  (note: string) =>
  (s: InspectionSection): InspectionSection => ({ ...s, itemResults: [item(s.checkItemIds[0]!, 'non_compliant', note)] });

/** A small deterministic generator (mulberry32), so a failing "random" reload point can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeEachDeployment('push from the app through a faulty network', (fresh) => {
  let h: Harness;
  let proxy: FaultProxy;
  const devices: Device[] = [];
  // One endpoint for the suite (the scenarios touch different sections or check only what they wrote); fresh devices each.
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    proxy = await FaultProxy.start(await h.listen());
  });
  afterAll(async () => {
    await proxy.close();
    await h.close();
  });
  beforeEach(() => proxy.clear());
  afterEach(async () => {
    for (const device of devices.splice(0)) await device.destroy();
  });

  async function device(username: string): Promise<Device> {
    const signedIn = await Device.signIn(proxy.url, username);
    devices.push(signedIn);
    await signedIn.sync();
    return signedIn;
  }

  const isPush = (r: { path: string }) => r.path.endsWith('/sync/push');

  /** Each section's version counts the mutations applied to it: a mutation applied twice would show as one more. */
  async function expectAppliedOnce(sectionIds: string[]): Promise<void> {
    for (const id of sectionIds) {
      const [row] = await queryRows<{ version: number; applied: string }>(
        h.database.db,
        sql`
        SELECT s.version, (SELECT count(*)::text FROM applied_mutations m WHERE m.result->>'sectionId' = s.id) AS applied
        FROM inspection_sections s WHERE s.id = ${id}`,
      );
      expect(row, id).toBeDefined();
      expect(Number(row!.applied), `${id}: applied mutations vs version`).toBe(row!.version);
    }
  }

  /** Nothing waiting, and each device holds exactly the server's records. */
  async function expectConverged(...all: Device[]): Promise<void> {
    for (const d of all) {
      expect(await d.db.outbox.count(), `${d.officerId}'s outbox`).toBe(0);
      expect(await d.localDigests(), `${d.officerId}'s records`).toEqual(await serverDigests(h, await h.login(d.officerId)));
    }
  }

  /** The section as its unit's supervisor pulls it from the endpoint. */
  async function onServer(id: string): Promise<InspectionSection> {
    const task = fixture.tasks.find((t) => t.id === fixture.sections.find((s) => s.id === id)?.taskId);
    const { changes } = await h.pullAll(await h.login(task?.planId === 'plan-b' ? 'amrb1' : 'sup-a'));
    const change = changes.findLast((c) => c.collection === 'sections' && c.id === id);
    if (!change || change.op !== 'upsert') throw new Error(`section ${id} not on the server`);
    return change.data as InspectionSection;
  }

  it('survives 500/502, connections dropped before and during the answer, truncated answers and delays', async () => {
    const amr1 = await device('amr1');
    const faults: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
      { kind: 'drop' },
      { kind: 'dropMidResponse', afterBytes: 20 },
      { kind: 'truncate', bytes: 30 },
      { kind: 'delay', ms: 150 },
    ];
    for (const [i, fault] of faults.entries()) {
      await amr1.edit('t1-dept-amr', noted(`故障${i}`));
      await amr1.edit('t2-dept-amr', noted(`故障${i}`));
      proxy.addRule({ match: isPush, fault, times: 1 });
      const first = await amr1.sync({ pushBatchSize: 1 }).then(
        () => 'synced',
        () => 'failed',
      );
      expect(first).toBe(fault.kind === 'delay' ? 'synced' : 'failed');
      // An edit made before the retry builds on whatever the lost answer would have said.
      await amr1.edit('t2-dept-amr', noted(`故障${i}后`));
      await amr1.sync({ pushBatchSize: 1 });
      expect((await onServer('t1-dept-amr')).itemResults[0]!.note, `after ${fault.kind}`).toBe(`故障${i}`);
    }
    expect((await onServer('t1-dept-amr')).itemResults[0]!.note).toBe('故障5');
    expect((await onServer('t2-dept-amr')).itemResults[0]!.note).toBe('故障5后');
    // Faults that reached the endpoint were applied then; their resends came back as duplicates, not as new writes.
    expect(proxy.log.filter((r) => isPush(r) && r.fault && r.forwarded).length).toBe(3);
    await expectAppliedOnce(['t1-dept-amr', 't2-dept-amr']);
    await expectConverged(amr1);
  });

  it('loses nothing when the app is closed at random points during push and reopened', async () => {
    const tax1 = await device('tax1');
    const next = random(20251128);
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      await tax1.edit('t1-dept-tax', noted(`第${round}轮`));
      await tax1.edit('t3-dept-tax', noted(`第${round}轮`));
      // The app dies while request k of this run is on its way: k = 1 and 2 are pushes, 3 and later pulls.
      const k = 1 + Math.floor(next() * 3);
      const start = proxy.log.length;
      proxy.schedule({ [start + k]: { kind: 'delay', ms: 100 } });
      const run = tax1.sync({ pushBatchSize: 1 }).then(
        () => 'finished',
        () => 'abandoned',
      );
      while (proxy.log.length < start + k) await new Promise((resolve) => setTimeout(resolve, 2));
      tax1.reopen();
      outcomes.add(await run);
      proxy.clear();
      // Sometimes the officer edits again before the next sync.
      if (next() < 0.5) await tax1.edit('t3-dept-tax', noted(`第${round}轮（重开后）`));
    }
    expect(outcomes.has('abandoned')).toBe(true);
    await tax1.sync();
    const last = (await tax1.section('t3-dept-tax')).itemResults[0]!.note;
    expect((await onServer('t1-dept-tax')).itemResults[0]!.note).toBe('第7轮');
    expect((await onServer('t3-dept-tax')).itemResults[0]!.note).toBe(last);
    await expectAppliedOnce(['t1-dept-tax', 't3-dept-tax']);
    await expectConverged(tax1);
  });

  it('applies replayed whole push batches once, and late answers change nothing on the device', async () => {
    const amr1 = await device('amr1');
    const sent: PushRequest['mutations'][] = [];
    const recording: SyncBridge = {
      ...amr1.bridge,
      call: ((name: CallableOperation, input?: { body?: PushRequest }) => {
        if (name === 'sync.push' && input?.body) sent.push(input.body.mutations);
        return (amr1.bridge.call as (n: CallableOperation, i?: object) => Promise<unknown>)(name, input);
      }) as SyncBridge['call'],
    };
    await amr1.edit('t1-dept-amr', noted('原始'));
    await amr1.edit('t2-dept-amr', noted('原始'));
    await amr1.sync({ pushBatchSize: 1 }, recording);
    expect(sent.map((batch) => batch.length)).toEqual([1, 1]);
    const versions = [(await onServer('t1-dept-amr')).version, (await onServer('t2-dept-amr')).version];

    await amr1.edit('t1-dept-amr', noted('之后的修改'));
    for (let replay = 0; replay < 3; replay++) {
      for (const batch of sent) {
        const { results } = await amr1.bridge.call('sync.push', { body: { mutations: batch } });
        expect(results.map((r) => r.status)).toEqual(['duplicate']);
        // A late answer to an acknowledged mutation finds nothing to do; the newer edit stays queued.
        await outboxRepository(amr1.db).applyPushResults(results, batch);
      }
    }
    expect([(await onServer('t1-dept-amr')).version, (await onServer('t2-dept-amr')).version]).toEqual(versions);
    expect(await amr1.db.outbox.count()).toBe(1);
    await amr1.sync();
    expect((await onServer('t1-dept-amr')).itemResults[0]!.note).toBe('之后的修改');
    await expectAppliedOnce(['t1-dept-amr', 't2-dept-amr']);
    await expectConverged(amr1);
  });

  it('two departments editing the same task offline never conflict: separate sections', async () => {
    const amr1 = await device('amr1');
    const tax1 = await device('tax1');
    await amr1.edit('t1-dept-amr', (s) => ({ ...s, itemResults: [item('dept-amr-item1', 'compliant')], representativeName: '王经理' }));
    await tax1.edit('t1-dept-tax', (s) => ({
      ...s,
      itemResults: [item('dept-tax-item1', 'non_compliant', '未按期申报')],
      representativeName: '李会计',
    }));
    expect(await amr1.sync()).toMatchObject({ acknowledged: 1, conflicts: 0, merged: 0 });
    expect(await tax1.sync()).toMatchObject({ acknowledged: 1, conflicts: 0, merged: 0 });
    await amr1.sync();
    expect(await onServer('t1-dept-amr')).toMatchObject({
      representativeName: '王经理',
      itemResults: [item('dept-amr-item1', 'compliant')],
    });
    expect(await onServer('t1-dept-tax')).toMatchObject({ representativeName: '李会计' });
    await expectAppliedOnce(['t1-dept-amr', 't1-dept-tax']);
    await expectConverged(amr1, tax1);
  });

  it('the same section on two devices: other items merge by themselves, the same item is shown and the choice applied', async () => {
    const one = await device('amrb1');
    const two = await device('amrb2');
    const id = 'tb1-dept-amr';
    await one.edit(id, (s) => ({ ...s, itemResults: [item('dept-amr-item1', 'compliant'), item('dept-amr-item2', 'compliant')] }));
    await two.edit(id, (s) => ({
      ...s,
      itemResults: [item('dept-amr-item1', 'non_compliant', '消防通道堵塞'), item('dept-amr-item3', 'not_applicable')],
    }));
    expect(await one.sync()).toMatchObject({ acknowledged: 1 });
    // The faulty network does not change the outcome: the first answer is lost, the resend sees the same conflict.
    proxy.addRule({ match: isPush, fault: { kind: 'dropMidResponse', afterBytes: 10 }, times: 1 });
    await expect(two.sync()).rejects.toBeDefined();
    expect(await two.sync()).toMatchObject({ conflicts: 1, acknowledged: 0 });

    const [held] = await two.db.outbox.toArray();
    expect(held).toMatchObject({ hold: 'conflict', serverChangedBy: 'amrb1' });
    expect(held!.conflicts).toEqual([
      {
        key: 'item:dept-amr-item1',
        base: null,
        local: item('dept-amr-item1', 'non_compliant', '消防通道堵塞'),
        server: item('dept-amr-item1', 'compliant'),
      },
    ]);
    // Item 2 came from the other device without asking; item 3 is still this device's.
    expect((await two.section(id)).itemResults.map((r) => r.checkItemId)).toEqual(['dept-amr-item1', 'dept-amr-item2', 'dept-amr-item3']);

    expect(await sectionsRepository(two.db).resolveConflict(id, { 'item:dept-amr-item1': 'local' })).toEqual({ ok: true });
    expect(await two.sync()).toMatchObject({ acknowledged: 1, conflicts: 0 });
    await one.sync();
    expect((await onServer(id)).itemResults).toEqual([
      item('dept-amr-item1', 'non_compliant', '消防通道堵塞'),
      item('dept-amr-item2', 'compliant'),
      item('dept-amr-item3', 'not_applicable'),
    ]);

    // Different items on the two devices: merged and sent in the same round, nobody is asked.
    await one.edit(id, (s) => ({ ...s, representativeName: '赵店长' }));
    await two.edit(id, (s) => ({
      ...s,
      itemResults: s.itemResults.map((r) => (r.checkItemId === 'dept-amr-item2' ? item('dept-amr-item2', 'non_compliant', '无台账') : r)),
    }));
    await one.sync();
    expect(await two.sync()).toMatchObject({ merged: 1, conflicts: 0, acknowledged: 1 });
    await one.sync();
    expect(await onServer(id)).toMatchObject({
      representativeName: '赵店长',
      itemResults: [expect.anything(), item('dept-amr-item2', 'non_compliant', '无台账'), expect.anything()],
    });
    await expectAppliedOnce([id]);
    await expectConverged(one, two);
  });

  it('a section completed on the server meanwhile is locked: the stale edit is refused with the locked copy, and let go explicitly', async () => {
    const one = await device('amrb1');
    const two = await device('amrb2');
    const id = 'tb1-dept-amr';
    const team = fixture.tasks.find((t) => t.id === 'tb1')!.officerIds;
    const signature = (kind: 'representative_signature' | 'officer_signature') => ({
      id: `${id}-${kind}`,
      sha256: 'c'.repeat(64),
      size: 2048,
      type: 'image/png' as const,
      kind,
      capturedAt: '2025-05-06T09:25:00.000Z',
    });
    await two.edit(id, (s) => ({ ...s, representativeName: '迟到的修改' }));
    // Both officers of the department were present: the second signs on the first one's laptop with their credentials.
    const second = { ...signature('officer_signature'), id: `${id}-amrb2`, sha256: 'f'.repeat(64), signedBy: 'amrb2' };
    const vouched = await h.request({
      method: 'POST',
      url: '/api/v1/attestations',
      payload: { username: 'amrb2', password: PASSWORD, taskId: 'tb1', purpose: 'officer_signature', subject: second.sha256 },
      headers: { authorization: `Bearer ${await h.login('amrb1')}` },
    });
    const attestation = {
      officerId: 'amrb2',
      at: vouched.json<{ at: string }>().at,
      method: 'online' as const,
      attestationId: vouched.json<{ id: string }>().id,
    };
    const ready = await one.edit(id, (s) => ({
      ...s,
      itemResults: s.checkItemIds.map((checkItemId) => item(checkItemId, 'compliant')),
      resultCategory: 'no_problem_found',
      checkIn: { at: '2025-05-06T09:00:00.000Z', location: null, accuracyM: null, place: '莱州市文化东街 8 号', source: 'typed' },
      teamPresent: team,
      representativeName: '赵店长',
      attachments: [
        signature('representative_signature'),
        { ...signature('officer_signature'), signedBy: 'amrb1' },
        { ...second, attestation },
      ],
    }));
    expect((await sectionsRepository(one.db).complete(ready, { officerId: 'amrb1', departmentOfficerIds: team })).ok).toBe(true);
    await one.sync();
    expect(await onServer(id)).toMatchObject({ status: 'completed', completedBy: 'amrb1' });

    expect(await two.sync()).toMatchObject({ rejected: 1 });
    const [held] = await two.db.outbox.toArray();
    expect(held).toMatchObject({
      hold: 'rejected',
      errors: ['section is completed and locked'],
      serverCurrent: { status: 'completed', completedBy: 'amrb1' },
    });
    // Nothing is dropped until the officer says so: the edit stays on the device, and syncing again changes nothing.
    expect((await two.section(id)).representativeName).toBe('迟到的修改');
    await two.sync();
    expect(await onServer(id)).toMatchObject({ status: 'completed', representativeName: '赵店长' });

    expect(await sectionsRepository(two.db).resolveConflict(id, 'take_server')).toEqual({ ok: true });
    await two.sync();
    await expectAppliedOnce([id]);
    await expectConverged(one, two);
  });
});
