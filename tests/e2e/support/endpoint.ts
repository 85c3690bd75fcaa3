// Starts a real central endpoint for one test: its own data folder, its own port, the built renderer served at `/`.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
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

let bundle: Promise<string> | undefined;

/**
 * `src/server/main.ts` bundled once per test process: started with tsx, every endpoint would transpile the server
 * again (about a second more per start). Dependencies stay in node_modules; the migrations go beside the bundle, where
 * `db/open.ts` looks for them. Inside the project, for node_modules; a folder per process, so runs never share one.
 */
function endpointBundle(): Promise<string> {
  bundle ??= (async () => {
    mkdirSync('out', { recursive: true });
    const dir = mkdtempSync(join('out', 'e2e-endpoint-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const outfile = join(dir, 'main.mjs');
    const require = createRequire(import.meta.url);
    // The intake's worker thread loads its module from beside the endpoint's (services/intake/thread.ts).
    await build({
      entryPoints: { main: 'src/server/main.ts', worker: 'src/server/services/intake/worker.ts' },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      alias: { '@shared': './src/shared' },
      logLevel: 'warning',
      plugins: [
        {
          // A package's JSON is bundled: left external, it would lose its `with { type: 'json' }` import attribute.
          name: 'bundle-package-json',
          setup: (esbuild) =>
            esbuild.onResolve({ filter: /\.json$/ }, ({ path, resolveDir }) =>
              path.startsWith('.') ? undefined : { path: require.resolve(path, { paths: [resolveDir] }) },
            ),
        },
      ],
    });
    cpSync('src/server/db/migrations', join(dir, 'migrations'), { recursive: true });
    return outfile;
  })();
  return bundle;
}

export async function startEndpoint(options: EndpointOptions = {}): Promise<RunningEndpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onevisit-e2e-'));
  cpSync(await demoTemplate(options.demoSize ?? 1000), dataDir, { recursive: true });
  if (options.alterDemo) await withDatabase(dataDir, options.alterDemo);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [await endpointBundle()], {
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
