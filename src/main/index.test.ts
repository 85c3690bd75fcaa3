import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALLABLE_OPERATIONS } from '@shared/api/operations';
import { HOST_CHANNELS, operationChannel, operationsFromArgv } from '@shared/bridgeChannels';

// src/main/index.ts run against stand-ins for the Electron objects it wires together, to check the wiring
// itself: order (privileged scheme before ready), every policy installed, every channel answered.
const fake = vi.hoisted(() => ({
  userData: '',
  events: [] as string[],
  ipc: new Map<string, (event: unknown, payload?: unknown) => Promise<unknown>>(),
  protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
  windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; url?: string }>,
  sessionHandlers: new Set<string>(),
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { fakeSafeStorage: makeSafeStorage } = await import('../../tests/support/fakeSafeStorage');
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => fake.events.push('enableSandbox'),
    whenReady: () => Promise.resolve(fake.events.push('ready')),
    getPath: () => fake.userData,
    getVersion: () => '9.9.9',
    quit: () => fake.events.push('quit'),
    exit: (code: number) => fake.events.push(`exit ${code}`),
  });
  class BrowserWindow extends Emitter {
    static getAllWindows = () => fake.windows;
    record: { options: { webPreferences: Record<string, unknown> }; url?: string };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      super();
      this.record = { options };
      fake.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: () => fake.sessionHandlers.add('csp') },
      setPermissionRequestHandler: () => fake.sessionHandlers.add('permission-request'),
      setPermissionCheckHandler: () => fake.sessionHandlers.add('permission-check'),
    },
  };
  return {
    app,
    BrowserWindow,
    session,
    safeStorage: makeSafeStorage({ backend: 'basic_text' }),
    shell: { openExternal: async () => {} },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, payload?: unknown) => Promise<unknown>) => fake.ipc.set(channel, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: () => fake.events.push('registerSchemesAsPrivileged'),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.events.push('protocol.handle');
        fake.protocolHandler = handler;
      },
    },
  };
});

beforeAll(async () => {
  fake.userData = await mkdtemp(path.join(tmpdir(), 'onevisit-bootstrap-'));
  vi.stubEnv('ONEVISIT_SERVER_URL', 'https://10.0.0.9:8787');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await import('./index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(fake.userData, { recursive: true, force: true });
});

describe('main bootstrap', () => {
  it('registers the privileged scheme before ready and serves it after', () => {
    expect(fake.events.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.events.indexOf('ready'));
    expect(fake.events).toContain('protocol.handle');
    expect(fake.events).toContain('enableSandbox');
    expect(fake.events.filter((event) => event.startsWith('exit'))).toEqual([]);
  });

  it('installs the CSP and permission policies on the default session', () => {
    expect(fake.sessionHandlers).toEqual(new Set(['csp', 'permission-request', 'permission-check']));
  });

  it('opens one sandboxed window on the app:// entry with the bundled preload', () => {
    const [window] = fake.windows;
    expect(window?.url).toBe('app://onevisit/index.html');
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(window?.options.webPreferences.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    // The preload's allow-list: every callable operation, passed on the renderer's command line.
    expect(operationsFromArgv(window?.options.webPreferences.additionalArguments as string[])).toEqual(new Set(CALLABLE_OPERATIONS));
  });

  it('answers every channel of the contract, with settings from the environment and userData', async () => {
    expect([...fake.ipc.keys()].sort()).toEqual([...HOST_CHANNELS, ...CALLABLE_OPERATIONS.map(operationChannel)].sort());
    const info = await fake.ipc.get('app:getInfo')?.({ senderFrame: { url: 'app://onevisit/index.html' } });
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'electron', version: '9.9.9', serverUrl: 'https://10.0.0.9:8787', deviceId: expect.any(String) },
    });
    expect(await fake.ipc.get('auth:getSession')?.({ senderFrame: { url: 'https://evil.example/' } })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden_sender' },
    });
  });

  it('serves the renderer folder next to main through app://', async () => {
    // From src/main the renderer folder is src/renderer, whose index.html is the Vite entry.
    const response = await fake.protocolHandler?.(new Request('app://onevisit/index.html'));
    expect(response?.status).toBe(200);
    // An empty ELECTRON_RENDERER_URL is no dev server: the production policy applies.
    expect(response?.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});
