import { describe, expect, it } from 'vitest';
import { installContentSecurityPolicy, withContentSecurityPolicy } from './csp';

describe('withContentSecurityPolicy', () => {
  it('replaces a policy the response carried, whatever its letter case, and keeps other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': "default-src 'self'" });
  });

  it('adds the policy when there were no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': 'x' });
  });
});

describe('installContentSecurityPolicy', () => {
  it('sets the policy on every response of the session', () => {
    type Listener = (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void;
    let listener: Listener | undefined;
    const session = { webRequest: { onHeadersReceived: (l: Listener) => (listener = l) } };
    installContentSecurityPolicy(session as never, "default-src 'self'");
    let answered: unknown;
    listener?.({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (response) => (answered = response));
    expect(answered).toEqual({ responseHeaders: { 'Content-Security-Policy': "default-src 'self'" } });
  });
});
