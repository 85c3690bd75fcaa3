// Where the renderer may live: the privileged app:// scheme in production, electron-vite's dev server in
// development. Every trust decision in main (IPC senders, navigation, permissions) asks this one policy.

export const APP_SCHEME = 'app';
export const APP_HOST = 'onevisit';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Answers whether a URL (or an origin such as `app://onevisit`) belongs to the app itself. */
export type AppUrlPolicy = (url: string | null | undefined) => boolean;

export function createAppUrlPolicy(devServerUrl?: string): AppUrlPolicy {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  return (url) => {
    const parsed = parseUrl(url);
    if (!parsed) return false;
    // Node (and the WHATWG spec) give non-special schemes the opaque origin "null": compare scheme and host.
    if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST && parsed.port === '' && parsed.username === '';
    return devOrigin !== null && parsed.origin === devOrigin;
  };
}

export function parseUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
