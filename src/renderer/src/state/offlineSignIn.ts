// Offline sign-in: after an online sign-in, the officer can unlock their local data with the same password while the
// endpoint is unreachable. What is kept per user name is a PBKDF2-SHA256 verifier of the password (random salt, high
// iteration count) and the SessionInfo the endpoint answered — never the password, never the token (the token stays
// with the host: Electron main's safeStorage, or sessionStorage on the web).
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { sessionInfoSchema, type SessionInfo } from '@shared/bridge';

const STORAGE_KEY = 'onevisit.offlineSignIn';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: about half a second on an officer's laptop, per guess for an attacker. */
export const OFFLINE_ITERATIONS = 600_000;
/** An offline unlock works this long after the last online sign-in; then the officer must reach the endpoint once. */
export const OFFLINE_UNLOCK_DAYS = 30;

const verifierSchema = z.object({
  salt: z.string(),
  iterations: z.number().int().positive(),
  hash: z.string(),
  session: sessionInfoSchema,
  /** When the verifier was written: the last online sign-in. */
  savedAt: z.string(),
});
type Verifier = z.infer<typeof verifierSchema>;
const storeSchema = z.record(z.string(), verifierSchema);

export class OfflineUnlockError extends Error {
  constructor(readonly reason: 'wrong_password' | 'expired') {
    super(reason === 'wrong_password' ? 'wrong password for the offline sign-in' : 'the offline sign-in has expired: sign in online once');
    this.name = 'OfflineUnlockError';
  }
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const secret = new TextEncoder().encode(password);
  // WebCrypto where the page is a secure context (Electron's app://, https, localhost); @noble/hashes elsewhere.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return pbkdf2Async(sha256, secret, salt, { c: iterations, dkLen: 32 });
  const key = await subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** Compares without stopping at the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

export interface OfflineSignInOptions {
  iterations?: number;
  now?: () => Date;
}

export function offlineSignIn(storage: Storage, { iterations = OFFLINE_ITERATIONS, now = () => new Date() }: OfflineSignInOptions = {}) {
  function read(): Record<string, Verifier> {
    const parsed = storeSchema.safeParse(
      (() => {
        try {
          return JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}');
        } catch {
          return {};
        }
      })(),
    );
    return parsed.success ? parsed.data : {};
  }
  const write = (all: Record<string, Verifier>) => storage.setItem(STORAGE_KEY, JSON.stringify(all));

  return {
    /** After an online sign-in: keep a verifier of the password with the session the endpoint answered. */
    async remember(username: string, password: string, session: SessionInfo): Promise<void> {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await derive(password, salt, iterations);
      write({ ...read(), [username]: { salt: toBase64(salt), iterations, hash: toBase64(hash), session, savedAt: now().toISOString() } });
    },

    /** The session kept for this user name if the password matches; null when there is none to unlock. */
    async unlock(username: string, password: string): Promise<SessionInfo | null> {
      const verifier = read()[username];
      if (!verifier) return null;
      if (now().getTime() - Date.parse(verifier.savedAt) > OFFLINE_UNLOCK_DAYS * 86_400_000) throw new OfflineUnlockError('expired');
      const hash = await derive(password, fromBase64(verifier.salt), verifier.iterations);
      if (!sameBytes(hash, fromBase64(verifier.hash))) throw new OfflineUnlockError('wrong_password');
      return verifier.session;
    },

    /** Forgets every verifier of this officer (signed out with a wipe, or the device was revoked). */
    forgetOfficer(officerId: string): void {
      write(Object.fromEntries(Object.entries(read()).filter(([, v]) => v.session.officer.id !== officerId)));
    },

    forgetUser(username: string): void {
      const { [username]: _gone, ...rest } = read();
      write(rest);
    },
  };
}
