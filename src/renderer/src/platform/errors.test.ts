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
