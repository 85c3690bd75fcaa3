// The endpoint behind the fault-injecting proxy, driven by the shared ApiClient as the app drives it: replayed push
// batches, push answers lost on the way back, truncated and failed pull pages. Nothing is applied twice, nothing lost.
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ApiClient, ApiError } from '@shared/api/client';
import type { InspectionSection } from '@shared/domain/model';
import type { Change, Mutation } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { FaultProxy } from '../support/faultProxy';
import { describeEachDeployment } from './support/drivers';
import { buildFixture, PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const fixture = buildFixture(12);
const base = (id: string) => fixture.sections.find((s) => s.id === id)!;
const draft = (id: string, note: string): InspectionSection => ({
  ...base(id),
  itemResults: [{ checkItemId: base(id).checkItemIds[0]!, outcome: 'non_compliant', note }],
});
const mutation = (data: InspectionSection, baseVersion: number): Mutation => ({
  mutationId: randomUUID(),
  collection: 'sections',
  id: data.id,
  baseVersion,
  data,
});

describeEachDeployment('endpoint behind a faulty network', (fresh) => {
  let h: Harness;
  let proxy: FaultProxy;
  let client: ApiClient;
  let token: string | null = null;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    proxy = await FaultProxy.start(await h.listen());
    client = new ApiClient({ baseUrl: proxy.url, getToken: () => token });
    token = (await client.call('auth.login', { body: { username: 'amr1', password: PASSWORD, deviceId: 'laptop-1' } })).token;
  });
  afterAll(async () => {
    await proxy.close();
    await h.close();
  });
  beforeEach(() => proxy.clear());

  const versionOf = async (id: string) =>
    (await queryRows<{ version: number }>(h.database.db, sql`SELECT version FROM inspection_sections WHERE id = ${id}`))[0]?.version;
  const appliedCount = async (ids: string[]) =>
    Number(
      (
        await queryRows<{ n: string }>(
          h.database.db,
          sql`SELECT count(*)::text AS n FROM applied_mutations WHERE mutation_id = ANY(${sql.param(ids)}::text[])`,
        )
      )[0]?.n,
    );

  it('applies a replayed push batch exactly once: the replay answers duplicate with the same versions', async () => {
    const batch = { deviceId: 'laptop-1', mutations: [mutation(draft('t1-dept-amr', '一'), 0), mutation(draft('t2-dept-amr', '二'), 0)] };
    const first = await client.call('sync.push', { body: batch });
    expect(first.results.map((r) => [r.status, r.version])).toEqual([
      ['applied', 1],
      ['applied', 1],
    ]);
    for (let replay = 0; replay < 3; replay++) {
      const again = await client.call('sync.push', { body: batch });
      expect(again.results.map((r) => [r.status, r.version])).toEqual([
        ['duplicate', 1],
        ['duplicate', 1],
      ]);
    }
    expect([await versionOf('t1-dept-amr'), await versionOf('t2-dept-amr')]).toEqual([1, 1]);
    expect(await appliedCount(batch.mutations.map((m) => m.mutationId))).toBe(2);
  });

  it('a push whose answer is lost is applied; the retry is a duplicate with the same version', async () => {
    const batch = { deviceId: 'laptop-1', mutations: [mutation(draft('t1-dept-amr', '答复丢失'), 1)] };
    proxy.addRule({ match: (r) => r.path.endsWith('/sync/push'), fault: { kind: 'dropMidResponse', afterBytes: 10 }, times: 1 });
    await expect(client.call('sync.push', { body: batch })).rejects.toBeInstanceOf(ApiError);
    expect(proxy.log.at(-1)?.forwarded).toBe(true);
    expect(await versionOf('t1-dept-amr')).toBe(2);
    const retry = await client.call('sync.push', { body: batch });
    expect(retry.results[0]).toMatchObject({ status: 'duplicate', version: 2 });
    expect(await versionOf('t1-dept-amr')).toBe(2);
  });

  it('a push answered 500/502 by the network was not applied; the retry applies it once', async () => {
    const batch = { deviceId: 'laptop-1', mutations: [mutation(draft('t2-dept-amr', '网关错误'), 1)] };
    proxy
      .addRule({ match: (r) => r.path.endsWith('/sync/push'), fault: { kind: 'status', status: 502 }, times: 1 })
      .addRule({ match: (r) => r.path.endsWith('/sync/push'), fault: { kind: 'status', status: 500 }, times: 1 });
    for (let attempt = 0; attempt < 2; attempt++)
      await expect(client.call('sync.push', { body: batch })).rejects.toMatchObject({ kind: 'server' });
    expect(await versionOf('t2-dept-amr')).toBe(1);
    expect((await client.call('sync.push', { body: batch })).results[0]).toMatchObject({ status: 'applied', version: 2 });
  });

  it('a truncated, cut or failed pull page is an error and does not advance the cursor; retrying completes the same pull', async () => {
    const reference: Change[] = (await h.pullAll(token!, 4)).changes;
    proxy.schedule({
      [proxy.log.length + 2]: { kind: 'truncate', bytes: 300 },
      [proxy.log.length + 4]: { kind: 'dropMidResponse', afterBytes: 50 },
      [proxy.log.length + 6]: { kind: 'status', status: 502 },
      [proxy.log.length + 7]: { kind: 'drop' },
      [proxy.log.length + 9]: { kind: 'delay', ms: 100 },
    });
    const received: Change[] = [];
    let cursor = '';
    let failures = 0;
    for (let requests = 0; requests < 50; requests++) {
      let page;
      try {
        page = await client.pull({ cursor, limit: 4 });
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        failures++;
        continue;
      }
      received.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(failures).toBe(4);
    const key = (c: Change) => `${c.op} ${c.collection}/${c.id}`;
    expect(received.map(key)).toEqual(reference.map(key));
    expect(received).toEqual(reference);
  });

  it('compresses large pull responses for clients that accept it', async () => {
    const supervisor = await h.login('sup-a');
    const plain = await h.request({
      method: 'GET',
      url: '/api/v1/sync/pull?limit=5000',
      headers: { authorization: `Bearer ${supervisor}` },
    });
    const zipped = await h.request({
      method: 'GET',
      url: '/api/v1/sync/pull?limit=5000',
      headers: { authorization: `Bearer ${supervisor}`, 'accept-encoding': 'gzip' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(plain.json());
  });
});
