// The Content Security Policy of the app's pages, one definition for both hosts: Electron's app:// handler and the
// endpoint that serves the same build to browsers. Scripts, workers and the service worker come only from the app's
// own origin, so a string from data that slipped into HTML still could not run.

export interface ContentSecurityPolicyOptions {
  /** electron-vite's dev server injects an inline React Refresh preamble, which only 'unsafe-inline' admits. */
  dev?: boolean;
  /**
   * Origins of the map tile server the operator configured: tiles are images, and the map checks reachability with a
   * fetch. The one deliberate exception to 'self', named by the deployment, never by the renderer.
   */
  tileOrigins?: readonly string[];
}

export function contentSecurityPolicyDirectives(options: ContentSecurityPolicyOptions = {}): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': options.dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // antd writes the theme's CSS variables at run time (its component styles are a static sheet), and components set
    // inline style attributes.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Photos and signatures are shown from blob: URLs, Leaflet's icons are data: URLs.
    'img-src': ["'self'", 'data:', 'blob:', ...(options.tileOrigins ?? [])],
    'connect-src': ["'self'", ...(options.tileOrigins ?? [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  return Object.entries(contentSecurityPolicyDirectives(options))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The origins of a comma-separated list of tile-server URLs (a setting of either host). Anything but an http(s) URL
 * throws, naming the setting, rather than widening the policy by accident.
 */
export function parseTileOrigins(value: string | undefined, setting: string): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`${setting} holds something that is not a URL: ${JSON.stringify(entry)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`${setting} must list http(s) origins, got ${JSON.stringify(entry)}`);
    return url.origin;
  });
}
