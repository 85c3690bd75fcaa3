// `npm start`: build the app when the sources are newer than out/, start the endpoint with the demo data, wait until
// it answers, then open the desktop app. Where no Electron binary is installed, say so and keep serving the same app
// to a browser until Ctrl-C.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL, fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

// Imported or taken from globalThis explicitly: the lint config declares no Node globals for scripts/.
const { fetch, AbortSignal } = globalThis;
const root = fileURLToPath(new URL('..', import.meta.url));
const say = (message) => console.log(`[start] ${message}`);

const BUILD_INPUTS = ['src/main', 'src/preload', 'src/renderer', 'src/shared', 'electron.vite.config.ts', 'package.json'];
const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** Newest modification time under a file or folder, tests excluded (they are not part of the build). */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(target) ? 0 : stats.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

function buildIsStale() {
  const outputs = BUILD_OUTPUTS.map((file) => path.join(root, file));
  if (outputs.some((file) => !existsSync(file))) return 'out/ is incomplete';
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return BUILD_INPUTS.some((input) => newestMtime(path.join(root, input)) > oldestOutput) ? 'sources changed since the last build' : null;
}

/** Resolves with the exit code; a signal death counts as a failure. */
function exitOf(child) {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

function endpointAddress() {
  const host = process.env.HOST || '127.0.0.1';
  const port = process.env.PORT || '8787';
  // A wildcard listener is reached through loopback.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return { host, port, url: `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}` };
}

async function isHealthy(url) {
  try {
    const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls the health route until it answers, or fails once the endpoint process has exited. */
async function waitForHealth(url, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  const started = Date.now();
  let reported = started;
  while (!gone) {
    if (await isHealthy(url)) return true;
    if (Date.now() - reported > 15_000) {
      reported = Date.now();
      say(`still waiting for the endpoint (${Math.round((Date.now() - started) / 1000)} s; the first run seeds the demo data)`);
    }
    await sleep(300);
  }
  return false;
}

async function main() {
  const stale = buildIsStale();
  if (stale) {
    say(`building the app (${stale}): electron-vite build`);
    const build = spawn(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
    });
    const code = await exitOf(build);
    if (code !== 0) {
      console.error(`[start] the build failed (exit code ${code}); nothing started`);
      return code;
    }
  }

  const { host, port, url } = endpointAddress();
  if (await isHealthy(url)) {
    console.error(`[start] an endpoint already answers at ${url}: stop it, or choose another port with PORT=…`);
    return 1;
  }

  const serverEnv = {
    ...process.env,
    HOST: host,
    PORT: port,
    SEED_DEMO: process.env.SEED_DEMO ?? '1',
    DATA_DIR: process.env.DATA_DIR ?? './data',
    WEB_ROOT: process.env.WEB_ROOT ?? 'out/renderer',
  };
  say(`starting the endpoint on ${url} (data in ${serverEnv.DATA_DIR}${serverEnv.SEED_DEMO === '1' ? ', demo data on first run' : ''})`);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env: serverEnv, stdio: 'inherit' });
  const serverExited = exitOf(server);
  const children = [server];

  // Ctrl-C reaches the whole process group; forwarding it as well covers `kill <pid>` of this script alone.
  // A second signal stops the children without waiting.
  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      return;
    }
    stopping = true;
    say(`${signal}: stopping`);
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (!(await waitForHealth(url, serverExited))) {
    const code = await serverExited;
    if (stopping) return 0;
    console.error(`[start] the endpoint exited (code ${code}) before answering ${url}/api/v1/health`);
    return code || 1;
  }
  say(`endpoint ready at ${url}`);
  say('demo logins: inspector01 (inspector) or supervisor01 (supervisor), password demo1234');

  const electron = findElectronBinary();
  if (electron.path === null) {
    say(`not opening the desktop app: ${electron.reason}.`);
    say(`the same app is served for a browser at ${url}/ — press Ctrl-C to stop.`);
    const code = await serverExited;
    return stopping ? 0 : code;
  }

  say(`opening the desktop app (${electron.path})`);
  const app = spawn(electron.path, ['.'], { cwd: root, env: { ...process.env, ONEVISIT_SERVER_URL: url }, stdio: 'inherit' });
  children.push(app);
  const appExited = exitOf(app);
  const first = await Promise.race([
    appExited.then((code) => ({ who: 'app', code })),
    serverExited.then((code) => ({ who: 'endpoint', code })),
  ]);
  if (first.who === 'endpoint' && !stopping)
    console.error(`[start] the endpoint stopped unexpectedly (code ${first.code}); closing the app`);
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all([appExited, serverExited]);
  return first.who === 'app' ? first.code : first.code || 1;
}

process.exitCode = await main();
