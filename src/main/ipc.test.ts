import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALLABLE_OPERATIONS, type CallableOperation } from '@shared/api/operations';
import { HOST_CHANNELS, INTAKE_UPLOAD_PROGRESS_CHANNEL, operationChannel, type HostChannel } from '@shared/bridgeChannels';
import type { PushResponse } from '@shared/sync/protocol';
import { dispatchHost, dispatchOperation, installIpcHandlers, sessionApiClient, type IpcContext, type IpcDispatchOptions } from './ipc';
import { createAppUrlPolicy } from './origin';
import { SecureSessionStore } from './secureStorage';
import { fakeSafeStorage } from '../../tests/support/fakeSafeStorage';
import { deviceSummary, drawView, intakeBatch, loginResponse, planDetail } from '../../tests/support/mainFixtures';

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  contentType: string | null;
  contentRange?: string;
  fileName?: string;
}

/** Answers the ApiClient the way the endpoint does, recording what it was sent. */
type FakeAnswer = { status: number; body: unknown; headers?: Record<string, string> };

function fakeEndpoint(answer: (request: SeenRequest) => FakeAnswer | Error) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const range = headers.get('content-range');
    const fileName = headers.get('x-file-name');
    // A streamed body (an intake file) is read to its end, as the endpoint does.
    const bytes = init?.body instanceof ReadableStream ? new Uint8Array(await new Response(init.body).arrayBuffer()) : init?.body;
    const request = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      authorization: headers.get('authorization'),
      body: bytes instanceof Uint8Array ? bytes : bytes ? JSON.parse(String(bytes)) : undefined,
      contentType: headers.get('content-type'),
      ...(range ? { contentRange: range } : {}),
      ...(fileName ? { fileName: decodeURIComponent(fileName) } : {}),
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
const device = { hostName: 'ZFQ-LAPTOP-07', system: 'Windows 10 Pro (x64)', appVersion: '0.1.0' };
const mutation = () => ({ mutationId: 'mutation-0001', collection: 'sections', id: 'section-1', baseVersion: 1, data: section });

describe('IPC handlers', () => {
  let dir: string;
  let context: IpcContext;
  let endpoint: ReturnType<typeof fakeEndpoint>;
  let options: IpcDispatchOptions;
  const errors: unknown[] = [];
  const saved: { pdf: Uint8Array; name: string }[] = [];
  /** What the officer picks in the open dialog: a path, or null for a cancelled dialog. */
  let picked: string | null = null;
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
      api: sessionApiClient('http://endpoint.test', storage, endpoint.fetch),
      storage,
      settings: { serverUrl: 'http://endpoint.test', deviceId: 'device-42' },
      appVersion: '0.1.0',
      device,
      now: () => Date.parse('2029-06-01T00:00:00Z'),
      savePdf: async (pdf, name) => {
        saved.push({ pdf, name });
        return `/home/officer/Documents/${name}`;
      },
      chooseIntakeFile: async () => picked,
    };
    options = { context, isAppUrl: createAppUrlPolicy(), log: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) } };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('answers app:getInfo', async () => {
    expect(await dispatchHost('app:getInfo', appPage, undefined, options)).toEqual({
      ok: true,
      value: { host: 'electron', version: '0.1.0', serverUrl: 'http://endpoint.test', deviceId: 'device-42' },
    });
  });

  it('signs in with the device id, keeps the token in main and never returns it', async () => {
    const result = await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(result).toEqual({ ok: true, value: { officer: loginResponse.officer, expiresAt: loginResponse.expiresAt } });
    expect(JSON.stringify(result)).not.toContain(loginResponse.token);
    // With what the computer tells of itself, for the device list.
    expect(endpoint.seen[0]?.body).toEqual({ username: 'inspector01', password: 'demo1234', deviceId: 'device-42', device });
    expect((await context.storage.load())?.token).toBe(loginResponse.token);

    const session = await dispatchHost('auth:getSession', appPage, undefined, options);
    expect(session).toEqual({ ok: true, value: { officer: loginResponse.officer, expiresAt: loginResponse.expiresAt } });
    expect(JSON.stringify(session)).not.toContain(loginResponse.token);
  });

  it('sends the bearer token and the device id on sync', async () => {
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    // The page's size in bytes comes with it, for the renderer's progress bar.
    const body = JSON.stringify({ changes: [], cursor: '7', hasMore: false });
    expect(await dispatchHost('sync:pull', appPage, { cursor: '3' }, options)).toEqual({
      ok: true,
      value: { changes: [], cursor: '7', hasMore: false, bytes: body.length },
    });
    expect(endpoint.seen[1]).toMatchObject({
      method: 'GET',
      path: '/api/v1/sync/pull?cursor=3&limit=1000',
      authorization: `Bearer ${loginResponse.token}`,
    });

    const mutations = [mutation()];
    expect(await dispatchOperation('sync.push', appPage, { body: { mutations } }, options)).toEqual({ ok: true, value: pushResponse });
    expect(endpoint.seen[2]).toMatchObject({
      method: 'POST',
      path: '/api/v1/sync/push',
      authorization: `Bearer ${loginResponse.token}`,
      body: { deviceId: 'device-42', mutations },
    });
    // A device id the page sends is not the one the endpoint gets.
    await dispatchOperation('sync.push', appPage, { body: { mutations, deviceId: 'chosen-by-the-page' } }, options);
    expect(endpoint.seen[3]?.body).toMatchObject({ deviceId: 'device-42', mutations });
  });

  it('calls the review and publication endpoints with the token, and passes a 403 on as forbidden', async () => {
    await dispatchHost('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
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
      if (request.path.startsWith('/api/v1/review/progress'))
        return { status: 403, body: { error: 'forbidden', message: 'only supervisors follow the progress of their unit' } };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    expect(await dispatchOperation('review.queue', appPage, { query: { status: 'approved' } }, options)).toEqual({
      ok: true,
      value: { today: '2029-06-01', items: [] },
    });
    expect(await dispatchOperation('review.approve', appPage, { params: { taskId: 'task-1' } }, options)).toMatchObject({
      ok: true,
      value: { task: { reviewStatus: 'approved' } },
    });
    await dispatchOperation(
      'review.return',
      appPage,
      { params: { taskId: 'task/1' }, body: { sectionId: 's1', reason: '请补充照片' } },
      options,
    );
    expect(await dispatchOperation('publication.publish', appPage, { body: { taskIds: ['task-1'] } }, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(await dispatchOperation('publication.export', appPage, { query: { scope: 'publishable' } }, options)).toMatchObject({
      ok: true,
      value: { entries: [] },
    });
    expect(await dispatchOperation('review.progress', appPage, { query: { planId: 'plan-1' } }, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(endpoint.seen.slice(1).map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/api/v1/review/queue?status=approved', undefined],
      ['POST', '/api/v1/review/tasks/task-1/approve', {}],
      ['POST', '/api/v1/review/tasks/task%2F1/return', { sectionId: 's1', reason: '请补充照片' }],
      ['POST', '/api/v1/publication/publish', { taskIds: ['task-1'] }],
      ['GET', '/api/v1/publication/export?format=json&scope=publishable', undefined],
      ['GET', '/api/v1/review/progress?planId=plan-1', undefined],
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
    const ended = { ...recusal, validTo: '2025-06-30' };
    const publicity = {
      format: 'onevisit-publicity/2',
      plan: {
        id: 'plan-1',
        name: planDetail.name,
        departmentIds: planDetail.departmentIds,
        teamSize: 2,
        seedSource: planDetail.seedSource,
        unitName: '芝罘区',
        departments: [],
        populationFilter: { districts: ['芝罘区'], industries: [], entityCategories: [] },
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
        'POST /api/v1/recusals/recusal%201/end': ended,
        'POST /api/v1/plans/plan%201/draw': drawView,
        'GET /api/v1/plans/plan%201/draw': drawView,
        'GET /api/v1/plans/plan%201/publicity': publicity,
      };
      const body = answers[`${request.method} ${request.path}`];
      if (body) return { status: request.method === 'POST' ? 201 : 200, body };
      if (request.path.endsWith('/draw/file')) return { status: 403, body: { error: 'forbidden', message: 'not your unit' } };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    await dispatchHost('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    const { id: _planId, unitId: _planUnit, createdBy: _by, createdAt: _at, draw: _draw, ...planRequest } = planDetail;

    const plan = { params: { planId: 'plan 1' } };
    expect(await dispatchOperation('plans.list', appPage, undefined, options)).toEqual({ ok: true, value: { plans: [planDetail] } });
    expect(await dispatchOperation('plans.create', appPage, { body: planRequest }, options)).toEqual({ ok: true, value: planDetail });
    expect(await dispatchOperation('recusals.list', appPage, undefined, options)).toEqual({ ok: true, value: { recusals: [recusal] } });
    expect(await dispatchOperation('recusals.create', appPage, { body: recusalRequest }, options)).toEqual({ ok: true, value: recusal });
    expect(
      await dispatchOperation('recusals.end', appPage, { params: { recusalId: 'recusal 1' }, body: { validTo: '2025-06-30' } }, options),
    ).toEqual({ ok: true, value: ended });
    expect(await dispatchOperation('draws.run', appPage, { ...plan, body: { seedValue: ' 3 8 1 ' } }, options)).toEqual({
      ok: true,
      value: drawView,
    });
    expect(await dispatchOperation('draws.get', appPage, plan, options)).toEqual({ ok: true, value: drawView });
    expect(await dispatchOperation('draws.publicity', appPage, plan, options)).toEqual({ ok: true, value: publicity });
    expect(await dispatchOperation('draws.file', appPage, plan, options)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    const calls = endpoint.seen.slice(1);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v1/plans',
      'POST /api/v1/plans',
      'GET /api/v1/recusals',
      'POST /api/v1/recusals',
      'POST /api/v1/recusals/recusal%201/end',
      'POST /api/v1/plans/plan%201/draw',
      'GET /api/v1/plans/plan%201/draw',
      'GET /api/v1/plans/plan%201/publicity',
      'GET /api/v1/plans/plan%201/draw/file',
    ]);
    for (const call of calls) expect(call.authorization).toBe(`Bearer ${loginResponse.token}`);
    expect(calls[1]?.body).toEqual(planRequest);
    expect(calls[4]?.body).toEqual({ validTo: '2025-06-30' });
    expect(calls[5]?.body).toEqual({ seedValue: '3 8 1' });
  });

  it('lists and revokes devices through the endpoint with the bearer token', async () => {
    const device = deviceSummary({ deviceId: 'laptop 7' });
    const revocation = { deviceId: 'laptop 7', revokedAt: '2029-06-01T00:00:00.000Z', sessionsRevoked: 1 };
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      if (request.method === 'GET' && request.path === '/api/v1/devices') return { status: 200, body: { devices: [device] } };
      if (request.method === 'POST' && request.path === '/api/v1/devices/laptop%207/revoke') return { status: 200, body: revocation };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    await dispatchHost('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    expect(await dispatchOperation('devices.list', appPage, undefined, options)).toEqual({ ok: true, value: { devices: [device] } });
    expect(await dispatchOperation('devices.revoke', appPage, { params: { deviceId: 'laptop 7' } }, options)).toEqual({
      ok: true,
      value: revocation,
    });
    expect(endpoint.seen.slice(1).map((r) => [r.method, r.path, r.body, r.authorization])).toEqual([
      ['GET', '/api/v1/devices', undefined, `Bearer ${loginResponse.token}`],
      ['POST', '/api/v1/devices/laptop%207/revoke', {}, `Bearer ${loginResponse.token}`],
    ]);
    // An inspector is refused, and stays signed in.
    respond = () => ({ status: 403, body: { error: 'forbidden', message: 'only supervisors and administrators manage devices' } });
    expect(await dispatchOperation('devices.list', appPage, undefined, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(await context.storage.load()).not.toBeNull();
  });

  it('reports an infeasible draw with its status and the constraint the endpoint named', async () => {
    await dispatchHost('auth:login', appPage, { username: 'supervisor01', password: 'demo1234' }, options);
    const message =
      'no legal team exists for 1 drawn enterprise(s): 91370602MA3C4XYZ0Q: recusal (every officer of department dept-tax is recused)';
    respond = () => ({ status: 422, body: { error: 'draw_infeasible', message } });
    expect(await dispatchOperation('draws.run', appPage, { params: { planId: 'plan-1' }, body: { seedValue: '381' } }, options)).toEqual({
      ok: false,
      error: { kind: 'invalid_request', message, status: 422 },
    });
  });

  it('uploads attachment bytes raw to their address', async () => {
    const sha256 = 'c'.repeat(64);
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      if (request.method === 'PUT') return { status: 201, body: { sha256, size: 3 } };
      return { status: 404, body: null };
    };
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    const bytes = new Uint8Array([137, 80, 78]);
    expect(await dispatchHost('attachments:put', appPage, { sha256, type: 'image/png', bytes }, options)).toEqual({
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
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(await dispatchHost('attachments:put', appPage, { sha256, type: 'image/jpeg', bytes }, options)).toEqual({
      ok: true,
      value: { sha256, size: bytes.length },
    });
    expect(endpoint.seen.slice(1).map((r) => [r.method, r.contentRange, r.body instanceof Uint8Array ? r.body.byteLength : null])).toEqual([
      ['HEAD', undefined, null],
      ['PUT', `bytes ${chunk}-${2 * chunk - 1}/${bytes.length}`, chunk],
      ['PUT', `bytes ${2 * chunk}-${bytes.length - 1}/${bytes.length}`, bytes.length - 2 * chunk],
    ]);
    expect((endpoint.seen[2]!.body as Uint8Array)[0]).toBe(bytes[chunk]);

    const got = await dispatchHost('attachments:get', appPage, { sha256 }, options);
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
    expect(await dispatchHost('attachments:get', appPage, { sha256 }, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', status: 403 },
    });
    expect(await dispatchHost('attachments:get', appPage, { sha256: 'x' }, options)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_payload' },
    });
  });

  it('downloads a snapshot chunk by its address with the session it holds', async () => {
    const sha256 = 'd'.repeat(64);
    const text = new TextEncoder().encode('[]');
    respond = (request) => (request.path === '/api/v1/auth/login' ? { status: 200, body: loginResponse } : { status: 200, body: text });
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(await dispatchHost('sync:snapshotChunk', appPage, { sha256 }, options)).toEqual({ ok: true, value: text });
    expect(endpoint.seen.at(-1)).toMatchObject({
      method: 'GET',
      path: `/api/v1/sync/snapshot/chunks/${sha256}`,
      authorization: `Bearer ${loginResponse.token}`,
    });
  });

  it('prints the calling page to PDF and saves it where the officer chooses', async () => {
    const pdf = new Uint8Array([37, 80, 68, 70]);
    const printed: unknown[] = [];
    const sender = { printToPDF: async (options: unknown) => (printed.push(options), Buffer.from(pdf)) };
    const result = await dispatchHost('record:exportPdf', appPage, { fileName: '检查记录表-烟台海鲜酒楼.pdf' }, options, sender as never);
    expect(result).toEqual({ ok: true, value: { path: '/home/officer/Documents/检查记录表-烟台海鲜酒楼.pdf' } });
    expect(printed).toEqual([expect.objectContaining({ pageSize: 'A4', printBackground: true })]);
    expect(saved.at(-1)?.name).toBe('检查记录表-烟台海鲜酒楼.pdf');
    expect(await dispatchHost('record:exportPdf', appPage, { fileName: '../../etc/x.pdf' }, options, sender as never)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_payload' },
    });
    expect(await dispatchHost('record:exportPdf', appPage, { fileName: 'record.pdf' }, options)).toMatchObject({
      ok: false,
      error: { kind: 'server', message: expect.stringContaining('no page to print') },
    });
  });

  it('uploads the file the officer picked from disk as a stream, in its encoding, reporting progress to the page', async () => {
    // A GB18030 CSV of the penalty template, large enough to go in many chunks.
    const header = '行政相对人名称,行政处罚决定书文号\n';
    const rows = Array.from({ length: 40_000 }, (_, i) => `烟台市芝罘区海鲜酒楼${i},烟芝市监罚〔2026〕${i}号\n`).join('');
    const bytes = new Uint8Array(iconv.encode(header + rows, 'gb18030'));
    picked = path.join(dir, '行政处罚 12月上.csv');
    await writeFile(picked, bytes);
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      if (request.method === 'POST' && request.path.startsWith('/api/v1/intake/batches'))
        return { status: 201, body: { batch: intakeBatch } };
      return { status: 404, body: { error: 'not_found', message: 'no route' } };
    };
    await dispatchHost('auth:login', appPage, { username: 'data01', password: 'demo1234' }, options);
    const events: {
      channel: string;
      event: { uploadId: string; progress: { fileName: string; sentBytes: number; totalBytes: number } };
    }[] = [];
    const sender = { send: (channel: string, event: never) => events.push({ channel, event }) };
    const payload = { uploadId: '7', query: { kind: 'penalties', source: 'dept-samr' } };

    const result = await dispatchHost('intake:upload', appPage, payload, options, sender as never);

    expect(result).toEqual({ ok: true, value: { fileName: '行政处罚 12月上.csv', batch: intakeBatch } });
    const { body, ...request } = endpoint.seen[1]!;
    expect(request).toEqual({
      method: 'POST',
      path: '/api/v1/intake/batches?kind=penalties&source=dept-samr',
      authorization: `Bearer ${loginResponse.token}`,
      contentType: 'text/csv; charset=gb18030',
      fileName: '行政处罚 12月上.csv',
    });
    // Compared as one buffer: element by element, a deep equal of a large array takes seconds.
    expect(Buffer.compare(body as Uint8Array, bytes)).toBe(0);
    expect(events.every((e) => e.channel === INTAKE_UPLOAD_PROGRESS_CHANNEL && e.event.uploadId === '7')).toBe(true);
    const sent = events.map((e) => e.event.progress.sentBytes);
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(bytes.byteLength);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(events[0]?.event.progress).toEqual({ fileName: '行政处罚 12月上.csv', sentBytes: 0, totalBytes: bytes.byteLength });
  });

  it('uploads nothing when the officer cancels the dialog or picks a file the intake does not read', async () => {
    await dispatchHost('auth:login', appPage, { username: 'data01', password: 'demo1234' }, options);
    const payload = { uploadId: '1', query: { kind: 'licences', source: 'dept-samr' } };
    picked = null;
    expect(await dispatchHost('intake:upload', appPage, payload, options)).toEqual({ ok: true, value: null });
    picked = path.join(dir, '许可.xls');
    await writeFile(picked, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    expect(await dispatchHost('intake:upload', appPage, payload, options)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request', message: expect.stringContaining('许可.xls') },
    });
    expect(endpoint.seen.map((r) => r.path)).toEqual(['/api/v1/auth/login']);
  });

  it('downloads a returns file with the name the endpoint gives it', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 3, 4]);
    respond = (request) => {
      if (request.path === '/api/v1/auth/login') return { status: 200, body: loginResponse };
      return {
        status: 200,
        body: xlsx,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('退回-行政处罚.xlsx')}`,
        },
      };
    };
    await dispatchHost('auth:login', appPage, { username: 'data01', password: 'demo1234' }, options);
    expect(await dispatchHost('intake:returnsFile', appPage, { source: 'dept-samr', kind: 'penalties' }, options)).toEqual({
      ok: true,
      value: {
        bytes: xlsx,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: '退回-行政处罚.xlsx',
      },
    });
    expect(endpoint.seen[1]).toMatchObject({
      method: 'GET',
      path: '/api/v1/intake/returns/file?source=dept-samr&kind=penalties&format=xlsx',
      authorization: `Bearer ${loginResponse.token}`,
    });
  });

  it('forgets an expired session', async () => {
    await context.storage.save({ ...loginResponse, expiresAt: '2029-05-31T23:59:59Z' });
    expect(await dispatchHost('auth:getSession', appPage, undefined, options)).toEqual({ ok: true, value: null });
    expect(await context.storage.load()).toBeNull();
  });

  it('logs out by clearing the session', async () => {
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    expect(await dispatchHost('auth:logout', appPage, undefined, options)).toEqual({ ok: true, value: undefined });
    expect(await dispatchHost('auth:getSession', appPage, undefined, options)).toEqual({ ok: true, value: null });
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', undefined])(
    'refuses senders outside the app (%s) before running anything',
    async (sender) => {
      const result = await dispatchHost('auth:login', sender, { username: 'inspector01', password: 'demo1234' }, options);
      expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
      const pushed = await dispatchOperation('sync.push', sender, { body: { mutations: [mutation()] } }, options);
      expect(pushed).toMatchObject({ ok: false, error: { kind: 'forbidden_sender', message: expect.stringContaining('api:sync.push') } });
      expect(endpoint.seen).toEqual([]);
    },
  );

  it('accepts the dev server as sender only when it is configured', async () => {
    const dev = { ...options, isAppUrl: createAppUrlPolicy('http://localhost:5173') };
    expect(await dispatchHost('app:getInfo', 'http://localhost:5173/', undefined, dev)).toMatchObject({ ok: true });
    expect(await dispatchHost('app:getInfo', 'http://localhost:5173/', undefined, options)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
  });

  it.each<[HostChannel, unknown]>([
    ['auth:login', { username: 'inspector01' }],
    ['auth:login', 'inspector01:demo1234'],
    ['sync:pull', { cursor: 'abc' }],
    ['app:getInfo', { extra: true }],
    ['attachments:put', { sha256: 'c'.repeat(64), type: 'image/png', bytes: 'iVBORw0KGgo=' }],
    ['attachments:put', { sha256: 'not-a-hash', type: 'image/png', bytes: new Uint8Array([1]) }],
    ['attachments:put', { sha256: 'c'.repeat(64), type: 'text/html', bytes: new Uint8Array([1]) }],
    ['attachments:get', { sha256: '../../etc/passwd' }],
    ['sync:snapshotChunk', { sha256: '../../etc/passwd' }],
    ['intake:upload', { uploadId: '1', query: { kind: 'parking', source: 'dept-samr' } }],
    // The renderer never names a file: main asks the officer.
    ['intake:upload', { uploadId: '1', query: { kind: 'penalties', source: 'dept-samr' }, path: '/etc/passwd' }],
    ['intake:upload', { query: { kind: 'penalties', source: 'dept-samr' } }],
    ['intake:returnsFile', { source: 'dept-samr', kind: 'penalties', format: 'pdf' }],
  ])('refuses an invalid %s payload without calling the endpoint', async (channel, payload) => {
    const result = await dispatchHost(channel, appPage, payload, options);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_payload', message: expect.stringContaining(channel) } });
    expect(endpoint.seen).toEqual([]);
  });

  it.each<[CallableOperation, unknown]>([
    ['sync.push', { body: { mutations: [] } }],
    ['sync.push', { mutations: [{ mutationId: 'm1' }] }],
    ['review.return', { params: { taskId: 't1' }, body: { sectionId: 's1', reason: '' } }],
    ['publication.publish', { body: { taskIds: [] } }],
    ['publication.export', { query: { scope: 'secret' } }],
    ['plans.create', { body: { ...planDetail, samplingRatios: { A: 0, B: 3, C: 10, D: 100, E: 100 } } }],
    [
      'recusals.create',
      {
        body: {
          officerId: 'officer-inspector01',
          enterpriseId: '91370602MA3C4XYZ0Q',
          reason: '亲属任职',
          validFrom: '2025-01-01',
          validTo: '2024-01-01',
        },
      },
    ],
    ['recusals.end', { params: { recusalId: 'recusal-1' }, body: { validTo: '30/06/2025' } }],
    ['recusals.end', { params: { recusalId: 'recusal-1' } }],
    ['draws.run', { params: { planId: 'plan-1' }, body: { seedValue: '  ' } }],
    ['draws.get', {}],
    ['draws.get', { planId: 'plan-1' }],
    ['devices.list', { all: true }],
    ['devices.list', { query: { all: true } }],
    ['devices.revoke', { params: { deviceId: '' } }],
    ['devices.revoke', { params: { deviceId: 'x'.repeat(101) } }],
  ])('refuses an invalid %s input without calling the endpoint', async (name, payload) => {
    const result = await dispatchOperation(name, appPage, payload, options);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_payload', message: expect.stringContaining(`api:${name}`) } });
    expect(endpoint.seen).toEqual([]);
  });

  it('maps endpoint errors to data, keeping kind and status', async () => {
    respond = () => ({ status: 401, body: { error: 'unauthorized', message: 'wrong username or password' } });
    expect(await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'nope' }, options)).toEqual({
      ok: false,
      error: { kind: 'unauthorized', message: 'wrong username or password', status: 401 },
    });
    respond = () => new TypeError('fetch failed');
    expect(await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options)).toEqual({
      ok: false,
      error: { kind: 'network', message: 'cannot reach the endpoint: fetch failed' },
    });
  });

  it('answers sync without a session as unauthorized, without calling the endpoint', async () => {
    expect(await dispatchHost('sync:pull', appPage, {}, options)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(endpoint.seen).toEqual([]);
  });

  it.each<[string, (o: IpcDispatchOptions) => Promise<unknown>]>([
    ['a host call', (o) => dispatchHost('sync:pull', appPage, {}, o)],
    ['an operation', (o) => dispatchOperation('plans.list', appPage, undefined, o)],
  ])('forgets the session when the endpoint refuses its token on %s', async (_what, call) => {
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    respond = () => ({ status: 401, body: { error: 'unauthorized', message: 'session revoked' } });
    expect(await call(options)).toEqual({
      ok: false,
      error: { kind: 'unauthorized', message: 'session revoked', status: 401 },
    });
    expect(await context.storage.load()).toBeNull();
  });

  it.each<[string, (o: IpcDispatchOptions) => Promise<unknown>]>([
    ['a host call', (o) => dispatchHost('sync:pull', appPage, {}, o)],
    ['an operation', (o) => dispatchOperation('sync.push', appPage, { body: { mutations: [mutation()] } }, o)],
  ])('reports a revoked device as such on %s and keeps its session until the renderer has wiped and signed out', async (_what, call) => {
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    respond = () => ({ status: 401, body: { error: 'device_revoked', message: 'this device was revoked' } });
    expect(await call(options)).toEqual({
      ok: false,
      error: { kind: 'device_revoked', message: 'this device was revoked', status: 401 },
    });
    expect(await context.storage.load()).toEqual(loginResponse);
    await dispatchHost('auth:logout', appPage, undefined, options);
    expect(await context.storage.load()).toBeNull();
  });

  it('keeps the session through a network failure', async () => {
    await dispatchHost('auth:login', appPage, { username: 'inspector01', password: 'demo1234' }, options);
    respond = () => new TypeError('fetch failed');
    expect(await dispatchHost('sync:pull', appPage, {}, options)).toMatchObject({ ok: false, error: { kind: 'network' } });
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
    const result = await dispatchHost('auth:getSession', appPage, undefined, {
      ...options,
      context: { ...context, storage: failingStorage },
    });
    expect(result).toEqual({ ok: false, error: { kind: 'server', message: 'auth:getSession failed in the app: disk gone' } });
    expect(errors).toHaveLength(1);
  });
});

describe('installIpcHandlers', () => {
  it('registers every host channel and one channel per callable operation, and checks the sender frame of each call', async () => {
    const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => void registered.set(channel, listener),
    };
    const calls: string[] = [];
    const context = {
      api: { call: async (name: string) => (calls.push(name), { devices: [] }) },
      settings: { serverUrl: 'http://endpoint.test', deviceId: 'device-42' },
      appVersion: '0.1.0',
    } as unknown as IpcContext;
    installIpcHandlers(ipcMain as never, { context, isAppUrl: createAppUrlPolicy(), log: { warn: () => {}, error: () => {} } });
    expect([...registered.keys()].sort()).toEqual([...HOST_CHANNELS, ...CALLABLE_OPERATIONS.map(operationChannel)].sort());
    expect(registered.has('api:auth.login')).toBe(false);
    expect(registered.has('api:attachments.put')).toBe(false);

    const getInfo = registered.get('app:getInfo')!;
    expect(await getInfo({ senderFrame: { url: appPage } }, undefined)).toMatchObject({ ok: true, value: { deviceId: 'device-42' } });
    expect(await getInfo({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
    expect(await getInfo({ senderFrame: null }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });

    const listDevices = registered.get('api:devices.list')!;
    expect(await listDevices({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
    expect(await listDevices({ senderFrame: null }, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
    expect(calls).toEqual([]);
    expect(await listDevices({ senderFrame: { url: appPage } }, undefined)).toEqual({ ok: true, value: { devices: [] } });
    expect(calls).toEqual(['devices.list']);
  });
});
