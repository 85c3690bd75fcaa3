// Starts a real central endpoint for one test: its own data folder, its own port, the built renderer served at `/`.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@shared/api/client';
import type { Officer } from '@shared/domain/model';
import { openDatabase, type Database } from '../../../src/server/db/open';
import { shanghaiDate } from '@shared/calendar/workingDays';
import { seedDemo } from '../../../src/server/services/demo';

export interface SignedIn {
  api: ApiClient;
  officer: Officer;
}

export interface RunningEndpoint {
  url: string;
  dataDir: string;
  /** An API client signed in as `username` (demo password), for checks made through the endpoint's API. */
  signIn(username: string): Promise<SignedIn>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`endpoint exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`endpoint did not become healthy within ${timeoutMs} ms:\n${output()}`);
}

export interface EndpointOptions {
  demoSize?: number;
  /** More settings of the endpoint (e.g. TILE_ORIGINS). */
  env?: Record<string, string>;
  /** Changes the demo data before the endpoint starts on it (e.g. a hostile enterprise name). */
  alterDemo?: (db: Database) => Promise<void>;
}

const DEMO_SEED = 'onevisit-demo';
const templates = new Map<number, Promise<string>>();
const templateRoot = mkdtempSync(join(tmpdir(), 'onevisit-e2e-templates-'));
process.on('exit', () => rmSync(templateRoot, { recursive: true, force: true }));

/** Runs `use` on the embedded database of a data folder, closing it whatever happens. */
async function withDatabase<T>(dataDir: string, use: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}

/**
 * The demo database as the endpoint seeds it on an empty data folder (same function, seed and day), seeded once per
 * size in this test process; each test gets its own copy, so every test still starts from a fresh data folder.
 */
function demoTemplate(demoSize: number): Promise<string> {
  let template = templates.get(demoSize);
  if (!template) {
    template = (async () => {
      const dataDir = join(templateRoot, String(demoSize));
      await withDatabase(dataDir, (db) => seedDemo(db, { seed: DEMO_SEED, enterpriseCount: demoSize, today: shanghaiDate(new Date()) }));
      return dataDir;
    })();
    templates.set(demoSize, template);
  }
  return template;
}

export async function startEndpoint(options: EndpointOptions = {}): Promise<RunningEndpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-e2e-'));
  cpSync(await demoTemplate(options.demoSize ?? 1000), dataDir, { recursive: true });
  if (options.alterDemo) await withDatabase(dataDir, options.alterDemo);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      WEB_ROOT: 'out/renderer',
      NODE_ENV: 'test',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForHealth(url, child, () => log, 60_000);
  return {
    url,
    dataDir,
    async signIn(username) {
      let token: string | null = null;
      const api = new ApiClient({ baseUrl: url, getToken: () => token });
      const login = await api.call('auth.login', { body: { username, password: 'demo1234', deviceId: `e2e-check-${username}` } });
      token = login.token;
      return { api, officer: login.officer };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
