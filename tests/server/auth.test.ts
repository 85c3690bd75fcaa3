import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { healthResponseSchema, loginResponseSchema } from '@shared/api/auth';
import { LOGIN_FAILED_MESSAGE } from '../../src/server/services/auth';
import { describeEachDriver } from './support/drivers';
import { PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { queryRows } from '../../src/server/db/open';

describeEachDriver('health and sign-in', (fresh, kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh);
  });

  const pullWith = (authorization?: string) =>
    h.request({ method: 'GET', url: '/api/v1/sync/pull', headers: authorization === undefined ? {} : { authorization } });

  it('reports health and which database runs', async () => {
    const response = await h.request({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(healthResponseSchema.parse(response.json())).toEqual({ status: 'ok', db: kind });
  });

  it('signs in with the right password and answers the public officer record', async () => {
    const before = Date.now();
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'amr1', password: PASSWORD, deviceId: 'laptop-1' },
    });
    expect(response.statusCode).toBe(200);
    const body = loginResponseSchema.parse(response.json());
    expect(body.officer).toEqual({ id: 'amr1', name: '检查员amr1', departmentId: 'dept-amr', unitId: 'unit-a', role: 'inspector' });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ttl = Date.parse(body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(11.9 * 3_600_000);
    expect(ttl).toBeLessThan(12.1 * 3_600_000);
    expect(response.body).not.toMatch(/scrypt|passwordHash|password_hash/);
    // Only a hash of the token is stored.
    const sessions = await queryRows<{ token_hash: string; device_id: string }>(
      h.database.db,
      sql`SELECT token_hash, device_id FROM sessions WHERE officer_id = 'amr1'`,
    );
    expect(sessions.some((s) => s.device_id === 'laptop-1')).toBe(true);
    expect(sessions.every((s) => s.token_hash !== body.token && /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
    expect((await pullWith(`Bearer ${body.token}`)).statusCode).toBe(200);
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrong = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'amr1', password: 'nope-nope', deviceId: 'd' },
    });
    const unknown = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: PASSWORD, deviceId: 'd' },
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: 'unauthorized', message: LOGIN_FAILED_MESSAGE });
    }
  });

  it('refuses a missing, garbage, malformed or unknown token', async () => {
    const cases = [undefined, 'Bearer', 'Bearer !!!not-a-token!!!', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'A'.repeat(43)}`, 'garbage'];
    for (const authorization of cases) {
      const response = await pullWith(authorization);
      expect(response.statusCode, String(authorization)).toBe(401);
      const body = response.json<{ error: string; message: string }>();
      expect(body.error).toBe('unauthorized');
      expect(body.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses an expired token', async () => {
    const token = await h.login('tax1');
    expect((await pullWith(`Bearer ${token}`)).statusCode).toBe(200);
    await h.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE officer_id = 'tax1'`);
    const response = await pullWith(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json<{ message: string }>().message).toMatch(/expired/);
  });

  it('honours the configured token lifetime', async () => {
    const short = await startHarness(fresh, undefined, 0.5);
    const response = await short.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'amr1', password: PASSWORD, deviceId: 'd' },
    });
    const ttl = Date.parse(response.json<{ expiresAt: string }>().expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0.4 * 3_600_000);
    expect(ttl).toBeLessThan(0.6 * 3_600_000);
    await short.app.close();
  });
});
