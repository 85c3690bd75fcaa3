// Ending a recusal early (recusals.end): the unit's supervisors only, never before it starts, and only ever shorter.
// Registering and ending one are entries of the audit trail.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/open';
import { verifyAuditChain } from '../../src/server/services/audit';
import type { Recusal } from '@shared/domain/model';
import { recusals } from '../../src/server/db/schema';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(30);
const enterpriseOf = (districtCode: string) =>
  Array.from({ length: 30 }, (_, i) => fixture.enterpriseAt(i)).find((e) => e.districtCode === districtCode)!.uscc;

describeEachDriver('recusals.end', (fresh) => {
  let h: Harness;
  let supervisor: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const register = async (validTo: string | null) => {
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/recusals',
      headers: auth(supervisor),
      payload: { officerId: 'amr1', enterpriseId: enterpriseOf('370602'), reason: '配偶在该企业任职', validFrom: '2025-01-01', validTo },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Recusal>();
  };
  const end = (recusalId: string, validTo: unknown, token = supervisor) =>
    h.request({ method: 'POST', url: `/api/v1/recusals/${recusalId}/end`, headers: auth(token), payload: { validTo } });

  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    supervisor = await h.login('sup-a');
  });

  it('ends an open-ended recusal, then brings its end forward, and lists it so', async () => {
    const recusal = await register(null);
    const ended = await end(recusal.id, '2025-06-30');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ ...recusal, validTo: '2025-06-30' });
    expect((await end(recusal.id, '2025-01-01')).json()).toEqual({ ...recusal, validTo: '2025-01-01' });
    const listed = await h.request({ method: 'GET', url: '/api/v1/recusals', headers: auth(supervisor) });
    expect(listed.json<{ recusals: Recusal[] }>().recusals).toContainEqual({ ...recusal, validTo: '2025-01-01' });
  });

  it('records who registered and who ended a recusal, from which device, in the audit chain', async () => {
    const recusal = await register(null);
    expect((await end(recusal.id, '2025-03-31')).statusCode).toBe(200);
    const entries = await queryRows<{ action: string; actor_id: string; device_id: string; details: unknown }>(
      h.database.db,
      sql`SELECT action, actor_id, device_id, details FROM audit_log WHERE record_type = 'recusal' AND record_id = ${recusal.id} ORDER BY seq`,
    );
    expect(entries).toEqual([
      { action: 'recusal.created', actor_id: 'sup-a', device_id: 'test-device', details: {} },
      { action: 'recusal.ended', actor_id: 'sup-a', device_id: 'test-device', details: { validTo: { from: null, to: '2025-03-31' } } },
    ]);
    expect((await verifyAuditChain(h.database.db)).firstMismatch).toBeNull();
  });

  it('refuses an end before the start (400) and one that would not shorten the period (409), changing nothing', async () => {
    const recusal = await register('2025-06-30');
    const before = await snapshot(h.database);
    const early = await end(recusal.id, '2024-12-31');
    expect(early.statusCode).toBe(400);
    expect(early.json()).toEqual({
      error: 'invalid_request',
      message: `validTo 2024-12-31 is before the recusal starts (2025-01-01)`,
    });
    for (const validTo of ['2025-06-30', '2025-07-01']) {
      const later = await end(recusal.id, validTo);
      expect(later.statusCode).toBe(409);
      expect(later.json()).toEqual({
        error: 'conflict',
        message: `recusal ${recusal.id} already ended on 2025-06-30: an end date can only bring the end forward`,
      });
    }
    const malformed = await end(recusal.id, '30.06.2025');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'invalid_request', details: [expect.stringMatching(/^validTo: /)] });
    expect(await snapshot(h.database)).toEqual(before);
  });

  it("lets only a supervisor end a recusal of their own unit: 403 for an inspector, 404 for another unit's", async () => {
    const recusal = await register(null);
    const asInspector = await end(recusal.id, '2025-03-31', await h.login('amr1'));
    expect(asInspector.statusCode).toBe(403);
    expect(asInspector.json()).toEqual({ error: 'forbidden', message: 'only a supervisor of the unit may end recusals' });

    await h.database.db.insert(recusals).values({
      id: 'recusal-unit-b',
      unitId: 'unit-b',
      officerId: 'amrb1',
      enterpriseId: enterpriseOf('370683'),
      reason: '曾在该企业任职',
      validFrom: '2025-01-01',
      validTo: null,
      createdBy: 'amrb2',
    });
    const before = await snapshot(h.database);
    for (const id of ['recusal-unit-b', 'recusal-none']) {
      const response = await end(id, '2025-03-31');
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: 'not_found', message: `no recusal ${id} in your unit` });
    }
    expect(await snapshot(h.database)).toEqual(before);
  });
});
