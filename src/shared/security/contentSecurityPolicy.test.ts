import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, parseTileOrigins } from './contentSecurityPolicy';

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

describe('parseTileOrigins', () => {
  it('is empty by default and keeps only the origin of each listed URL', () => {
    expect(parseTileOrigins(undefined, 'TILES')).toEqual([]);
    expect(parseTileOrigins(' https://t0.tianditu.gov.cn/x/{z} , http://10.1.2.3:8080 ', 'TILES')).toEqual([
      'https://t0.tianditu.gov.cn',
      'http://10.1.2.3:8080',
    ]);
  });

  it('refuses anything but http(s) URLs with a clear error naming the setting', () => {
    expect(() => parseTileOrigins('tiles.example', 'TILES')).toThrow(/TILES holds something that is not a URL/);
    expect(() => parseTileOrigins("https://a.example 'unsafe-inline'", 'TILES')).toThrow(/TILES/);
    expect(() => parseTileOrigins('file:///etc', 'TILES')).toThrow(/http\(s\)/);
  });
});
