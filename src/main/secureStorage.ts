// Keeps the signed-in officer's session (bearer token included) in main only. On disk it is always encrypted
// with the OS keychain through safeStorage; where the OS offers none (Linux without a keyring falls back to a
// hard-coded key, 'basic_text'), the session stays in memory and the officer signs in again next launch.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { loginResponseSchema, type LoginResponse } from '@shared/api/auth';

export const SESSION_FILE = 'session.bin';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Linux keyring backends that really protect the key; 'basic_text' and 'unknown' do not. */
const LINUX_KEYRING_BACKENDS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export type PersistenceDecision = { persistent: true } | { persistent: false; reason: string };

/** Must be asked after app `ready`: before it, Linux reports no backend. */
export function decidePersistence(safeStorage: SafeStorageLike, platform: NodeJS.Platform): PersistenceDecision {
  if (!safeStorage.isEncryptionAvailable()) return { persistent: false, reason: 'OS encryption (safeStorage) is unavailable' };
  if (platform === 'linux') {
    // getSelectedStorageBackend exists on Linux only.
    const backend = safeStorage.getSelectedStorageBackend();
    if (!LINUX_KEYRING_BACKENDS.has(backend)) return { persistent: false, reason: `no OS keyring (safeStorage backend '${backend}')` };
  }
  return { persistent: true };
}

/** The session store IPC handlers use; the token it holds is never handed to the renderer. */
export interface SessionStore {
  readonly persistent: boolean;
  load(): Promise<LoginResponse | null>;
  save(session: LoginResponse): Promise<void>;
  clear(): Promise<void>;
}

export interface SecureStorageOptions {
  safeStorage: SafeStorageLike;
  userDataDir: string;
  platform?: NodeJS.Platform;
  log?: Pick<Console, 'info' | 'warn'>;
}

export class SecureSessionStore implements SessionStore {
  readonly persistent: boolean;
  private readonly file: string;
  private readonly safeStorage: SafeStorageLike;
  private readonly log: Pick<Console, 'info' | 'warn'>;
  // undefined: not read from disk yet; null: no session.
  private cached: LoginResponse | null | undefined;

  constructor({ safeStorage, userDataDir, platform = process.platform, log = console }: SecureStorageOptions) {
    this.safeStorage = safeStorage;
    this.log = log;
    this.file = path.join(userDataDir, SESSION_FILE);
    const decision = decidePersistence(safeStorage, platform);
    this.persistent = decision.persistent;
    if (decision.persistent) log.info(`[secure-storage] session kept encrypted in ${this.file}`);
    else log.warn(`[secure-storage] ${decision.reason}: the session is kept in memory only and ends with this run`);
  }

  async load(): Promise<LoginResponse | null> {
    if (this.cached === undefined) this.cached = this.persistent ? await this.readFile() : null;
    return this.cached;
  }

  async save(session: LoginResponse): Promise<void> {
    this.cached = session;
    if (!this.persistent) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    // Write then rename, so a crash never leaves half a ciphertext behind.
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, this.safeStorage.encryptString(JSON.stringify(session)), { mode: 0o600 });
    await rename(temporary, this.file);
  }

  async clear(): Promise<void> {
    this.cached = null;
    await rm(this.file, { force: true });
  }

  private async readFile(): Promise<LoginResponse | null> {
    let ciphertext: Buffer;
    try {
      ciphertext = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return loginResponseSchema.parse(JSON.parse(this.safeStorage.decryptString(ciphertext)));
    } catch (error) {
      // A changed keychain or a damaged file: the officer signs in again.
      this.log.warn(
        `[secure-storage] discarding unreadable ${this.file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      await rm(this.file, { force: true });
      return null;
    }
  }
}
