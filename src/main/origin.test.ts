import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppUrlPolicy } from './origin';

describe('createAppUrlPolicy', () => {
  const production = createAppUrlPolicy();
  const dev = createAppUrlPolicy('http://localhost:5173/');

  it('accepts the app:// pages and origin', () => {
    expect(production(APP_ENTRY_URL)).toBe(true);
    expect(production('app://onevisit')).toBe(true);
    expect(production('app://onevisit/assets/index-abc.js')).toBe(true);
  });

  it('refuses other hosts, ports, credentials and schemes', () => {
    for (const url of [
      'app://evil/index.html',
      'app://onevisit:8080/index.html',
      'app://user@onevisit/index.html',
      'https://onevisit/index.html',
      'file:///work/out/renderer/index.html',
      'http://localhost:5173/',
    ])
      expect(production(url), url).toBe(false);
  });

  it('refuses missing and malformed URLs', () => {
    for (const url of [undefined, null, '', 'not a url']) expect(production(url), String(url)).toBe(false);
  });

  it('accepts the dev server origin only when one is given, and only that origin', () => {
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5173')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev(APP_ENTRY_URL)).toBe(true);
  });
});
