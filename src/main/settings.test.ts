import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, loadSettings, serverUrlFromEnv, SETTINGS_FILE, tileOriginsFromEnv } from './settings';

describe('tileOriginsFromEnv', () => {
  it('is empty by default and keeps only the origin of each listed URL', () => {
    expect(tileOriginsFromEnv({})).toEqual([]);
    expect(tileOriginsFromEnv({ ONEVISIT_TILE_ORIGINS: ' https://t0.tianditu.gov.cn/x/{z} , http://10.1.2.3:8080 ' })).toEqual([
      'https://t0.tianditu.gov.cn',
      'http://10.1.2.3:8080',
    ]);
  });

  it('refuses anything but http(s) URLs with a clear error', () => {
    expect(() => tileOriginsFromEnv({ ONEVISIT_TILE_ORIGINS: 'tiles.example' })).toThrow(/not a URL/);
    expect(() => tileOriginsFromEnv({ ONEVISIT_TILE_ORIGINS: 'file:///etc' })).toThrow(/http\(s\)/);
  });
});

describe('serverUrlFromEnv', () => {
  it('defaults to the local endpoint', () => {
    expect(serverUrlFromEnv({})).toBe(DEFAULT_SERVER_URL);
    expect(serverUrlFromEnv({ ONEVISIT_SERVER_URL: '  ' })).toBe(DEFAULT_SERVER_URL);
  });

  it('normalises a valid URL, without a trailing slash', () => {
    expect(serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'https://credit.yantai.example/' })).toBe('https://credit.yantai.example');
    expect(serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'https://10.0.0.5:8787/onevisit/' })).toBe('https://10.0.0.5:8787/onevisit');
  });

  it('refuses plain http to another machine and says why, unless explicitly allowed; loopback is fine', () => {
    for (const url of ['http://10.0.0.5:8787', 'http://credit.yantai.example', 'http://[2001:db8::1]:8787'])
      expect(() => serverUrlFromEnv({ ONEVISIT_SERVER_URL: url })).toThrow(
        /plain http to another machine.*unencrypted.*https:\/\/.*ONEVISIT_ALLOW_INSECURE_HTTP=1/,
      );
    expect(serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'http://10.0.0.5:8787', ONEVISIT_ALLOW_INSECURE_HTTP: '1' })).toBe(
      'http://10.0.0.5:8787',
    );
    expect(() => serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'http://10.0.0.5:8787', ONEVISIT_ALLOW_INSECURE_HTTP: 'yes' })).toThrow();
    for (const url of ['http://127.0.0.1:8787', 'http://127.1.2.3', 'http://localhost:8787', 'http://[::1]:8787'])
      expect(serverUrlFromEnv({ ONEVISIT_SERVER_URL: url })).toBe(url);
    expect(serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'https://10.0.0.5' })).toBe('https://10.0.0.5');
  });

  it('rejects values that are not http(s) URLs, naming the variable', () => {
    expect(() => serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'localhost:8787' })).toThrow(/ONEVISIT_SERVER_URL must be http\(s\)/);
    expect(() => serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'not a url' })).toThrow(/ONEVISIT_SERVER_URL is not a URL/);
    expect(() => serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'file:///tmp' })).toThrow(/http\(s\)/);
    expect(() => serverUrlFromEnv({ ONEVISIT_SERVER_URL: 'http://host/?a=1' })).toThrow(/query or fragment/);
  });
});

describe('loadSettings', () => {
  let dir: string;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`) };
  let counter = 0;
  const newDeviceId = () => `device-${++counter}`;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'onevisit-settings-'));
    logs.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates the device id once and keeps it across launches', async () => {
    const first = await loadSettings({ userDataDir: dir, env: {}, log, newDeviceId });
    const second = await loadSettings({ userDataDir: dir, env: { ONEVISIT_SERVER_URL: 'https://10.1.1.1:9000' }, log, newDeviceId });
    expect(second.deviceId).toBe(first.deviceId);
    expect(second.serverUrl).toBe('https://10.1.1.1:9000');
    expect(JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8'))).toEqual({ deviceId: first.deviceId });
  });

  it('creates the user data folder when it does not exist yet', async () => {
    const nested = path.join(dir, 'a', 'b');
    const settings = await loadSettings({ userDataDir: nested, env: {}, log, newDeviceId });
    expect(JSON.parse(await readFile(path.join(nested, SETTINGS_FILE), 'utf8'))).toEqual({ deviceId: settings.deviceId });
  });

  it.each([
    ['not JSON', '{"deviceId": '],
    ['the wrong shape', '{"deviceId": ""}'],
    ['a JSON array', '[]'],
  ])('recovers from a file holding %s, keeping it aside with a clear log line', async (_what, content) => {
    await writeFile(path.join(dir, SETTINGS_FILE), content);
    const settings = await loadSettings({ userDataDir: dir, env: {}, log, newDeviceId });
    expect(settings.deviceId).toMatch(/^device-\d+$/);
    const files = await readdir(dir);
    const kept = files.find((name) => name.startsWith(`${SETTINGS_FILE}.corrupt-`));
    expect(kept).toBeDefined();
    expect(await readFile(path.join(dir, kept!), 'utf8')).toBe(content);
    expect(logs.some((line) => line.startsWith('warn') && line.includes('is unreadable') && line.includes('new device id'))).toBe(true);
  });

  it('refuses a bad server URL before touching the disk', async () => {
    await expect(loadSettings({ userDataDir: dir, env: { ONEVISIT_SERVER_URL: 'ftp://x' }, log, newDeviceId })).rejects.toThrow(
      /ONEVISIT_SERVER_URL/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
