import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { DEVICE_REVOKED, deviceRevocationSchema } from '@shared/api/contract';
import { emptySectionEvidence } from '@shared/domain/model';
import { pullResponseSchema } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { describeEachDriver } from './support/drivers';
import { PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

describeEachDriver('device revocation', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh);
    // A supervisor of the other unit, to check that supervisors revoke only their own officers' devices.
    await h.database.db.execute(sql`
      INSERT INTO officers (id, username, name, department_id, unit_id, role, password_hash)
      SELECT 'sup-b', 'sup-b', '监督员b', department_id, 'unit-b', 'supervisor', password_hash FROM officers WHERE id = 'sup-a'`);
  });

  const login = async (username: string, deviceId: string) =>
    h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD, deviceId } });
  const tokenOf = async (username: string, deviceId: string) => {
    const response = await login(username, deviceId);
    expect(response.statusCode).toBe(200);
    return response.json<{ token: string }>().token;
  };
  const revoke = (token: string, deviceId: string) =>
    h.request({ method: 'POST', url: `/api/v1/devices/${deviceId}/revoke`, headers: { authorization: `Bearer ${token}` }, payload: {} });
  const pull = (token: string) => h.request({ method: 'GET', url: '/api/v1/sync/pull', headers: { authorization: `Bearer ${token}` } });
  const section = { id: 't1-dept-amr', taskId: 't1', departmentId: 'dept-amr', checkItemIds: ['dept-amr-item1', 'dept-amr-item2', 'dept-amr-item3'] };

  it('refuses inspectors, and supervisors for devices no officer of their unit used', async () => {
    await tokenOf('amr1', 'laptop-a1');
    const inspector = await revoke(await tokenOf('amr2', 'laptop-a2'), 'laptop-a1');
    expect(inspector.statusCode).toBe(403);
    const otherUnit = await revoke(await tokenOf('sup-b', 'desk-b'), 'laptop-a1');
    expect(otherUnit.statusCode).toBe(404);
    expect(otherUnit.json()).toMatchObject({ error: 'not_found' });
    const unknown = await revoke(await tokenOf('sup-a', 'desk-a'), 'never-seen');
    expect(unknown.statusCode).toBe(404);
    expect((await pull(await tokenOf('amr1', 'laptop-a1'))).statusCode).toBe(200);
  });

  it('lets the revoked device upload its queued work once, then answers device_revoked, ends its sessions and refuses sign-in', async () => {
    const token = await tokenOf('amr1', 'laptop-r');
    const other = await tokenOf('amr1', 'laptop-kept');
    const response = await revoke(await tokenOf('sup-a', 'desk-a'), 'laptop-r');
    expect(response.statusCode).toBe(200);
    expect(deviceRevocationSchema.parse(response.json())).toMatchObject({ deviceId: 'laptop-r', sessionsRevoked: 1 });

    // Queued work still reaches the server.
    const current = (await queryRows<{ version: number }>(h.database.db, sql`SELECT version FROM inspection_sections WHERE id = ${section.id}`))[0];
    const pushed = await h.push(token, {
      deviceId: 'laptop-r',
      mutations: [{
        mutationId: 'revoked-device-m1', collection: 'sections', id: section.id, baseVersion: current?.version ?? 0,
        data: { ...section, itemResults: [], resultCategory: null, status: 'draft', completedBy: null, completedAt: null, ...emptySectionEvidence(), version: current?.version ?? 0 },
      }],
    });
    expect(pushed.results).toEqual([expect.objectContaining({ mutationId: 'revoked-device-m1', status: 'applied' })]);

    // Its next pull learns the revocation, and keeps learning it (whichever request comes first, the app hears it).
    const refused = await pull(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: DEVICE_REVOKED });
    expect((await pull(token)).json()).toMatchObject({ error: DEVICE_REVOKED });
    // Once told, the device uploads nothing more.
    const late = await h.request({
      method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${token}` },
      payload: { deviceId: 'laptop-r', mutations: [{ mutationId: 'revoked-device-m2', collection: 'sections', id: section.id, baseVersion: 0, data: {} }] },
    });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: DEVICE_REVOKED });
    const told = await queryRows<{ n: number }>(h.database.db, sql`SELECT count(*)::int AS n FROM sessions WHERE device_id = 'laptop-r' AND revocation_told_at IS NOT NULL`);
    expect(told[0]?.n).toBe(1);

    const again = await login('amr1', 'laptop-r');
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ error: DEVICE_REVOKED });
    // Other devices of the same officer are untouched.
    expect(pullResponseSchema.parse((await pull(other)).json()).changes.length).toBeGreaterThan(0);
  });

  it('is idempotent', async () => {
    await tokenOf('amr2', 'laptop-twice');
    const supervisor = await tokenOf('sup-a', 'desk-a');
    const first = deviceRevocationSchema.parse((await revoke(supervisor, 'laptop-twice')).json());
    const second = deviceRevocationSchema.parse((await revoke(supervisor, 'laptop-twice')).json());
    expect(second).toEqual({ ...first, sessionsRevoked: 0 });
  });
});
