import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decidePersistence, SecureSessionStore, SESSION_FILE } from './secureStorage';
import { fakeSafeStorage } from '../../tests/support/fakeSafeStorage';
import { loginResponse } from '../../tests/support/mainFixtures';

describe('decidePersistence', () => {
  it('persists with a real keychain', () => {
    expect(decidePersistence(fakeSafeStorage(), 'darwin')).toEqual({ persistent: true });
    expect(decidePersistence(fakeSafeStorage(), 'win32')).toEqual({ persistent: true });
    expect(decidePersistence(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toEqual({ persistent: true });
  });

  it('refuses without encryption or with Linux basic_text / unknown backends', () => {
    expect(decidePersistence(fakeSafeStorage({ available: false }), 'darwin')).toMatchObject({
      persistent: false,
      reason: expect.stringContaining('unavailable'),
    });
    expect(decidePersistence(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toMatchObject({
      persistent: false,
      reason: expect.stringContaining('basic_text'),
    });
    expect(decidePersistence(fakeSafeStorage({ backend: 'unknown' }), 'linux')).toMatchObject({ persistent: false });
  });

  it('does not ask for the backend off Linux, where Electron has no such call', () => {
    const storage = {
      ...fakeSafeStorage(),
      getSelectedStorageBackend: () => {
        throw new Error('Linux only');
      },
    };
    expect(decidePersistence(storage, 'win32')).toEqual({ persistent: true });
  });
});

describe('SecureSessionStore', () => {
  let dir: string;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`) };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'onevisit-session-'));
    logs.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the session encrypted on disk and reads it back in the next run', async () => {
    const store = new SecureSessionStore({ safeStorage: fakeSafeStorage(), userDataDir: dir, platform: 'linux', log });
    expect(store.persistent).toBe(true);
    await store.save(loginResponse);
    const raw = await readFile(path.join(dir, SESSION_FILE));
    expect(raw.toString('utf8')).not.toContain(loginResponse.token);
    expect(raw.toString('utf8')).not.toContain(loginResponse.officer.name);
    if (process.platform !== 'win32') expect((await stat(path.join(dir, SESSION_FILE))).mode & 0o777).toBe(0o600);

    const nextRun = new SecureSessionStore({ safeStorage: fakeSafeStorage(), userDataDir: dir, platform: 'linux', log });
    expect(await nextRun.load()).toEqual(loginResponse);
  });

  it('clears both memory and disk', async () => {
    const store = new SecureSessionStore({ safeStorage: fakeSafeStorage(), userDataDir: dir, platform: 'linux', log });
    await store.save(loginResponse);
    await store.clear();
    expect(await store.load()).toBeNull();
    expect(await new SecureSessionStore({ safeStorage: fakeSafeStorage(), userDataDir: dir, platform: 'linux', log }).load()).toBeNull();
  });

  it('keeps the session in memory only on basic_text, says so, and writes nothing', async () => {
    const store = new SecureSessionStore({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      userDataDir: dir,
      platform: 'linux',
      log,
    });
    expect(store.persistent).toBe(false);
    expect(logs.some((line) => line.startsWith('warn') && line.includes('memory only'))).toBe(true);
    await store.save(loginResponse);
    expect(await store.load()).toEqual(loginResponse);
    await expect(stat(path.join(dir, SESSION_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    const nextRun = new SecureSessionStore({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      userDataDir: dir,
      platform: 'linux',
      log,
    });
    expect(await nextRun.load()).toBeNull();
  });

  it('discards a file it cannot decrypt or parse, with a log line', async () => {
    await new SecureSessionStore({ safeStorage: fakeSafeStorage({ key: 0x11 }), userDataDir: dir, platform: 'linux', log }).save(
      loginResponse,
    );
    const otherKey = new SecureSessionStore({ safeStorage: fakeSafeStorage({ key: 0x22 }), userDataDir: dir, platform: 'linux', log });
    expect(await otherKey.load()).toBeNull();
    expect(logs.some((line) => line.startsWith('warn') && line.includes('discarding'))).toBe(true);
    await expect(stat(path.join(dir, SESSION_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('discards a decrypted session of the wrong shape', async () => {
    const safeStorage = fakeSafeStorage();
    await writeFile(path.join(dir, SESSION_FILE), safeStorage.encryptString(JSON.stringify({ token: 'short' })));
    expect(await new SecureSessionStore({ safeStorage, userDataDir: dir, platform: 'linux', log }).load()).toBeNull();
  });
});
