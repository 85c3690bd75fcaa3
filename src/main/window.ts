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

/**
 * electron-vite's dev server (ELECTRON_RENDERER_URL), honoured only by a development build: in any built app, packaged
 * or not, the variable cannot make another origin the app's.
 */
export function devServerUrlOf(env: NodeJS.ProcessEnv, developmentBuild: boolean): string | undefined {
  return (developmentBuild && env.ELECTRON_RENDERER_URL) || undefined;
}

/** The dev server in a development build, the app:// bundle otherwise. */
export function rendererEntryUrl(devServerUrl: string | undefined): string {
  return devServerUrl ?? APP_ENTRY_URL;
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
