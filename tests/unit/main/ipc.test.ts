import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '@shared/api/client';
import { IPC_CHANNELS, type IpcChannel } from '@shared/ipc';
import type { PushResponse } from '@shared/sync/protocol';
import { dispatchIpc, installIpcHandlers, type IpcContext, type IpcDispatchOptions } from '../../../src/main/ipc';
import { createAppUrlPolicy } from '../../../src/main/origin';
import { SecureSessionStore } from '../../../src/main/secureStorage';
import { fakeSafeStorage } from './fakeSafeStorage';
import { drawView, loginResponse, planDetail } from './fixtures';

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  contentType: string | null;
  contentRange?: string;
}

/** Answers the ApiClient the way the endpoint does, recording what it was sent. */
type FakeAnswer = { status: number; body: unknown; headers?: Record<string, string> };

function fakeEndpoint(answer: (request: SeenRequest) => FakeAnswer | Error) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const range = headers.get('content-range');
    const request = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      authorization: headers.get('authorization'),
      body: init?.body instanceof Uint8Array ? init.body : init?.body ? JSON.parse(String(init.body)) : undefined,
      contentType: headers.get('content-type'),
      ...(range ? { contentRange: range } : {}),
    };
    seen.push(request);
    const result = answer(request);
    if (result instanceof Error) throw result;
    // Attachment bytes come back raw; everything else is JSON.
    const raw = result.body instanceof Uint8Array;
    const body = init?.method === 'HEAD' ? null : raw ? (result.body as Uint8Array) : JSON.stringify(result.body);
    return new Response(body as BodyInit | null, {
      status: result.status,
      headers: { 'content-type': raw ? 'image/jpeg' : 'application/json', ...(result.headers ?? {}) },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const pushResponse: PushResponse = { results: [{ mutationId: 'mutation-0001', status: 'applied', version: 2 }] };
const section = {
  id: 'section-1',
  taskId: 'task-1',
  departmentId: 'dept-samr',
  checkItemIds: ['ci-1'],
  itemResults: [{ checkItemId: 'ci-1', outcome: 'compliant', note: '' }],
  resultCategory: null,
  status: 'draft',
  completedBy: null,
  completedAt: null,
  version: 1,
};
const appPage = 'app://onevisit/index.html';

describe('IPC handlers', () => {
  let dir: string;
  let context: IpcContext;
  let endpoint: ReturnType<typeof fakeEndpoint>;
  let options: IpcDispatchOptions;
  const errors: unknown[] = [];
  const saved: { pdf: Uint8Array; name: string }[] = [];
  let respond: (request: SeenRequest) => FakeAnswer | Error;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'onevisit-ipc-'));
    errors.length = 0;
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      if (request.path.startsWith('/api/v1/sync/pull')) return { status: 200, body: { changes: [], cursor: '7', hasMore: false } };
      if (request.path === '/api/v1/sync/push') return { status: 200, body: pushResponse };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    endpoint = fakeEndpoint((request) => respond(request));
    const storage = new SecureSessionStore({
      safeStorage: fakeSafeStorage(),
      userDataDir: dir,
      platform: 'linux',
      log: { info: () => {}, warn: () => {} },
    });
    context = {
      api: new ApiClient({
        baseUrl: 'http://endpoint.test',
        fetch: endpoint.fetch,
        getToken: async () => (await storage.load())?.token ?? null,
      }),
      storage,
      settings: { serverUrl: 'http://endpoint.test', deviceId: 'device-42' },
      appVersion: '0.1.0',
      now: () => Date.parse('2029-06-01T00:00:00Z'),
      savePdf: async (pdf, name) => {
        saved.push({ pdf, name });
        return `/home/officer/Documents/${name}`;
      },
    };
    options = { context, isAppUrl: createAppUrlPolicy(), log: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) } };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('answers app:getInfo', async () => {
    expect(await dispatchIpc('app:getInfo', appPage, undefined, options)).toEqual({
      ok: true,
      value: { host: 'electron', version: '0.1.0', serverUrl: 'http://endpoint.test', deviceId: 'device-42' },
    });
  });

  it('signs in with the device id, keeps the token in main and never returns it', async () => {
    const result = await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(result).toEqual({ ok: true, value: { officer: loginResponse.officer, expiresAt: loginResponse.expiresAt } });
    expect(JSON.stringify(result)).not.toContain(loginResponse.token);
    expect(endpoint.seen[0]?.body).toEqual({ username: 'inspector01', password: 'demo1234', deviceId: 'device-42' });
    expect((await context.storage.load())?.token).toBe(loginResponse.token);

    const session = await dispatchIpc('auth:getSession', appPage, undefined, options);
    expect(session).toEqual({ ok: true, value: { officer: loginResponse.officer, expiresAt: loginResponse.expiresAt } });
    expect(JSON.stringify(session)).not.toContain(loginResponse.token);
  });

  it('sends the bearer token and the device id on sync', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    // The page's size in bytes comes with it, for the renderer's progress bar.
    const body = JSON.stringify({ changes: [], cursor: '7', hasMore: false });
    expect(await dispatchIpc('sync:pull', appPage, { cursor: '3' }, options)).toEqual({
      ok: true,
      value: { changes: [], cursor: '7', hasMore: false, bytes: body.length },
    });
    expect(endpoint.seen[1]).toMatchObject({
      method: 'GET',
      path: '/api/v1/sync/pull?cursor=3&limit=1000',
      authorization: `Bearer ${loginResponse.token}`,
    });

    const mutations = [{ mutationId: 'mutation-0001', collection: 'sections', id: 'section-1', baseVersion: 1, data: section }];
    expect(await dispatchIpc('sync:push', appPage, { mutations }, options)).toEqual({ ok: true, value: pushResponse });
    expect(endpoint.seen[2]).toMatchObject({
      method: 'POST',
      authorization: `Bearer ${loginResponse.token}`,
      body: { deviceId: 'device-42', mutations },
    });
  });

  it('calls the review and publication endpoints with the token, and passes a 403 on as forbidden', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    const task = {
      id: 'task-1',
      planId: 'plan-1',
      enterpriseId: 'e1',
      departmentIds: ['dept-samr'],
      officerIds: ['a', 'b'],
      dueDate: '2029-06-30',
      status: 'completed',
      reviewStatus: 'approved',
    };
    respond = (request) => {
      if (request.path.startsWith('/api/v1/review/queue')) return { status: 200, body: { today: '2029-06-01', items: [] } };
      if (request.path.startsWith('/api/v1/review/tasks/')) return { status: 200, body: { task } };
      if (request.path === '/api/v1/publication/publish')
        return { status: 403, body: { error: 'forbidden', message: 'only supervisors review and publish inspections' } };
      if (request.path.startsWith('/api/v1/publication/export'))
        return { status: 200, body: { generatedAt: '2029-06-01T00:00:00.000Z', entries: [] } };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    expect(await dispatchIpc('review:queue', appPage, { status: 'approved' }, options)).toEqual({
      ok: true,
      value: { today: '2029-06-01', items: [] },
    });
    expect(await dispatchIpc('review:approve', appPage, { taskId: 'task-1' }, options)).toMatchObject({
      ok: true,
      value: { task: { reviewStatus: 'approved' } },
    });
    await dispatchIpc('review:return', appPage, { taskId: 'task/1', request: { sectionId: 's1', reason: '请补充照片' } }, options);
    expect(await dispatchIpc('publication:publish', appPage, { taskIds: ['task-1'] }, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(await dispatchIpc('publication:export', appPage, { scope: 'publishable' }, options)).toMatchObject({
      ok: true,
      value: { entries: [] },
    });
    expect(endpoint.seen.slice(1).map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/api/v1/review/queue?status=approved', undefined],
      ['POST', '/api/v1/review/tasks/task-1/approve', {}],
      ['POST', '/api/v1/review/tasks/task%2F1/return', { sectionId: 's1', reason: '请补充照片' }],
      ['POST', '/api/v1/publication/publish', { taskIds: ['task-1'] }],
      ['GET', '/api/v1/publication/export?scope=publishable&format=json', undefined],
    ]);
    expect(endpoint.seen.slice(1).every((r) => r.authorization === `Bearer ${loginResponse.token}`)).toBe(true);
    // A 403 is not an expired session: the officer stays signed in.
    expect(await context.storage.load()).not.toBeNull();
  });

  it('answers the plan, recusal and draw channels from the endpoint with the bearer token', async () => {
    const recusal = {
      id: 'recusal-1',
      unitId: 'unit-zhifu',
      officerId: 'officer-inspector01',
      enterpriseId: '91370602MA3C4XYZ0Q',
      reason: '亲属任职',
      validFrom: '2025-01-01',
      validTo: null,
    };
    const { id: _id, unitId: _unit, ...recusalRequest } = recusal;
    const publicity = {
      format: 'onevisit-publicity/1',
      plan: {
        id: 'plan-1',
        name: planDetail.name,
        departmentIds: planDetail.departmentIds,
        teamSize: 2,
        seedSource: planDetail.seedSource,
        unitName: '芝罘区',
        departments: [],
        populationFilter: planDetail.populationFilter,
        windowStart: '2025-07-01',
        windowEnd: '2025-09-30',
      },
      draw: {
        seedValue: '3 8 1',
        seed: drawView.summary.seed,
        populationHash: drawView.summary.populationHash,
        populationSize: 40,
        outputHash: drawView.summary.outputHash,
        ranAt: drawView.summary.ranAt,
      },
      drawn: [],
    };
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      const answers: Record<string, unknown> = {
        'GET /api/v1/plans': { plans: [planDetail] },
        'POST /api/v1/plans': planDetail,
        'GET /api/v1/recusals': { recusals: [recusal] },
        'POST /api/v1/recusals': recusal,
        'POST /api/v1/plans/plan%201/draw': drawView,
        'GET /api/v1/plans/plan%201/draw': drawView,
        'GET /api/v1/plans/plan%201/publicity': publicity,
      };
      const body = answers[`${request.method} ${request.path}`];
      return body
        ? { status: request.method === 'POST' ? 201 : 200, body }
        : { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    await dispatchIpc('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    const { id: _planId, unitId: _planUnit, createdBy: _by, createdAt: _at, draw: _draw, ...planRequest } = planDetail;

    expect(await dispatchIpc('plans:list', appPage, undefined, options)).toEqual({ ok: true, value: [planDetail] });
    expect(await dispatchIpc('plans:create', appPage, planRequest, options)).toEqual({ ok: true, value: planDetail });
    expect(await dispatchIpc('recusals:list', appPage, undefined, options)).toEqual({ ok: true, value: [recusal] });
    expect(await dispatchIpc('recusals:create', appPage, recusalRequest, options)).toEqual({ ok: true, value: recusal });
    expect(await dispatchIpc('draws:run', appPage, { planId: 'plan 1', seedValue: ' 3 8 1 ' }, options)).toEqual({
      ok: true,
      value: drawView,
    });
    expect(await dispatchIpc('draws:get', appPage, { planId: 'plan 1' }, options)).toEqual({ ok: true, value: drawView });
    expect(await dispatchIpc('draws:getPublicity', appPage, { planId: 'plan 1' }, options)).toEqual({ ok: true, value: publicity });

    const calls = endpoint.seen.slice(1);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v1/plans',
      'POST /api/v1/plans',
      'GET /api/v1/recusals',
      'POST /api/v1/recusals',
      'POST /api/v1/plans/plan%201/draw',
      'GET /api/v1/plans/plan%201/draw',
      'GET /api/v1/plans/plan%201/publicity',
    ]);
    for (const call of calls) expect(call.authorization).toBe(`Bearer ${loginResponse.token}`);
    expect(calls[1]?.body).toEqual(planRequest);
    expect(calls[4]?.body).toEqual({ seedValue: '3 8 1' });
  });

  it('lists and revokes devices through the endpoint with the bearer token', async () => {
    const device = {
      deviceId: 'laptop 7',
      officers: [{ id: 'officer-inspector01', name: '王敏' }],
      firstSeenAt: '2029-05-01T01:00:00.000Z',
      lastSeenAt: '2029-05-31T09:00:00.000Z',
      activeSessions: 1,
      revokedAt: null,
      revokedBy: null,
    };
    const revocation = { deviceId: 'laptop 7', revokedAt: '2029-06-01T00:00:00.000Z', sessionsRevoked: 1 };
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      if (request.method === 'GET' && request.path === '/api/v1/devices') return { status: 200, body: { devices: [device] } };
      if (request.method === 'POST' && request.path === '/api/v1/devices/laptop%207/revoke') return { status: 200, body: revocation };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    await dispatchIpc('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    expect(await dispatchIpc('devices:list', appPage, undefined, options)).toEqual({ ok: true, value: [device] });
    expect(await dispatchIpc('devices:revoke', appPage, { deviceId: 'laptop 7' }, options)).toEqual({ ok: true, value: revocation });
    expect(endpoint.seen.slice(1).map((r) => [r.method, r.path, r.body, r.authorization])).toEqual([
      ['GET', '/api/v1/devices', undefined, `Bearer ${loginResponse.token}`],
      ['POST', '/api/v1/devices/laptop%207/revoke', {}, `Bearer ${loginResponse.token}`],
    ]);
    // An inspector is refused, and stays signed in.
    respond = () => ({ status: 403, body: { error: 'forbidden', message: 'only supervisors and administrators manage devices' } });
    expect(await dispatchIpc('devices:list', appPage, undefined, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(await context.storage.load()).not.toBeNull();
  });

  it('reports an infeasible draw with its status and the constraint the endpoint named', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    const message =
      'no legal team exists for 1 drawn enterprise(s): 91370602MA3C4XYZ0Q: recusal (every officer of department dept-tax is recused)';
    respond = () => ({ status: 422, body: { error: 'draw_infeasible', message } });
    expect(await dispatchIpc('draws:run', appPage, { planId: 'plan-1', seedValue: '381' }, options)).toEqual({
      ok: false,
      error: { kind: 'invalid_request', message, status: 422 },
    });
  });

  it('uploads attachment bytes raw to their address and checks presence with HEAD', async () => {
    const sha256 = 'c'.repeat(64);
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      if (request.method === 'PUT') return { status: 201, body: { sha256, size: 3 } };
      return { status: request.path.endsWith(sha256) ? 200 : 404, body: null };
    };
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    const bytes = new Uint8Array([137, 80, 78]);
    expect(await dispatchIpc('attachments:put', appPage, { sha256, type: 'image/png', bytes }, options)).toEqual({
      ok: true,
      value: { sha256, size: 3 },
    });
    expect(endpoint.seen[1]).toEqual({
      method: 'PUT',
      path: `/api/v1/attachments/${sha256}`,
      authorization: `Bearer ${loginResponse.token}`,
      body: bytes,
      contentType: 'image/png',
    });
    expect(await dispatchIpc('attachments:has', appPage, { sha256 }, options)).toEqual({ ok: true, value: true });
    expect(await dispatchIpc('attachments:has', appPage, { sha256: 'd'.repeat(64) }, options)).toEqual({ ok: true, value: false });
    expect(endpoint.seen[2]).toMatchObject({ method: 'HEAD', path: `/api/v1/attachments/${sha256}` });
  });

  it('uploads large attachments in chunks from the offset the endpoint holds, and downloads bytes', async () => {
    const sha256 = 'e'.repeat(64);
    const bytes = new Uint8Array(600 * 1024).map((_, i) => i % 251);
    const chunk = 256 * 1024;
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      // An earlier upload broke off after the first chunk.
      if (request.method === 'HEAD') return { status: 404, body: null, headers: { 'upload-offset': String(chunk) } };
      if (request.method === 'PUT') {
        const end = Number(/-(\d+)\//.exec(request.contentRange ?? '')?.[1]);
        return {
          status: end + 1 === bytes.length ? 201 : 200,
          body: end + 1 === bytes.length ? { sha256, size: bytes.length } : { sha256, size: bytes.length, received: end + 1 },
        };
      }
      return { status: 200, body: bytes.subarray(0, 10) };
    };
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(await dispatchIpc('attachments:put', appPage, { sha256, type: 'image/jpeg', bytes }, options)).toEqual({
      ok: true,
      value: { sha256, size: bytes.length },
    });
    expect(endpoint.seen.slice(1).map((r) => [r.method, r.contentRange, r.body instanceof Uint8Array ? r.body.byteLength : null])).toEqual([
      ['HEAD', undefined, null],
      ['PUT', `bytes ${chunk}-${2 * chunk - 1}/${bytes.length}`, chunk],
      ['PUT', `bytes ${2 * chunk}-${bytes.length - 1}/${bytes.length}`, bytes.length - 2 * chunk],
    ]);
    expect((endpoint.seen[2]!.body as Uint8Array)[0]).toBe(bytes[chunk]);

    const got = await dispatchIpc('attachments:get', appPage, { sha256 }, options);
    expect(got).toEqual({ ok: true, value: bytes.subarray(0, 10) });
    expect(endpoint.seen.at(-1)).toMatchObject({
      method: 'GET',
      path: `/api/v1/attachments/${sha256}`,
      authorization: `Bearer ${loginResponse.token}`,
    });
    respond = () => ({
      status: 403,
      body: { error: 'forbidden', message: 'this attachment belongs to no section or correction you may see' },
    });
    expect(await dispatchIpc('attachments:get', appPage, { sha256 }, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(await dispatchIpc('attachments:get', appPage, { sha256: 'x' }, options)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_payload' },
    });
  });

  it('prints the calling page to PDF and saves it where the officer chooses', async () => {
    const pdf = new Uint8Array([37, 80, 68, 70]);
    const printed: unknown[] = [];
    const sender = { printToPDF: async (options: unknown) => (printed.push(options), Buffer.from(pdf)) };
    const result = await dispatchIpc('record:exportPdf', appPage, { fileName: '检查记录表-烟台海鲜酒楼.pdf' }, options, sender as never);
    expect(result).toEqual({ ok: true, value: { path: '/home/officer/Documents/检查记录表-烟台海鲜酒楼.pdf' } });
    expect(printed).toEqual([expect.objectContaining({ pageSize: 'A4', printBackground: true })]);
    expect(saved.at(-1)?.name).toBe('检查记录表-烟台海鲜酒楼.pdf');
    expect(await dispatchIpc('record:exportPdf', appPage, { fileName: '../../etc/x.pdf' }, options, sender as never)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_payload' },
    });
    expect(await dispatchIpc('record:exportPdf', appPage, { fileName: 'record.pdf' }, options)).toMatchObject({
      ok: false,
      error: { kind: 'server', message: expect.stringContaining('no page to print') },
    });
  });

  it('forgets an expired session', async () => {
    await context.storage.save({ ...loginResponse, expiresAt: '2029-05-31T23:59:59Z' });
    expect(await dispatchIpc('auth:getSession', appPage, undefined, options)).toEqual({ ok: true, value: null });
    expect(await context.storage.load()).toBeNull();
  });

  it('logs out by clearing the session', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(await dispatchIpc('auth:logout', appPage, undefined, options)).toEqual({ ok: true, value: undefined });
    expect(await dispatchIpc('auth:getSession', appPage, undefined, options)).toEqual({ ok: true, value: null });
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', undefined])(
    'refuses senders outside the app (%s) before running anything',
    async (sender) => {
      const result = await dispatchIpc('auth:login', sender, { username: 'inspector01', password: 'demo1234' }, options);
      expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
      expect(endpoint.seen).toEqual([]);
    },
  );

  it('accepts the dev server as sender only when it is configured', async () => {
    const dev = { ...options, isAppUrl: createAppUrlPolicy('http://localhost:5173') };
    expect(await dispatchIpc('app:getInfo', 'http://localhost:5173/', undefined, dev)).toMatchObject({ ok: true });
    expect(await dispatchIpc('app:getInfo', 'http://localhost:5173/', undefined, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
  });

  it.each<[IpcChannel, unknown]>([
    ['auth:login', { username: 'inspector01' }],
    ['auth:login', 'inspector01:demo1234'],
    ['sync:pull', { cursor: 'abc' }],
    ['sync:push', { mutations: [] }],
    ['app:getInfo', { extra: true }],
    ['review:return', { taskId: 't1', request: { sectionId: 's1', reason: '' } }],
    ['publication:publish', { taskIds: [] }],
    ['publication:export', { scope: 'secret' }],
    ['plans:create', { ...planDetail, samplingRatios: { A: 0, B: 3, C: 10, D: 100, E: 100 } }],
    [
      'recusals:create',
      {
        officerId: 'officer-inspector01',
        enterpriseId: '91370602MA3C4XYZ0Q',
        reason: '亲属任职',
        validFrom: '2025-01-01',
        validTo: '2024-01-01',
      },
    ],
    ['draws:run', { planId: 'plan-1', seedValue: '  ' }],
    ['draws:get', {}],
    ['attachments:put', { sha256: 'c'.repeat(64), type: 'image/png', bytes: 'iVBORw0KGgo=' }],
    ['attachments:put', { sha256: 'not-a-hash', type: 'image/png', bytes: new Uint8Array([1]) }],
    ['attachments:put', { sha256: 'c'.repeat(64), type: 'text/html', bytes: new Uint8Array([1]) }],
    ['attachments:has', { sha256: '../../etc/passwd' }],
    ['devices:list', { all: true }],
    ['devices:revoke', { deviceId: '' }],
    ['devices:revoke', { deviceId: 'x'.repeat(101) }],
  ])('refuses an invalid %s payload without calling the endpoint', async (channel, payload) => {
    const result = await dispatchIpc(channel, appPage, payload, options);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_payload', message: expect.stringContaining(channel) } });
    expect(endpoint.seen).toEqual([]);
  });

  it('maps endpoint errors to data, keeping kind and status', async () => {
    respond = () => ({ status: 401, body: { error: 'unauthorized', message: 'wrong username or password' } });
    expect(await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'nope' }, options)).toEqual({
      ok: false,
      error: { kind: 'unauthorized', message: 'wrong username or password', status: 401 },
    });
    respond = () => new TypeError('fetch failed');
    expect(await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options)).toEqual({
      ok: false,
      error: { kind: 'network', message: 'cannot reach the endpoint: fetch failed' },
    });
  });

  it('answers sync without a session as unauthorized, without calling the endpoint', async () => {
    expect(await dispatchIpc('sync:pull', appPage, {}, options)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(endpoint.seen).toEqual([]);
  });

  it('forgets the session when the endpoint refuses its token', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    respond = () => ({ status: 401, body: { error: 'unauthorized', message: 'session revoked' } });
    expect(await dispatchIpc('sync:pull', appPage, {}, options)).toEqual({
      ok: false,
      error: { kind: 'unauthorized', message: 'session revoked', status: 401 },
    });
    expect(await context.storage.load()).toBeNull();
  });

  it('reports a revoked device as such and keeps its session until the renderer has wiped and signed out', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    respond = () => ({ status: 401, body: { error: 'device_revoked', message: 'this device was revoked' } });
    expect(await dispatchIpc('sync:pull', appPage, {}, options)).toEqual({
      ok: false,
      error: { kind: 'device_revoked', message: 'this device was revoked', status: 401 },
    });
    expect(await context.storage.load()).toEqual(loginResponse);
    await dispatchIpc('auth:logout', appPage, undefined, options);
    expect(await context.storage.load()).toBeNull();
  });

  it('keeps the session through a network failure', async () => {
    await dispatchIpc('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    respond = () => new TypeError('fetch failed');
    expect(await dispatchIpc('sync:pull', appPage, {}, options)).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(await context.storage.load()).toEqual(loginResponse);
  });

  it('turns an unexpected failure into a server error instead of throwing across IPC', async () => {
    const failingStorage = {
      ...context.storage,
      persistent: true,
      load: async () => {
        throw new Error('disk gone');
      },
    } as IpcContext['storage'];
    const result = await dispatchIpc('auth:getSession', appPage, undefined, {
      ...options,
      context: { ...context, storage: failingStorage },
    });
    expect(result).toEqual({ ok: false, error: { kind: 'server', message: 'auth:getSession failed in the app: disk gone' } });
    expect(errors).toHaveLength(1);
  });
});

describe('installIpcHandlers', () => {
  it('registers every channel of the contract and checks the sender frame of each call', async () => {
    const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => void registered.set(channel, listener),
    };
    const context = {
      settings: { serverUrl: 'http://endpoint.test', deviceId: 'device-42' },
      appVersion: '0.1.0',
    } as IpcContext;
    installIpcHandlers(ipcMain as never, { context, isAppUrl: createAppUrlPolicy(), log: { warn: () => {}, error: () => {} } });
    expect([...registered.keys()].sort()).toEqual([...IPC_CHANNELS].sort());

    const getInfo = registered.get('app:getInfo')!;
    expect(await getInfo({ senderFrame: { url: appPage } }, undefined)).toMatchObject({ ok: true, value: { deviceId: 'device-42' } });
    expect(await getInfo({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
    expect(await getInfo({ senderFrame: null }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
  });
});
