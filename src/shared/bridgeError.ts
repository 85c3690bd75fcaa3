// Errors of the platform bridge, readable the same way in both hosts. Electron's contextBridge copies only the
// message of an Error thrown by a preload function (custom properties such as `kind` are dropped), so the
// Electron preload writes kind and status into the message; the web bridge throws ApiError, which keeps them as
// properties. The renderer reads either with `bridgeErrorOf`. No runtime imports: the sandboxed preload bundles this.
import type { IpcResult } from './bridge';

export type BridgeErrorInfo = Extract<IpcResult<never>, { ok: false }>['error'];
export type BridgeErrorKind = BridgeErrorInfo['kind'];

// A Record, so a kind added to the contract without being listed here fails to compile.
const KINDS: Record<BridgeErrorKind, true> = {
  network: true,
  unauthorized: true,
  forbidden: true,
  invalid_request: true,
  cursor_reset: true,
  device_revoked: true,
  too_many_requests: true,
  client_too_old: true,
  server: true,
  invalid_response: true,
  invalid_payload: true,
  forbidden_sender: true,
};

const ENCODED = /^\[onevisit:([a-z_]+)(?: (\d{3}))?\] ([\s\S]*)$/;

function isKind(value: unknown): value is BridgeErrorKind {
  return typeof value === 'string' && Object.hasOwn(KINDS, value);
}

/** `[onevisit:unauthorized 401] session expired`: the message the Electron preload throws. */
export function encodeBridgeError({ kind, status, message }: BridgeErrorInfo): string {
  return `[onevisit:${kind}${status === undefined ? '' : ` ${status}`}] ${message}`;
}

/** Kind, status and plain message of an error thrown by either bridge; null for any other error. */
export function bridgeErrorOf(error: unknown): BridgeErrorInfo | null {
  if (typeof error !== 'object' || error === null) return null;
  const { kind, status, message } = error as { kind?: unknown; status?: unknown; message?: unknown };
  if (typeof message !== 'string') return null;
  if (isKind(kind)) return { kind, message, ...(typeof status === 'number' ? { status } : {}) };
  const match = ENCODED.exec(message);
  if (!match || !isKind(match[1])) return null;
  return { kind: match[1], message: match[3] ?? '', ...(match[2] ? { status: Number(match[2]) } : {}) };
}
