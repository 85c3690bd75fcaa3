// Host settings: the endpoint to sync with (from the environment, so one build serves every deployment) and this
// installation's device id (generated once; the endpoint uses it to tell an officer's devices apart).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseTileOrigins } from '@shared/security/contentSecurityPolicy';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';
export const SETTINGS_FILE = 'settings.json';

export interface Settings {
  serverUrl: string;
  deviceId: string;
}

const settingsFileSchema = z.object({ deviceId: z.string().min(1).max(100) });

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The endpoint's base URL from ONEVISIT_SERVER_URL; a value that is not an http(s) URL stops the app with a clear error,
 * and so does plain http to another machine (the session token and inspection data would cross the network in clear)
 * unless ONEVISIT_ALLOW_INSECURE_HTTP=1 says the deployment accepts it.
 */
export function serverUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = env.ONEVISIT_SERVER_URL?.trim() || DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ONEVISIT_SERVER_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`ONEVISIT_SERVER_URL must be http(s), got ${JSON.stringify(raw)}`);
  if (url.search || url.hash) throw new Error(`ONEVISIT_SERVER_URL must not carry a query or fragment, got ${JSON.stringify(raw)}`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && env.ONEVISIT_ALLOW_INSECURE_HTTP !== '1') {
    throw new Error(
      `ONEVISIT_SERVER_URL ${JSON.stringify(raw)} is plain http to another machine: the session token and inspection data would ` +
        'cross the network unencrypted. Use the https:// address of the endpoint, or set ONEVISIT_ALLOW_INSECURE_HTTP=1 if this ' +
        'network is trusted.',
    );
  }
  return url.toString().replace(/\/$/, '');
}

/** Origins of the map tile servers from ONEVISIT_TILE_ORIGINS (comma-separated), which the content security policy admits. */
export function tileOriginsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return parseTileOrigins(env.ONEVISIT_TILE_ORIGINS, 'ONEVISIT_TILE_ORIGINS');
}

export interface LoadSettingsOptions {
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  log?: Pick<Console, 'info' | 'warn'>;
  newDeviceId?: () => string;
}

export async function loadSettings({ userDataDir, env, log = console, newDeviceId = randomUUID }: LoadSettingsOptions): Promise<Settings> {
  const serverUrl = serverUrlFromEnv(env);
  const file = path.join(userDataDir, SETTINGS_FILE);
  const stored = await readSettingsFile(file, log);
  if (stored) return { serverUrl, deviceId: stored.deviceId };

  const deviceId = newDeviceId();
  await mkdir(userDataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ deviceId }, null, 2)}\n`, 'utf8');
  log.info(`[settings] new device id ${deviceId} written to ${file}`);
  return { serverUrl, deviceId };
}

async function readSettingsFile(file: string, log: Pick<Console, 'warn'>): Promise<z.infer<typeof settingsFileSchema> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let reason: string;
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    reason = z.prettifyError(parsed.error);
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  // Keep the broken file for inspection rather than overwrite it silently.
  const kept = `${file}.corrupt-${Date.now()}`;
  await rename(file, kept);
  log.warn(`[settings] ${file} is unreadable (${reason.replace(/\s+/g, ' ')}); moved it to ${kept} and starting with a new device id`);
  return null;
}
