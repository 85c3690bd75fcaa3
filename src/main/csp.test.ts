import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, installContentSecurityPolicy, withContentSecurityPolicy } from './csp';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources.join(' ')];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('is strict in production', () => {
    const policy = directives(buildContentSecurityPolicy());
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
  });

  it('admits inline scripts only for the dev server, and nothing else changes', () => {
    const production = directives(buildContentSecurityPolicy());
    const dev = directives(buildContentSecurityPolicy({ dev: true }));
    expect(dev.get('script-src')).toBe("'self' 'unsafe-inline'");
    dev.delete('script-src');
    production.delete('script-src');
    expect(dev).toEqual(production);
  });

  it('admits the configured tile origins for images and the reachability check, and nowhere else', () => {
    const production = directives(buildContentSecurityPolicy());
    const withTiles = directives(buildContentSecurityPolicy({ tileOrigins: ['https://tiles.example.gov.cn'] }));
    expect(withTiles.get('img-src')).toBe("'self' data: blob: https://tiles.example.gov.cn");
    expect(withTiles.get('connect-src')).toBe("'self' https://tiles.example.gov.cn");
    for (const name of ['img-src', 'connect-src']) {
      withTiles.delete(name);
      production.delete(name);
    }
    expect(withTiles).toEqual(production);
  });
});

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
