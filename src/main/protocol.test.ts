import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, createAppProtocolHandler, installAppProtocol, resolveAppPath } from './protocol';

const root = path.resolve('/srv/onevisit/renderer');

describe('resolveAppPath', () => {
  it('maps app:// URLs to files under the root', () => {
    expect(resolveAppPath(root, 'app://onevisit/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://onevisit/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://onevisit/%E5%9C%B0%E5%9B%BE.geojson')).toBe(path.join(root, '地图.geojson'));
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppPath(root, 'app://onevisit/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://onevisit')).toBe(path.join(root, 'index.html'));
  });

  it('keeps dot segments inside the root', () => {
    // The URL parser resolves plain and %2e dot segments before we see the path.
    expect(resolveAppPath(root, 'app://onevisit/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppPath(root, 'app://onevisit/assets/%2e%2e/%2e%2e/secret')).toBe(path.join(root, 'secret'));
    expect(resolveAppPath(root, 'app://onevisit/%2e%2e')).toBe(path.join(root, 'index.html'));
  });

  it('refuses paths that escape the root once decoded', () => {
    expect(resolveAppPath(root, 'app://onevisit/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://onevisit/assets/..%2F..%2F..%2Fsecret')).toBeNull();
    expect(resolveAppPath(root, 'app://onevisit/..%5c..%5cwindows')).toBe(path.sep === '\\' ? null : path.join(root, '..\\..\\windows'));
  });

  it('refuses a sibling folder sharing the root as a prefix', () => {
    expect(resolveAppPath(root, 'app://onevisit/..%2frenderer-secrets%2fkey')).toBeNull();
  });

  it('refuses NUL bytes, malformed escapes and foreign URLs', () => {
    expect(resolveAppPath(root, 'app://onevisit/index.html%00.png')).toBeNull();
    expect(resolveAppPath(root, 'app://onevisit/%E0%A4%A')).toBeNull();
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('knows the types a Vite build emits and falls back to octet-stream', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/yantai-districts.geojson')).toBe('application/geo+json; charset=utf-8');
    expect(contentTypeOf('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let rendererRoot: string;
  const csp = "default-src 'self'";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'onevisit-protocol-'));
    rendererRoot = path.join(dir, 'renderer');
    await mkdir(path.join(rendererRoot, 'assets'), { recursive: true });
    await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>OneVisit</title>');
    await writeFile(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves files with their content type and the security headers', async () => {
    const handler = createAppProtocolHandler(rendererRoot, csp);
    const response = await handler(new Request('app://onevisit/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 to missing files and folders (the renderer routes by hash, so no page fallback)', async () => {
    const handler = createAppProtocolHandler(rendererRoot, csp);
    expect((await handler(new Request('app://onevisit/assets/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://onevisit/assets'))).status).toBe(404);
  });

  it('answers 404 to traversal attempts and 405 to writes', async () => {
    const handler = createAppProtocolHandler(rendererRoot, csp);
    const escape = await handler(new Request('app://onevisit/..%2fsecret.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('do not serve');
    expect((await handler(new Request('app://onevisit/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const handler = createAppProtocolHandler(rendererRoot, csp);
    const response = await handler(new Request('app://onevisit/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('installAppProtocol', () => {
  it('registers the scheme as privileged at once and handles it only once the app is ready', async () => {
    const calls: string[] = [];
    let registered: unknown;
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const done = installAppProtocol(
      { whenReady: () => ready },
      {
        registerSchemesAsPrivileged: (schemes) => {
          calls.push('register');
          registered = schemes;
        },
        handle: (scheme) => calls.push(`handle ${scheme}`),
      },
      root,
      "default-src 'self'",
    );
    expect(calls).toEqual(['register']);
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    markReady();
    await done;
    expect(calls).toEqual(['register', 'handle app']);
  });
});
