import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { loginResponseSchema, ownSessionListSchema } from '@shared/api/auth';
import { buildApp } from '../../src/server/app';
import { LoginThrottle } from '../../src/server/auth/loginThrottle';
import { queryRows } from '../../src/server/db/open';
import { describeEachDriver } from './support/drivers';
import { PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { as } from './support/admin';

describeEachDriver('accounts: sign-out, sessions, password change, throttling', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh);
  });

  const login = (username: string, password: string, remoteAddress = '127.0.0.1', deviceId = 'laptop') =>
    h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, deviceId }, remoteAddress });
  const tokenOf = async (username: string, deviceId = 'laptop', password = PASSWORD) => {
    const response = await login(username, password, '127.0.0.1', deviceId);
    expect(response.statusCode).toBe(200);
    return loginResponseSchema.parse(response.json()).token;
  };
  const pull = (token: string) => as(h, token, { method: 'GET', url: '/api/v1/sync/pull' });

  it('logout revokes the token on the server', async () => {
    const token = await tokenOf('amr1');
    expect((await pull(token)).statusCode).toBe(200);
    const response = await as(h, token, { method: 'POST', url: '/api/v1/auth/logout', payload: {} });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ended: 1 });
    expect((await pull(token)).statusCode).toBe(401);
  });

  it('names each own session by what its device told at sign-in', async () => {
    const device = { hostName: 'AMR-DESK-07', system: 'Windows 11', appVersion: '1.4.0' };
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sup-a', password: PASSWORD, deviceId: 'named-desk', device },
    });
    const token = loginResponseSchema.parse(response.json()).token;
    await tokenOf('sup-a', 'silent-laptop');
    const list = ownSessionListSchema.parse((await as(h, token, { method: 'GET', url: '/api/v1/auth/sessions' })).json());
    expect(list.sessions.find((s) => s.deviceId === 'named-desk')).toMatchObject(device);
    expect(list.sessions.find((s) => s.deviceId === 'silent-laptop')).toMatchObject({ hostName: null, system: null, appVersion: null });
  });

  it('lists the officer’s own active sessions and ends one of them', async () => {
    const here = await tokenOf('amr2', 'desk');
    const there = await tokenOf('amr2', 'laptop-left-at-home');
    const list = ownSessionListSchema.parse((await as(h, here, { method: 'GET', url: '/api/v1/auth/sessions' })).json());
    expect(list.sessions.map((s) => [s.deviceId, s.current]).sort()).toEqual([
      ['desk', true],
      ['laptop-left-at-home', false],
    ]);
    const other = list.sessions.find((s) => !s.current)!;
    // Another officer cannot end it.
    const stranger = await tokenOf('tax1');
    expect((await as(h, stranger, { method: 'POST', url: `/api/v1/auth/sessions/${other.id}/end`, payload: {} })).statusCode).toBe(404);
    expect((await as(h, here, { method: 'POST', url: `/api/v1/auth/sessions/${other.id}/end`, payload: {} })).statusCode).toBe(200);
    expect((await pull(there)).statusCode).toBe(401);
    expect((await pull(here)).statusCode).toBe(200);
  });

  it('changes the password under the policy; the other sessions end and the new token works', async () => {
    const token = await tokenOf('eco1', 'desk');
    const elsewhere = await tokenOf('eco1', 'tablet');
    const change = (currentPassword: string, newPassword: string) =>
      as(h, token, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword, newPassword } });
    const refused = async (newPassword: string, problem: RegExp) => {
      const response = await change(PASSWORD, newPassword);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(problem);
    };
    await refused('short-1', /at least 10 characters/);
    await refused('ECO1-is-my-name', /must not contain the user name/);
    await refused('password123', /commonly used/);
    await refused('qwertyuiop', /commonly used/);
    expect((await change('not-the-password', 'a-long-unusual-phrase')).statusCode).toBe(401);

    const changed = await change(PASSWORD, 'a-long-unusual-phrase');
    expect(changed.statusCode).toBe(200);
    const { token: fresh } = loginResponseSchema.parse(changed.json());
    expect((await pull(token)).statusCode).toBe(401);
    expect((await pull(elsewhere)).statusCode).toBe(401);
    expect((await pull(fresh)).statusCode).toBe(200);
    expect((await login('eco1', PASSWORD)).statusCode).toBe(401);
    expect((await login('eco1', 'a-long-unusual-phrase')).statusCode).toBe(200);
  });

  it('opens the new session on the caller’s device, whatever device id the body names (a revoked one included)', async () => {
    const supervisor = await tokenOf('sup-a', 'desk-a');
    await tokenOf('amr2', 'laptop-stolen');
    expect((await as(h, supervisor, { method: 'POST', url: '/api/v1/devices/laptop-stolen/revoke', payload: {} })).statusCode).toBe(200);
    const token = await tokenOf('amr2', 'desk');
    const changed = await as(h, token, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'another-unusual-phrase', deviceId: 'laptop-stolen' },
    });
    expect(changed.statusCode).toBe(200);
    const { token: fresh } = loginResponseSchema.parse(changed.json());
    const list = ownSessionListSchema.parse((await as(h, fresh, { method: 'GET', url: '/api/v1/auth/sessions' })).json());
    expect(list.sessions.map((s) => [s.deviceId, s.current])).toEqual([['desk', true]]);
    const onStolen = await queryRows<{ n: number }>(
      h.database.db,
      sql`SELECT count(*)::int AS n FROM sessions WHERE device_id = 'laptop-stolen' AND revoked_at IS NULL`,
    );
    expect(onStolen[0]?.n).toBe(0);
  });

  it('locks a user name after 5 failures within 15 minutes, with Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('amrb1', 'wrong-guess', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await login('amrb1', PASSWORD, '10.1.0.99');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(locked.json()).toMatchObject({ error: 'too_many_requests' });
    // The lock is the name's: the same addresses sign in as others.
    expect((await login('amrb2', PASSWORD, '10.1.0.0')).statusCode).toBe(200);
  });

  it('holds back an address after 20 failures within 10 minutes, so it cannot try many names quickly', async () => {
    const names = ['amr1', 'amr2', 'tax1', 'eco1', 'sup-a', 'lonely', 'amrb2', 'nobody1', 'nobody2', 'nobody3'];
    // Four failures per name at most: no name gets locked by this address.
    for (let i = 0; i < 20; i++) expect((await login(names[i % names.length]!, 'wrong-guess', '10.2.0.1')).statusCode).toBe(401);
    const held = await login('tax1', PASSWORD, '10.2.0.1');
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    // Nobody else is locked out: each of those names still signs in from elsewhere.
    for (const name of ['amr1', 'tax1', 'sup-a']) expect((await login(name, PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only when TRUST_PROXY says so', async () => {
    const attempts = async (trustProxy: boolean) => {
      const app = await buildApp({ database: h.database, trustProxy, loginThrottle: new LoginThrottle() });
      const statuses: number[] = [];
      // 21 failures from the proxy (10.3.0.1), each claiming another client address.
      for (let i = 0; i < 21; i++) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `nobody${i}`, password: 'wrong-guess', deviceId: 'd' },
          remoteAddress: '10.3.0.1',
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
        });
        statuses.push(response.statusCode);
      }
      await app.close();
      return statuses;
    };
    expect((await attempts(false)).at(-1)).toBe(429);
    expect((await attempts(true)).every((status) => status === 401)).toBe(true);
  });
});
