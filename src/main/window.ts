// The one application window. The renderer gets no Node and runs sandboxed in its own JavaScript world; all it
// can reach of the host is the bridge the preload exposes.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { CALLABLE_OPERATIONS } from '@shared/api/operations';
import { operationsArgument } from '@shared/bridgeChannels';
import { APP_ENTRY_URL } from './origin';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 1024,
    minHeight: 640,
    title: 'OneVisit',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // The sandboxed preload reads its allow-list of operations here (process.argv), without bundling the table.
      additionalArguments: [operationsArgument(CALLABLE_OPERATIONS)],
    },
  };
}

/** electron-vite's dev server in development, the app:// bundle otherwise (a packaged app ignores the variable). */
export function rendererEntryUrl(devServerUrl: string | undefined, isPackaged: boolean): string {
  return devServerUrl && !isPackaged ? devServerUrl : APP_ENTRY_URL;
}

export function installMainWindow(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  { preloadPath, entryUrl }: { preloadPath: string; entryUrl: string },
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(preloadPath));
  // Shown once painted, so the officer never sees a blank white frame.
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entryUrl);
  return window;
}
