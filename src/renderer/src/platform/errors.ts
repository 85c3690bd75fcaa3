// Errors reach the UI from ApiClient (web) or across IPC (Electron, kind encoded in the message); bridgeErrorOf reads both.
import { bridgeErrorOf, type BridgeErrorKind } from '@shared/bridgeError';

/** A write to this machine's storage failed: the quota (or the disk) is full, or the database could not write. */
export type StorageErrorKind = 'storage_full' | 'storage_failed';
export type ErrorKind = BridgeErrorKind | StorageErrorKind | 'unknown';

// IndexedDB's (and Dexie's) names for a write that could not be made; an abort caused by one carries it as `inner`.
const STORAGE_FAILURES = new Set(['UnknownError', 'DatabaseClosedError', 'OpenFailedError', 'ReadOnlyError', 'InvalidStateError']);

function storageErrorKind(error: unknown): StorageErrorKind | null {
  let current = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return 'storage_full';
    if (typeof name === 'string' && STORAGE_FAILURES.has(name)) return 'storage_failed';
    current = inner ?? cause;
  }
  return null;
}

export function errorKind(error: unknown): ErrorKind {
  return bridgeErrorOf(error)?.kind ?? storageErrorKind(error) ?? 'unknown';
}

/** The message without the Electron encoding, for showing to the officer. */
export function errorMessage(error: unknown): string {
  return bridgeErrorOf(error)?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Why a sign-in failed, in the caller's words: wrong password, endpoint unreachable, device revoked (or account
 * disabled), too many failures (throttled), or otherwise.
 */
export function signInFailure(
  error: unknown,
  texts: { unauthorized: string; network: string; deviceRevoked: string; throttled: string; failed: (message: string) => string },
): string {
  const kind = errorKind(error);
  return kind === 'unauthorized'
    ? texts.unauthorized
    : kind === 'network'
      ? texts.network
      : kind === 'device_revoked'
        ? texts.deviceRevoked
        : kind === 'too_many_requests'
          ? texts.throttled
          : texts.failed(errorMessage(error));
}
