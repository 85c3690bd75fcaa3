// Errors reach the UI from ApiClient (web) or across IPC (Electron, kind encoded in the message); bridgeErrorOf reads both.
import { bridgeErrorOf, type BridgeErrorKind } from '@shared/bridgeError';

export type ErrorKind = BridgeErrorKind | 'unknown';

export function errorKind(error: unknown): ErrorKind {
  return bridgeErrorOf(error)?.kind ?? 'unknown';
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
