import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeErrorOf, encodeBridgeError } from '@shared/bridgeError';
import type { PlatformBridge } from '@shared/bridge';
import { HOST_CHANNELS, INTAKE_UPLOAD_PROGRESS_CHANNEL, operationsArgument } from '@shared/bridgeChannels';

// The preload runs only inside Electron; here the two Electron objects it touches are replaced.
type Listener = (event: unknown, payload: unknown) => void;
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  /** What main sends the page, by channel (ipcRenderer.on). */
  listeners: new Map<string, Set<Listener>>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: Listener) => {
      if (!electron.listeners.has(channel)) electron.listeners.set(channel, new Set());
      electron.listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: Listener) => electron.listeners.get(channel)?.delete(listener),
  },
}));

/** Main sending an event to the page. */
const emit = (channel: string, payload: unknown) => electron.listeners.get(channel)?.forEach((listener) => listener({}, payload));

let bridge: PlatformBridge;
// What main passes in (see src/main/window.ts): here a short allow-list, so the test shows the preload takes it from argv.
const ALLOWED = ['plans.list', 'sync.push', 'draws.run'];

beforeAll(async () => {
  process.argv.push(operationsArgument(ALLOWED));
  await import('./index');
  bridge = electron.exposed.get('oneVisit') as PlatformBridge;
});
beforeEach(() => electron.invoke.mockReset());

describe('preload bridge', () => {
  it('exposes only the host functions and call under window.oneVisit, not ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['oneVisit']);
    expect(Object.keys(bridge).sort()).toEqual([
      'call',
      'changePassword',
      'exportRecordPdf',
      'getAppInfo',
      'getAttachment',
      'getIntakeReturnsFile',
      'getSession',
      'getSnapshotChunk',
      'login',
      'logout',
      'pull',
      'putAttachment',
      'uploadIntakeFile',
    ]);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes each host channel with its payload and unwraps the value', async () => {
    electron.invoke.mockImplementation(async (channel) => ({ ok: true, value: `answer of ${channel}` }));
    const calls: Array<[Exclude<keyof PlatformBridge, 'call'>, unknown]> = [
      ['getAppInfo', undefined],
      ['login', { username: 'inspector01', password: 'demo1234' }],
      ['logout', undefined],
      ['getSession', undefined],
      ['changePassword', { currentPassword: 'demo1234', newPassword: 'a-much-longer-one' }],
      ['pull', { cursor: '5' }],
      ['putAttachment', { sha256: 'a'.repeat(64), type: 'image/png', bytes: new Uint8Array([1, 2]) }],
      ['getAttachment', 'b'.repeat(64)],
      ['getSnapshotChunk', 'c'.repeat(64)],
      ['exportRecordPdf', 'record.pdf'],
      ['uploadIntakeFile', { kind: 'penalties', source: 'dept-samr' }],
      ['getIntakeReturnsFile', { kind: 'penalties', source: 'dept-samr', format: 'csv' }],
    ];
    for (const [name, payload] of calls) {
      const call = bridge[name] as (payload?: unknown) => Promise<unknown>;
      expect(await (payload === undefined ? call() : call(payload))).toMatch(/^answer of /);
    }
    expect(electron.invoke.mock.calls).toEqual([
      ['app:getInfo'],
      ['auth:login', { username: 'inspector01', password: 'demo1234' }],
      ['auth:logout'],
      ['auth:getSession'],
      ['auth:changePassword', { currentPassword: 'demo1234', newPassword: 'a-much-longer-one' }],
      ['sync:pull', { cursor: '5' }],
      ['attachments:put', { sha256: 'a'.repeat(64), type: 'image/png', bytes: new Uint8Array([1, 2]) }],
      ['attachments:get', { sha256: 'b'.repeat(64) }],
      ['sync:snapshotChunk', { sha256: 'c'.repeat(64) }],
      ['record:exportPdf', { fileName: 'record.pdf' }],
      ['intake:upload', { uploadId: expect.any(String), query: { kind: 'penalties', source: 'dept-samr' } }],
      ['intake:returnsFile', { kind: 'penalties', source: 'dept-samr', format: 'csv' }],
    ]);
    expect(new Set(electron.invoke.mock.calls.map(([channel]) => channel))).toEqual(new Set(HOST_CHANNELS));
  });

  it("passes on an upload's own progress events from main, and stops listening when it ends", async () => {
    const progress = (sentBytes: number) => ({ fileName: '行政处罚.csv', sentBytes, totalBytes: 100 });
    electron.invoke.mockImplementation(async (_channel, payload) => {
      const { uploadId } = payload as { uploadId: string };
      emit(INTAKE_UPLOAD_PROGRESS_CHANNEL, { uploadId, progress: progress(0) });
      // Another upload's events (another page's, or an earlier call's) are not this one's.
      emit(INTAKE_UPLOAD_PROGRESS_CHANNEL, { uploadId: `${uploadId}0`, progress: progress(50) });
      emit(INTAKE_UPLOAD_PROGRESS_CHANNEL, { uploadId, progress: progress(100) });
      return { ok: true, value: null };
    });
    const seen: unknown[] = [];
    expect(await bridge.uploadIntakeFile({ kind: 'penalties', source: 'dept-samr' }, (p) => seen.push(p))).toBeNull();
    expect(seen).toEqual([progress(0), progress(100)]);
    expect(electron.listeners.get(INTAKE_UPLOAD_PROGRESS_CHANNEL)?.size).toBe(0);

    electron.invoke.mockReset();
    electron.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'invalid_request', message: 'unknown column 地址', status: 400 } });
    const error = await bridge.uploadIntakeFile({ kind: 'penalties', source: 'dept-samr' }).catch((e: unknown) => e);
    expect(bridgeErrorOf(new Error((error as Error).message))).toEqual({
      kind: 'invalid_request',
      message: 'unknown column 地址',
      status: 400,
    });
    expect(electron.listeners.get(INTAKE_UPLOAD_PROGRESS_CHANNEL)?.size).toBe(0);
  });

  it('calls an allow-listed operation over its own channel with the input as given', async () => {
    electron.invoke.mockImplementation(async (channel) => ({ ok: true, value: `answer of ${channel}` }));
    expect(await bridge.call('plans.list')).toBe('answer of api:plans.list');
    expect(await bridge.call('sync.push', { body: { mutations: [] } })).toBe('answer of api:sync.push');
    expect(await bridge.call('draws.run', { params: { planId: 'plan-1' }, body: { seedValue: '381' } })).toBe('answer of api:draws.run');
    expect(electron.invoke.mock.calls).toEqual([
      ['api:plans.list'],
      ['api:sync.push', { body: { mutations: [] } }],
      ['api:draws.run', { params: { planId: 'plan-1' }, body: { seedValue: '381' } }],
    ]);
  });

  it.each(['devices.list', 'auth.login', 'attachments.put', 'made.up', '../app:getInfo', 42])(
    'refuses to call %s, which main did not allow-list, without reaching IPC',
    async (name) => {
      const error = await (bridge.call as (name: unknown) => Promise<unknown>)(name).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(bridgeErrorOf(new Error((error as Error).message))).toMatchObject({ kind: 'invalid_payload' });
      expect(electron.invoke).not.toHaveBeenCalled();
    },
  );

  it('passes a refused operation on with its kind and status', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'forbidden', message: 'supervisors only', status: 403 } });
    const error = await bridge.call('plans.list').catch((e: unknown) => e);
    expect(bridgeErrorOf(new Error((error as Error).message))).toEqual({ kind: 'forbidden', message: 'supervisors only', status: 403 });
  });

  it('throws an Error whose message survives the context bridge and still tells network from unauthorized', async () => {
    electron.invoke.mockResolvedValueOnce({
      ok: false,
      error: { kind: 'unauthorized', message: 'wrong username or password', status: 401 },
    });
    const unauthorized = await bridge.login({ username: 'inspector01', password: 'x' }).catch((error: unknown) => error);
    electron.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'network', message: 'cannot reach the endpoint: fetch failed' } });
    const network = await bridge.pull({}).catch((error: unknown) => error);

    expect(unauthorized).toBeInstanceOf(Error);
    // contextBridge copies only `message` of an Error, so read it the way the renderer gets it.
    const copied = (error: unknown) => new Error((error as Error).message);
    expect(bridgeErrorOf(copied(unauthorized))).toEqual({ kind: 'unauthorized', message: 'wrong username or password', status: 401 });
    expect(bridgeErrorOf(copied(network))).toEqual({ kind: 'network', message: 'cannot reach the endpoint: fetch failed' });
  });
});

describe('bridgeErrorOf', () => {
  it('reads errors thrown by the web bridge from their properties', () => {
    const apiError = Object.assign(new Error('forbidden'), { kind: 'forbidden', status: 403 });
    expect(bridgeErrorOf(apiError)).toEqual({ kind: 'forbidden', message: 'forbidden', status: 403 });
  });

  it('round-trips every kind, with and without status, and multi-line messages', () => {
    const info = { kind: 'invalid_payload' as const, message: 'auth:login: ✖ Invalid input\n  → at password' };
    expect(bridgeErrorOf(new Error(encodeBridgeError(info)))).toEqual(info);
    expect(bridgeErrorOf(new Error(encodeBridgeError({ kind: 'server', message: 'boom', status: 503 })))).toEqual({
      kind: 'server',
      message: 'boom',
      status: 503,
    });
  });

  it('returns null for anything else', () => {
    expect(bridgeErrorOf(new Error('plain failure'))).toBeNull();
    expect(bridgeErrorOf(new Error('[onevisit:made_up] nope'))).toBeNull();
    expect(bridgeErrorOf(Object.assign(new Error('x'), { kind: 'made_up' }))).toBeNull();
    expect(bridgeErrorOf('unauthorized')).toBeNull();
    expect(bridgeErrorOf(null)).toBeNull();
  });
});
