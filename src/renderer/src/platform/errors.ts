// Errors reach the UI from ApiClient (web) or across IPC (Electron); both carry a `kind`.
export type ErrorKind = 'network' | 'unauthorized' | 'forbidden' | 'invalid_request' | 'server' | 'invalid_response' | 'unknown';

const KNOWN: readonly ErrorKind[] = ['network', 'unauthorized', 'forbidden', 'invalid_request', 'server', 'invalid_response'];

export function errorKind(error: unknown): ErrorKind {
  const kind = typeof error === 'object' && error !== null && 'kind' in error ? (error as { kind: unknown }).kind : undefined;
  return KNOWN.find((k) => k === kind) ?? 'unknown';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
