import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { deviceListResponseSchema, deviceRevocationSchema } from '@shared/api/devices';
import { DEVICE_REVOKED } from '@shared/api/errors';
import { draftSection, emptySectionEvidence, type InspectionSection } from '@shared/domain/model';
import { pullResponseSchema } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { REVOKED_UPLOAD_GRACE_MS } from '../../src/server/services/auth';
import { describeEachDriver } from './support/drivers';
import { PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

/** An officer of unit-b in sup-a's department, with the same (demo) password; the username is the id. */
async function addOfficerLikeSupA(h: Harness, id: string, name: string, role: 'supervisor' | 'admin'): Promise<void> {
  await h.database.db.execute(sql`
    INSERT INTO officers (id, username, name, department_id, unit_id, role, password_hash)
    SELECT ${id}, ${id}, ${name}, department_id, 'unit-b', ${role}, password_hash FROM officers WHERE id = 'sup-a'`);
}

describeEachDriver('device revocation', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh);
    // A supervisor of the other unit, to check that supervisors revoke only their own officers' devices.
    await addOfficerLikeSupA(h, 'sup-b', '监督员b', 'supervisor');
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
  const section = {
    id: 't1-dept-amr',
    taskId: 't1',
    departmentId: 'dept-amr',
    checkItemIds: ['dept-amr-item1', 'dept-amr-item2', 'dept-amr-item3'],
  };

  it('names each device by what it told of itself at its latest sign-in, and a device that never told by nothing', async () => {
    const device = { hostName: 'ZFQ-LAPTOP-07', system: 'Windows 10 Pro (x64)', appVersion: '1.2.0' };
    const told = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'amr1', password: PASSWORD, deviceId: 'laptop-named', device },
    });
    expect(told.statusCode, told.body).toBe(200);
    await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'amr2', password: PASSWORD, deviceId: 'laptop-named', device: { ...device, appVersion: '1.3.0' } },
    });
    await tokenOf('amr1', 'laptop-silent');
    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'amr1', password: PASSWORD, deviceId: 'laptop-x', device: { hostName: 'x', system: '', appVersion: '1' } },
    });
    expect(bad.statusCode).toBe(400);
    const list = await h.request({
      method: 'GET',
      url: '/api/v1/devices',
      headers: { authorization: `Bearer ${await tokenOf('sup-a', 'desk-a')}` },
    });
    const devices = deviceListResponseSchema.parse(list.json()).devices;
    expect(devices.find((d) => d.deviceId === 'laptop-named')).toMatchObject({ ...device, appVersion: '1.3.0' });
    expect(devices.find((d) => d.deviceId === 'laptop-silent')).toMatchObject({ hostName: null, system: null, appVersion: null });
  });

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
    const current = (
      await queryRows<{ version: number }>(h.database.db, sql`SELECT version FROM inspection_sections WHERE id = ${section.id}`)
    )[0];
    const pushed = await h.push(token, {
      deviceId: 'laptop-r',
      mutations: [
        {
          mutationId: 'revoked-device-m1',
          collection: 'sections',
          id: section.id,
          baseVersion: current?.version ?? 0,
          data: {
            ...section,
            itemResults: [],
            resultCategory: null,
            status: 'draft',
            completedBy: null,
            completedAt: null,
            ...emptySectionEvidence(),
            version: current?.version ?? 0,
          },
        },
      ],
    });
    expect(pushed.results).toEqual([expect.objectContaining({ mutationId: 'revoked-device-m1', status: 'applied' })]);

    // Its next pull learns the revocation, and keeps learning it (whichever request comes first, the app hears it).
    const refused = await pull(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: DEVICE_REVOKED });
    expect((await pull(token)).json()).toMatchObject({ error: DEVICE_REVOKED });
    // Once told, the device uploads nothing more.
    const late = await h.request({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        deviceId: 'laptop-r',
        mutations: [{ mutationId: 'revoked-device-m2', collection: 'sections', id: section.id, baseVersion: 0, data: {} }],
      },
    });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: DEVICE_REVOKED });
    const told = await queryRows<{ n: number }>(
      h.database.db,
      sql`SELECT count(*)::int AS n FROM sessions WHERE device_id = 'laptop-r' AND revocation_told_at IS NOT NULL`,
    );
    expect(told[0]?.n).toBe(1);

    const again = await login('amr1', 'laptop-r');
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ error: DEVICE_REVOKED });
    // Other devices of the same officer are untouched.
    expect(pullResponseSchema.parse((await pull(other)).json()).changes.length).toBeGreaterThan(0);
  });

  // [the revoked device's first request, how the endpoint answers it]
  const firstRequests: [string, (token: string) => Promise<{ statusCode: number }>, number][] = [
    ['a pull', (token) => pull(token), 401],
    [
      'an attachment download',
      (token) => h.request({ method: 'GET', url: `/api/v1/attachments/${'0'.repeat(64)}`, headers: { authorization: `Bearer ${token}` } }),
      401,
    ],
    [
      'a review read',
      (token) => h.request({ method: 'GET', url: '/api/v1/review/queue', headers: { authorization: `Bearer ${token}` } }),
      401,
    ],
    [
      'an upload',
      (token) => h.request({ method: 'HEAD', url: `/api/v1/attachments/${'0'.repeat(64)}`, headers: { authorization: `Bearer ${token}` } }),
      404,
    ],
  ];

  it.each(firstRequests)(
    'takes the queued sections and attachments of a revoked device whose first request is %s, once',
    async (kind, first, status) => {
      const device = `laptop-first-${kind.replace(/\W+/g, '-')}`;
      const token = await tokenOf('amr1', device);
      expect((await revoke(await tokenOf('sup-a', 'desk-a'), device)).statusCode).toBe(200);
      const answer = await first(token);
      expect(answer.statusCode).toBe(status);

      // Then the app pushes what it holds: the photo's bytes, then the section that lists it.
      const bytes = Buffer.from(`photo taken before the revocation (${kind})`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const auth = { authorization: `Bearer ${token}` };
      const put = await h.request({
        method: 'PUT',
        url: `/api/v1/attachments/${sha256}`,
        payload: bytes,
        headers: { ...auth, 'content-type': 'image/png' },
      });
      expect(put.statusCode).toBe(201);
      const [current] = await queryRows<{ version: number }>(
        h.database.db,
        sql`SELECT version FROM inspection_sections WHERE id = 't2-dept-amr'`,
      );
      const version = current?.version ?? 0;
      const photo = {
        id: `photo-${device}`,
        sha256,
        size: bytes.length,
        type: 'image/png' as const,
        kind: 'photo' as const,
        capturedAt: '2025-05-01T10:00:00+08:00',
      };
      const data: InspectionSection = {
        ...draftSection({ ...section, id: 't2-dept-amr', taskId: 't2' }, version),
        attachments: [photo],
      };
      const pushed = await h.push(token, {
        deviceId: device,
        mutations: [{ mutationId: `queued-${device}`, collection: 'sections', id: 't2-dept-amr', baseVersion: version, data }],
      });
      expect(pushed.results).toEqual([expect.objectContaining({ status: 'applied' })]);

      // Told after delivering, it uploads nothing more.
      expect((await pull(token)).json()).toMatchObject({ error: DEVICE_REVOKED });
      const late = await h.request({
        method: 'PUT',
        url: `/api/v1/attachments/${'1'.repeat(64)}`,
        payload: bytes,
        headers: { ...auth, 'content-type': 'image/png' },
      });
      expect(late.statusCode).toBe(401);
      expect(late.json()).toMatchObject({ error: DEVICE_REVOKED });
    },
  );

  it('refuses the uploads of a revoked device that never pulls once the grace after its first delivery is over', async () => {
    const token = await tokenOf('amr1', 'laptop-pushes-only');
    expect((await revoke(await tokenOf('sup-a', 'desk-a'), 'laptop-pushes-only')).statusCode).toBe(200);
    const upload = (n: number) => {
      const bytes = Buffer.from(`photo ${n} pushed by a token that never pulls`);
      return h.request({
        method: 'PUT',
        url: `/api/v1/attachments/${createHash('sha256').update(bytes).digest('hex')}`,
        payload: bytes,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      });
    };
    expect((await upload(1)).statusCode).toBe(201);
    expect((await upload(2)).statusCode).toBe(201);
    // The grace runs from the first delivery: put it just past.
    const firstDelivery = new Date(Date.now() - REVOKED_UPLOAD_GRACE_MS - 1000);
    await h.database.db.execute(
      sql`UPDATE sessions SET revocation_uploaded_at = ${firstDelivery.toISOString()}::timestamptz WHERE device_id = 'laptop-pushes-only'`,
    );
    const late = await upload(3);
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: DEVICE_REVOKED });
    expect((await upload(4)).statusCode).toBe(401);
  });

  it('is idempotent', async () => {
    await tokenOf('amr2', 'laptop-twice');
    const supervisor = await tokenOf('sup-a', 'desk-a');
    const first = deviceRevocationSchema.parse((await revoke(supervisor, 'laptop-twice')).json());
    const second = deviceRevocationSchema.parse((await revoke(supervisor, 'laptop-twice')).json());
    expect(second).toEqual({ ...first, sessionsRevoked: 0 });
  });
});

describeEachDriver('device list', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh);
    await addOfficerLikeSupA(h, 'admin-x', '管理员x', 'admin');
  });
  const tokenOf = async (username: string, deviceId: string) => {
    const response = await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD, deviceId } });
    expect(response.statusCode).toBe(200);
    return response.json<{ token: string }>().token;
  };
  const get = (token: string) => h.request({ method: 'GET', url: '/api/v1/devices', headers: { authorization: `Bearer ${token}` } });
  const listDevices = async (token: string) => {
    const response = await get(token);
    expect(response.statusCode).toBe(200);
    return deviceListResponseSchema.parse(response.json()).devices;
  };
  const setSignInTime = (deviceId: string, at: string) =>
    h.database.db.execute(sql`UPDATE sessions SET created_at = ${at}::timestamptz WHERE device_id = ${deviceId}`);

  it("lists a supervisor the devices their unit's officers used, with who, when and how many sessions; an admin every device", async () => {
    // A laptop shared by amr1 (twice) and amr2, one of unit b only, and one of unit b that amr1 borrowed once.
    const amr1 = await tokenOf('amr1', 'laptop-shared');
    await tokenOf('amr1', 'laptop-shared');
    await tokenOf('amr2', 'laptop-shared');
    await tokenOf('amrb1', 'laptop-b');
    await tokenOf('amrb1', 'laptop-borrowed');
    await setSignInTime('laptop-shared', '2026-03-01T01:00:00Z');
    await setSignInTime('laptop-b', '2026-03-02T01:00:00Z');
    await setSignInTime('laptop-borrowed', '2026-03-03T01:00:00Z');
    await h.database.db.execute(
      sql`UPDATE sessions SET created_at = '2026-03-04T01:00:00Z' WHERE device_id = 'laptop-borrowed' AND officer_id = 'amrb1'`,
    );
    await tokenOf('amr1', 'laptop-borrowed');
    await h.database.db.execute(
      sql`UPDATE sessions SET created_at = '2026-03-03T01:00:00Z' WHERE device_id = 'laptop-borrowed' AND officer_id = 'amr1'`,
    );
    // A push counts as being seen too: the shared laptop was last seen when amr1 pushed from it.
    const current = (
      await queryRows<{ version: number }>(h.database.db, sql`SELECT version FROM inspection_sections WHERE id = 't1-dept-amr'`)
    )[0]!.version;
    await h.push(amr1, {
      deviceId: 'laptop-shared',
      mutations: [
        {
          mutationId: 'device-list-m1',
          collection: 'sections',
          id: 't1-dept-amr',
          baseVersion: current,
          data: {
            id: 't1-dept-amr',
            taskId: 't1',
            departmentId: 'dept-amr',
            checkItemIds: ['dept-amr-item1', 'dept-amr-item2', 'dept-amr-item3'],
            itemResults: [],
            resultCategory: null,
            status: 'draft',
            completedBy: null,
            completedAt: null,
            ...emptySectionEvidence(),
            version: current,
          },
        },
      ],
    });
    const [pushed] = await queryRows<{ at: Date | string }>(
      h.database.db,
      sql`SELECT applied_at AS at FROM applied_mutations WHERE mutation_id = 'device-list-m1'`,
    );

    const supervisor = await listDevices(await tokenOf('sup-a', 'desk-a'));
    const ids = supervisor.map((d) => d.deviceId);
    expect(ids).toEqual(expect.arrayContaining(['laptop-shared', 'laptop-borrowed', 'desk-a']));
    expect(ids).not.toContain('laptop-b');
    const shared = supervisor.find((d) => d.deviceId === 'laptop-shared')!;
    // Officers latest first: amr1 pushed after both sign-ins.
    expect(shared.officers).toEqual([
      { id: 'amr1', name: '检查员amr1' },
      { id: 'amr2', name: '检查员amr2' },
    ]);
    expect(shared).toMatchObject({
      firstSeenAt: '2026-03-01T01:00:00.000Z',
      lastSeenAt: new Date(pushed!.at).toISOString(),
      activeSessions: 3,
      revokedAt: null,
      revokedBy: null,
    });
    // A device of another unit that one of ours used is listed, with all who used it.
    expect(supervisor.find((d) => d.deviceId === 'laptop-borrowed')).toMatchObject({
      officers: [
        { id: 'amrb1', name: '检查员amrb1' },
        { id: 'amr1', name: '检查员amr1' },
      ],
      firstSeenAt: '2026-03-03T01:00:00.000Z',
      lastSeenAt: '2026-03-04T01:00:00.000Z',
      activeSessions: 2,
    });
    // Last seen first.
    expect(ids).toEqual([...supervisor].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt)).map((d) => d.deviceId));

    const admin = await listDevices(await tokenOf('admin-x', 'desk-x'));
    expect(admin.map((d) => d.deviceId)).toEqual(
      expect.arrayContaining(['laptop-shared', 'laptop-borrowed', 'laptop-b', 'desk-a', 'desk-x']),
    );
  });

  it('refuses inspectors and requests without a valid token', async () => {
    const inspector = await get(await tokenOf('amr2', 'laptop-a2'));
    expect(inspector.statusCode).toBe(403);
    expect(inspector.json()).toMatchObject({ error: 'forbidden' });
    expect((await h.request({ method: 'GET', url: '/api/v1/devices' })).statusCode).toBe(401);
    expect((await get('not-a-token')).statusCode).toBe(401);
  });

  it('shows a revoked device as revoked, by whom, with no session left', async () => {
    await tokenOf('tax1', 'laptop-lost');
    const supervisor = await tokenOf('sup-a', 'desk-a');
    const revoked = await h.request({
      method: 'POST',
      url: '/api/v1/devices/laptop-lost/revoke',
      headers: { authorization: `Bearer ${supervisor}` },
      payload: {},
    });
    expect(revoked.statusCode).toBe(200);
    const { revokedAt } = deviceRevocationSchema.parse(revoked.json());
    expect((await listDevices(supervisor)).find((d) => d.deviceId === 'laptop-lost')).toMatchObject({
      officers: [{ id: 'tax1' }],
      activeSessions: 0,
      revokedAt,
      revokedBy: { id: 'sup-a', name: '检查员sup-a' },
    });
    // Other devices keep their sessions.
    expect((await listDevices(supervisor)).find((d) => d.deviceId === 'desk-a')?.activeSessions).toBeGreaterThan(0);
  });

  it('answers bad input with a 4xx and a readable error', async () => {
    const supervisor = await tokenOf('sup-a', 'desk-a');
    const tooLong = await h.request({
      method: 'POST',
      url: `/api/v1/devices/${'x'.repeat(101)}/revoke`,
      headers: { authorization: `Bearer ${supervisor}` },
      payload: {},
    });
    // The contract allows 100 characters: one more is refused by its schema, naming the parameter.
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: 'invalid_request', details: [expect.stringMatching(/^deviceId: /)] });
    const empty = await h.request({
      method: 'POST',
      url: '/api/v1/devices/%20/revoke',
      headers: { authorization: `Bearer ${supervisor}` },
      payload: {},
    });
    expect(empty.statusCode).toBe(404);
    expect(empty.json()).toMatchObject({ error: 'not_found', message: expect.stringContaining('your unit') });
    const wrongMethod = await h.request({ method: 'DELETE', url: '/api/v1/devices', headers: { authorization: `Bearer ${supervisor}` } });
    expect(wrongMethod.statusCode).toBe(405);
  });
});
