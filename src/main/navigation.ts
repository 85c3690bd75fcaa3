// The window only ever shows the app. Navigating elsewhere would hand the preload's bridge (and with it the
// officer's session) to a foreign page, so navigation off the app origin, new windows and <webview> are refused;
// plain web links open in the system browser instead.
import type { App, Shell } from 'electron';
import { parseUrl, type AppUrlPolicy } from './origin';

/** Only http(s) goes to the system browser: file:, smb:, custom handlers and the like could run local programs. */
export function isExternalWebLink(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}

export function installNavigationGuards(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  isAppUrl: AppUrlPolicy,
  log: Pick<Console, 'warn'> = console,
): void {
  const openOutside = (url: string) => {
    if (isExternalWebLink(url))
      void shell.openExternal(url).catch((error: unknown) => log.warn(`[navigation] cannot open ${url}: ${String(error)}`));
    else log.warn(`[navigation] refused to open ${url}`);
  };

  app.on('web-contents-created', (_event, contents) => {
    const guard = (event: { url: string; preventDefault(): void }) => {
      if (isAppUrl(event.url)) return;
      event.preventDefault();
      openOutside(event.url);
    };
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.setWindowOpenHandler(({ url }) => {
      openOutside(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('[navigation] refused to attach a <webview>');
    });
  });
}
