import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api/client';
import { encodeBridgeError } from '@shared/bridgeError';
import { errorKind, errorMessage } from './errors';

describe('bridge errors', () => {
  it('reads the kind from the web bridge (ApiError) and from the Electron preload (encoded message)', () => {
    expect(errorKind(new ApiError('network', 'cannot reach the endpoint'))).toBe('network');
    const electron = new Error(encodeBridgeError({ kind: 'unauthorized', status: 401, message: 'wrong username or password' }));
    expect(errorKind(electron)).toBe('unauthorized');
    expect(errorMessage(electron)).toBe('wrong username or password');
    expect(errorKind(new Error('boom'))).toBe('unknown');
    expect(errorMessage('boom')).toBe('boom');
  });
});

describe('storage faults', () => {
  it('tells a full disk or quota, and a failed write, from other errors', () => {
    expect(errorKind(new DOMException('quota', 'QuotaExceededError'))).toBe('storage_full');
    // Dexie aborts the transaction and keeps the cause as `inner`.
    const aborted = Object.assign(new Error('transaction aborted'), {
      name: 'AbortError',
      inner: new DOMException('q', 'QuotaExceededError'),
    });
    expect(errorKind(aborted)).toBe('storage_full');
    expect(errorKind(Object.assign(new Error('x'), { name: 'UnknownError' }))).toBe('storage_failed');
    expect(errorKind(Object.assign(new Error('x'), { name: 'DatabaseClosedError' }))).toBe('storage_failed');
    // A fetch that was aborted is no storage fault.
    expect(errorKind(new DOMException('aborted', 'AbortError'))).toBe('unknown');
  });
});
