import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeErrorOf, encodeBridgeError } from '@shared/bridgeError';
import { IPC_CHANNELS, type PlatformBridge } from '@shared/ipc';

// The preload runs only inside Electron; here the two Electron objects it touches are replaced.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke },
}));

let bridge: PlatformBridge;

beforeAll(async () => {
  await import('../../../src/preload/index');
  bridge = electron.exposed.get('oneVisit') as PlatformBridge;
});
beforeEach(() => electron.invoke.mockReset());

describe('preload bridge', () => {
  it('exposes only named functions under window.oneVisit, not ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['oneVisit']);
    expect(Object.keys(bridge).sort()).toEqual([
      'approveTask',
      'createPlan',
      'createRecusal',
      'exportRecordPdf',
      'getAppInfo',
      'getAttachment',
      'getDraw',
      'getDrawFile',
      'getPublicity',
      'getSession',
      'hasAttachment',
      'listDevices',
      'listPlans',
      'listRecusals',
      'login',
      'logout',
      'publicationExport',
      'publish',
      'pull',
      'push',
      'putAttachment',
      'returnSection',
      'reviewQueue',
      'revokeDevice',
      'runDraw',
    ]);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes each channel of the contract with its payload and unwraps the value', async () => {
    electron.invoke.mockImplementation(async (channel) => ({ ok: true, value: `answer of ${channel}` }));
    const calls: Array<[keyof PlatformBridge, unknown]> = [
      ['getAppInfo', undefined],
      ['login', { username: 'inspector01', password: 'demo1234' }],
      ['logout', undefined],
      ['getSession', undefined],
      ['pull', { cursor: '5' }],
      ['push', { mutations: [] }],
      ['reviewQueue', { status: 'approved' }],
      ['approveTask', { taskId: 't1' }],
      ['returnSection', { taskId: 't1', request: { sectionId: 's1', reason: '请补充' } }],
      ['publish', { taskIds: ['t1'] }],
      ['publicationExport', { scope: 'all' }],
      ['listPlans', undefined],
      ['createPlan', { name: '联合抽查' }],
      ['listRecusals', undefined],
      ['createRecusal', { officerId: 'off-1' }],
      ['runDraw', { planId: 'plan-1', seedValue: '381' }],
      ['getDraw', { planId: 'plan-1' }],
      ['getDrawFile', { planId: 'plan-1' }],
      ['getPublicity', { planId: 'plan-1' }],
      ['listDevices', undefined],
      ['revokeDevice', { deviceId: 'laptop-7' }],
      ['putAttachment', { sha256: 'a'.repeat(64), type: 'image/png', bytes: new Uint8Array([1, 2]) }],
      ['hasAttachment', 'a'.repeat(64)],
      ['getAttachment', 'b'.repeat(64)],
      ['exportRecordPdf', 'record.pdf'],
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
      ['sync:pull', { cursor: '5' }],
      ['sync:push', { mutations: [] }],
      ['review:queue', { status: 'approved' }],
      ['review:approve', { taskId: 't1' }],
      ['review:return', { taskId: 't1', request: { sectionId: 's1', reason: '请补充' } }],
      ['publication:publish', { taskIds: ['t1'] }],
      ['publication:export', { scope: 'all' }],
      ['plans:list'],
      ['plans:create', { name: '联合抽查' }],
      ['recusals:list'],
      ['recusals:create', { officerId: 'off-1' }],
      ['draws:run', { planId: 'plan-1', seedValue: '381' }],
      ['draws:get', { planId: 'plan-1' }],
      ['draws:getFile', { planId: 'plan-1' }],
      ['draws:getPublicity', { planId: 'plan-1' }],
      ['devices:list'],
      ['devices:revoke', { deviceId: 'laptop-7' }],
      ['attachments:put', { sha256: 'a'.repeat(64), type: 'image/png', bytes: new Uint8Array([1, 2]) }],
      ['attachments:has', { sha256: 'a'.repeat(64) }],
      ['attachments:get', { sha256: 'b'.repeat(64) }],
      ['record:exportPdf', { fileName: 'record.pdf' }],
    ]);
    expect(new Set(electron.invoke.mock.calls.map(([channel]) => channel))).toEqual(new Set(IPC_CHANNELS));
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
