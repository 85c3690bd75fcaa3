// Content Security Policy of every page the app shows. The renderer never talks to the endpoint itself (main
// does, holding the token), so connect-src stays 'self': an injected script could not send data anywhere.
import type { Session } from 'electron';

export interface ContentSecurityPolicyOptions {
  /** electron-vite's dev server injects an inline React Refresh preamble, which only 'unsafe-inline' admits. */
  dev?: boolean;
  /**
   * Origins of the map tile server the operator configured (ONEVISIT_TILE_ORIGINS): tiles are images, and the map checks
   * reachability with a fetch. The one deliberate exception to 'self', named by the deployment, never by the renderer.
   */
  tileOrigins?: readonly string[];
}

export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', options.dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    // antd writes its styles at run time (CSS-in-JS).
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...(options.tileOrigins ?? [])]],
    ['connect-src', ["'self'", ...(options.tileOrigins ?? [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Returns the headers with the policy set, replacing any policy the response already carried (in any letter case). */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = policy;
  return result;
}

/** Covers pages the app:// handler does not serve itself, above all the dev server's. */
export function installContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}
