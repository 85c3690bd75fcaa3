import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { deviceSummary, intakeBatch } from '../../../../tests/support/mainFixtures';
import { MemoryStorage } from '../../../../tests/support/memoryStorage';
import { parsePullPage } from '../sync/pullStore';
import { createWebBridge, type WebBridgeOptions } from './webBridge';

const officer = { id: 'off-1', name: '张伟', departmentId: 'dep-amr', unitId: 'unit-1', role: 'inspector' as const };
const TOKEN = 'token-0123456789abcdefghij';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(
  handler: (url: string, init: RequestInit) => Response | Promise<Response>,
  now = new Date('2025-05-01T00:00:00Z'),
  host: Pick<WebBridgeOptions, 'pickFile' | 'upload'> = {},
) {
  const local = new MemoryStorage();
  const session = new MemoryStorage();
  const requests: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    return handler(url, init);
  }) as unknown as typeof globalThis.fetch;
  const make = () =>
    createWebBridge({
      baseUrl: 'https://endpoint.test',
      localStorage: local,
      sessionStorage: session,
      fetch,
      now: () => now,
      userAgent: CHROME,
      ...host,
    });
  return { local, session, requests, make };
}

describe('web bridge', () => {
  it('signs in with a stable device id, keeps the token only in sessionStorage, and survives a reload', async () => {
    const env = setup(() => json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' }));
    const session = await env.make().login({ username: 'zhangwei', password: 'demo1234' });
    expect(session.officer.name).toBe('张伟');
    const body = JSON.parse(String(env.requests[0]!.init.body));
    expect(body.deviceId).toBe(
      await env
        .make()
        .getAppInfo()
        .then((i) => i.deviceId),
    );
    // What the browser can tell the device list of itself: no computer name.
    expect(body.device).toMatchObject({ hostName: null, system: 'Linux · Chrome 131' });
    expect(JSON.stringify([...Array(env.local.length)].map((_, i) => env.local.getItem(env.local.key(i)!)))).not.toContain(TOKEN);
    expect(await env.make().getSession()).toEqual(session);
  });

  it('sends the token on sync calls and forgets the session when the server refuses it', async () => {
    let pulls = 0;
    const env = setup((url, init) => {
      if (url.endsWith('/auth/login')) return json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' });
      pulls++;
      expect(new Headers(init.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
      return pulls === 1
        ? json(200, { changes: [], cursor: '0', hasMore: false })
        : json(401, { error: 'unauthorized', message: 'token expired' });
    });
    const bridge = env.make();
    await bridge.login({ username: 'zhangwei', password: 'demo1234' });
    // `bytes`: the size of the answer's body, for the progress bar.
    expect(await bridge.pull({ cursor: '' })).toEqual({
      changes: [],
      cursor: '0',
      hasMore: false,
      bytes: JSON.stringify({ changes: [], cursor: '0', hasMore: false }).length,
    });
    await expect(bridge.pull({ cursor: '0' })).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(await bridge.getSession()).toBeNull();
  });

  it('checks only the envelope of a pull page (the sync worker validates the changes) but refuses a broken envelope', async () => {
    const change = { op: 'upsert', collection: 'enterprises', id: 'x', changeSeq: 1, data: { not: 'a profile' } };
    const answers = [
      { changes: [change], cursor: '1', hasMore: false },
      { changes: [change], cursor: 1, hasMore: false },
    ];
    const env = setup((url) =>
      url.endsWith('/auth/login')
        ? json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' })
        : json(200, answers.shift()),
    );
    const bridge = env.make();
    await bridge.login({ username: 'zhangwei', password: 'demo1234' });
    expect((await bridge.pull({ cursor: '' })).changes).toEqual([change]);
    await expect(bridge.pull({ cursor: '1' })).rejects.toMatchObject({ kind: 'invalid_response' });
    // The store every page goes to refuses the change itself.
    expect(() => parsePullPage({ changes: [change], cursor: '1', hasMore: false })).toThrow(/unexpected pull page/);
  });

  it('reports a revoked device as device_revoked and keeps the session until the app signs out', async () => {
    const env = setup((url) =>
      url.endsWith('/auth/login')
        ? json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' })
        : json(401, { error: 'device_revoked', message: 'this device was revoked' }),
    );
    const bridge = env.make();
    await bridge.login({ username: 'zhangwei', password: 'demo1234' });
    await expect(bridge.pull({ cursor: '0' })).rejects.toMatchObject({ kind: 'device_revoked', status: 401 });
    expect(await bridge.getSession()).not.toBeNull();
    await bridge.logout();
    expect(await bridge.getSession()).toBeNull();
  });

  it('ends the session on the endpoint when signing out, and signs out even when the endpoint cannot be reached', async () => {
    let reachable = true;
    const env = setup((url) => {
      if (!reachable) throw new TypeError('fetch failed');
      return url.endsWith('/auth/login')
        ? json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' })
        : json(200, { ended: 1 });
    });
    const bridge = env.make();
    await bridge.login({ username: 'zhangwei', password: 'demo1234' });
    await bridge.logout();
    const logout = env.requests.at(-1)!;
    expect(logout.url).toBe('https://endpoint.test/api/v1/auth/logout');
    expect((logout.init.headers as Record<string, string>).authorization).toBe(`Bearer ${TOKEN}`);
    expect(await bridge.getSession()).toBeNull();

    await bridge.login({ username: 'zhangwei', password: 'demo1234' });
    reachable = false;
    await bridge.logout();
    expect(await bridge.getSession()).toBeNull();
  });

  it('keeps the new token of a password change and drops the forced-change flag', async () => {
    const env = setup((url) =>
      url.endsWith('/auth/login')
        ? json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00', mustChangePassword: true })
        : json(200, { token: 'token-new-0123456789abcdefghij', officer, expiresAt: '2025-05-01T12:00:00+08:00' }),
    );
    const bridge = env.make();
    expect((await bridge.login({ username: 'zhangwei', password: 'one-time-pass' })).mustChangePassword).toBe(true);
    const session = await bridge.changePassword({ currentPassword: 'one-time-pass', newPassword: 'river-lantern-42' });
    expect(session.mustChangePassword).toBeUndefined();
    // The new session opens on the device the old one was signed in from: the body names no device.
    expect(JSON.parse(env.requests.at(-1)!.init.body as string)).toEqual({
      currentPassword: 'one-time-pass',
      newPassword: 'river-lantern-42',
    });
    expect(env.session.getItem('onevisit.session')).toContain('token-new-0123456789abcdefghij');
    expect((await bridge.getSession())?.mustChangePassword).toBeUndefined();
  });

  it('pushes with the device id of this browser profile, which the page cannot choose', async () => {
    const env = setup((url) =>
      url.endsWith('/auth/login')
        ? json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' })
        : json(200, { results: [] }),
    );
    const bridge = env.make();
    await bridge.login({ username: 'zhangwei', password: 'demo1234' });
    const { deviceId } = await bridge.getAppInfo();
    const body = { mutations: [], deviceId: 'chosen-by-the-page' } as { mutations: [] };
    expect(await bridge.call('sync.push', { body })).toEqual({ results: [] });
    expect(env.requests[1]!.url).toBe('https://endpoint.test/api/v1/sync/push');
    expect(JSON.parse(String(env.requests[1]!.init.body))).toEqual({ mutations: [], deviceId });
  });

  it('treats an expired stored session as signed out', async () => {
    const env = setup(() => json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T07:00:00+08:00' }));
    await env.make().login({ username: 'zhangwei', password: 'demo1234' });
    expect(await env.make().getSession()).toBeNull();
  });

  it('reports a wrong password and an unreachable server as different kinds', async () => {
    const wrong = setup(() => json(401, { error: 'invalid_credentials', message: 'wrong username or password' }));
    await expect(wrong.make().login({ username: 'x', password: 'y' })).rejects.toMatchObject({ kind: 'unauthorized' });
    const down = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.make().login({ username: 'x', password: 'y' })).rejects.toMatchObject({ kind: 'network' });
  });

  it('calls the plan and draw endpoints with the token, and treats a refused token as signed out', async () => {
    const plan = {
      id: 'plan/1',
      unitId: 'unit-1',
      name: '联合抽查',
      departmentIds: ['dep-amr'],
      checkItemIds: { 'dep-amr': ['ci-1'] },
      windowStart: '2025-07-01',
      windowEnd: '2025-09-30',
      populationFilter: null,
      samplingRatios: null,
      teamSize: null,
      seedSource: null,
      createdBy: null,
      createdAt: null,
      draw: null,
    };
    const seen: string[] = [];
    const env = setup((url, init) => {
      if (url.endsWith('/auth/login'))
        return json(200, { token: TOKEN, officer: { ...officer, role: 'supervisor' }, expiresAt: '2025-05-01T12:00:00+08:00' });
      expect(new Headers(init.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
      seen.push(`${init.method} ${url.replace('https://endpoint.test/api/v1', '')} ${init.body ?? ''}`.trim());
      if (url.endsWith('/plans')) return json(200, { plans: [plan] });
      return json(401, { error: 'unauthorized', message: 'token expired' });
    });
    const bridge = env.make();
    await bridge.login({ username: 'sun', password: 'demo1234' });
    expect(await bridge.call('plans.list')).toEqual({ plans: [plan] });
    await expect(bridge.call('draws.run', { params: { planId: 'plan/1' }, body: { seedValue: '381' } })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    expect(seen).toEqual(['GET /plans', 'POST /plans/plan%2F1/draw {"seedValue":"381"}']);
    expect(await bridge.getSession()).toBeNull();
  });

  it('lists and revokes devices with the token', async () => {
    const device = deviceSummary({
      deviceId: 'laptop/7',
      activeSessions: 0,
      revokedAt: '2025-05-01T00:00:00.000Z',
      revokedBy: { id: 'sup-1', name: '孙丽' },
    });
    const seen: string[] = [];
    const env = setup((url, init) => {
      if (url.endsWith('/auth/login'))
        return json(200, { token: TOKEN, officer: { ...officer, role: 'supervisor' }, expiresAt: '2025-05-01T12:00:00+08:00' });
      expect(new Headers(init.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
      seen.push(`${init.method} ${url.replace('https://endpoint.test/api/v1', '')}`);
      if (url.endsWith('/devices')) return json(200, { devices: [device] });
      return json(200, { deviceId: 'laptop/7', revokedAt: '2025-05-01T00:00:00.000Z', sessionsRevoked: 0 });
    });
    const bridge = env.make();
    await bridge.login({ username: 'sun', password: 'demo1234' });
    expect(await bridge.call('devices.list')).toEqual({ devices: [device] });
    expect(await bridge.call('devices.revoke', { params: { deviceId: 'laptop/7' } })).toMatchObject({
      deviceId: 'laptop/7',
      sessionsRevoked: 0,
    });
    expect(seen).toEqual(['GET /devices', 'POST /devices/laptop%2F7/revoke']);
  });

  it('uploads the file the officer chose as it is, in its encoding, with the progress of its bytes', async () => {
    const bytes = new Uint8Array(
      iconv.encode('行政相对人名称,行政处罚决定书文号\n烟台市芝罘区海鲜酒楼,烟芝市监罚〔2026〕1号\n', 'gb18030'),
    );
    const file = new File([bytes], '行政处罚.csv');
    const accepts: string[] = [];
    const sent: { url: string; init: RequestInit }[] = [];
    const env = setup(() => json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' }), undefined, {
      pickFile: async (accept) => (accepts.push(accept), file),
      // The browser's XMLHttpRequest: it reports the bytes as they go, then the answer.
      upload: async (url, init, onSent) => {
        sent.push({ url, init });
        onSent(10);
        onSent(bytes.byteLength);
        return json(201, { batch: intakeBatch });
      },
    });
    const bridge = env.make();
    await bridge.login({ username: 'data01', password: 'demo1234' });
    const progress: number[] = [];
    const result = await bridge.uploadIntakeFile({ kind: 'penalties', source: 'dept-samr' }, (p) => progress.push(p.sentBytes));

    expect(result).toEqual({ fileName: '行政处罚.csv', batch: intakeBatch });
    expect(accepts).toEqual(['.csv,.xlsx,.json,.ndjson,.jsonl']);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://endpoint.test/api/v1/intake/batches?kind=penalties&source=dept-samr');
    const headers = new Headers(sent[0]!.init.headers);
    expect(headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(headers.get('content-type')).toBe('text/csv; charset=gb18030');
    expect(decodeURIComponent(headers.get('x-file-name') ?? '')).toBe('行政处罚.csv');
    // The File itself: the browser reads it from disk as it sends, the page never holds its bytes.
    expect(sent[0]!.init.body).toBe(file);
    expect(progress).toEqual([0, bytes.byteLength]);
  });

  it('uploads nothing when the officer closes the chooser or picks a file the intake does not read', async () => {
    let chosen: File | null = null;
    let uploads = 0;
    const env = setup(() => json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' }), undefined, {
      pickFile: async () => chosen,
      upload: async () => (uploads++, json(201, { batch: intakeBatch })),
    });
    const bridge = env.make();
    await bridge.login({ username: 'data01', password: 'demo1234' });
    expect(await bridge.uploadIntakeFile({ kind: 'penalties', source: 'dept-samr' })).toBeNull();
    chosen = new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], '行政处罚.xls');
    await expect(bridge.uploadIntakeFile({ kind: 'penalties', source: 'dept-samr' })).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringContaining('行政处罚.xls'),
    });
    expect(uploads).toBe(0);
  });

  it('passes a refused upload on with the endpoint’s reason', async () => {
    const env = setup(() => json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' }), undefined, {
      pickFile: async () => new File(['名称,地址\n'], 'x.csv'),
      upload: async () => json(400, { error: 'invalid_request', message: 'unknown column 地址' }),
    });
    const bridge = env.make();
    await bridge.login({ username: 'data01', password: 'demo1234' });
    await expect(bridge.uploadIntakeFile({ kind: 'penalties', source: 'dept-samr' })).rejects.toMatchObject({
      kind: 'invalid_request',
      status: 400,
      message: 'unknown column 地址',
    });
  });

  it('downloads a returns file with its name', async () => {
    const csv = new TextEncoder().encode('\ufeff行政相对人名称,问题,退回编号\n');
    const env = setup((url) =>
      url.endsWith('/auth/login')
        ? json(200, { token: TOKEN, officer, expiresAt: '2025-05-01T12:00:00+08:00' })
        : new Response(csv, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('退回.csv')}`,
            },
          }),
    );
    const bridge = env.make();
    await bridge.login({ username: 'data01', password: 'demo1234' });
    expect(await bridge.getIntakeReturnsFile({ source: 'dept-samr', kind: 'penalties', format: 'csv' })).toEqual({
      bytes: csv,
      contentType: 'text/csv; charset=utf-8',
      fileName: '退回.csv',
    });
    expect(env.requests.at(-1)?.url).toBe('https://endpoint.test/api/v1/intake/returns/file?source=dept-samr&kind=penalties&format=csv');
  });
});
