// Serves the built renderer from app://onevisit/ instead of file://. A custom standard, secure scheme gives the
// page a real origin (file:// pages share one origin with every other file) and lets CSP 'self' mean "our files".
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { App, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, parseUrl } from './origin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file under `root`, or null when the URL is not ours or would escape `root`
 * (`..` segments, encoded slashes, NUL bytes, malformed escapes).
 */
export function resolveAppPath(root: string, url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname.replace(/^[/\\]+/, '') || 'index.html';
  const base = path.resolve(root);
  const resolved = path.resolve(base, relative);
  return resolved.startsWith(base + path.sep) ? resolved : null;
}

/** The request handler behind app://, separate from Electron so it can be exercised with plain Requests. */
export function createAppProtocolHandler(root: string, contentSecurityPolicy: string): (request: Request) => Promise<Response> {
  const securityHeaders = { 'content-security-policy': contentSecurityPolicy, 'x-content-type-options': 'nosniff' };
  const answer = (status: number, text: string) =>
    new Response(text, { status, headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'method not allowed');
    const filePath = resolveAppPath(root, request.url);
    if (!filePath) return answer(404, 'not found');
    const body = await readFileIfPresent(filePath);
    if (!body) return answer(404, 'not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...securityHeaders, 'content-type': contentTypeOf(filePath) },
    });
  };
}

async function readFileIfPresent(filePath: string): Promise<Buffer | null> {
  try {
    return await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/**
 * Registers app:// as privileged at once (Electron only allows that before `ready`) and serves it once ready.
 * `standard` gives it an origin and relative URLs, `secure` a secure context, `supportFetchAPI` lets the page fetch
 * its own assets (the district outlines), `codeCache` keeps V8's compiled scripts between launches (compiling the app's
 * 2 MB of script is most of a cold start; custom schemes have no code cache unless asked).
 */
export function installAppProtocol(
  app: Pick<App, 'whenReady'>,
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>,
  root: string,
  contentSecurityPolicy: string,
): Promise<void> {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
  const handler = createAppProtocolHandler(root, contentSecurityPolicy);
  return app.whenReady().then(() => protocol.handle(APP_SCHEME, handler));
}
