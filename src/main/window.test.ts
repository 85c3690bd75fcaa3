import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CALLABLE_OPERATIONS } from '@shared/api/operations';
import { operationsFromArgv } from '@shared/bridgeChannels';
import { devServerUrlOf, installMainWindow, mainWindowOptions, rendererEntryUrl } from './window';

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer, with the bundled preload', () => {
    const preferences = mainWindowOptions('/app/out/preload/index.cjs').webPreferences ?? {};
    expect(preferences.preload).toBe('/app/out/preload/index.cjs');
    for (const on of ['contextIsolation', 'sandbox', 'webSecurity'] as const) expect(preferences[on], on).toBe(true);
    for (const off of ['nodeIntegration', 'nodeIntegrationInWorker', 'allowRunningInsecureContent', 'webviewTag'] as const)
      expect(preferences[off], off).toBe(false);
  });

  it('enables no experimental web platform or Blink features', () => {
    const preferences = mainWindowOptions('/p.cjs').webPreferences ?? {};
    expect(preferences.experimentalFeatures ?? false).toBe(false);
    expect(preferences.enableBlinkFeatures ?? '').toBe('');
  });

  it('passes the callable operations to the preload as its allow-list', () => {
    const { additionalArguments = [] } = mainWindowOptions('/p.cjs').webPreferences ?? {};
    expect(operationsFromArgv(additionalArguments)).toEqual(new Set(CALLABLE_OPERATIONS));
    expect(operationsFromArgv(additionalArguments).has('auth.login')).toBe(false);
  });
});

describe('rendererEntryUrl', () => {
  it('uses the dev server only in a development build', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(rendererEntryUrl(devServerUrlOf(env, true))).toBe('http://localhost:5173');
    // A built app, packaged or run unpackaged, ignores the variable.
    expect(devServerUrlOf(env, false)).toBeUndefined();
    expect(rendererEntryUrl(devServerUrlOf(env, false))).toBe('app://onevisit/index.html');
    expect(rendererEntryUrl(devServerUrlOf({ ELECTRON_RENDERER_URL: '' }, true))).toBe('app://onevisit/index.html');
    expect(rendererEntryUrl(undefined)).toBe('app://onevisit/index.html');
  });
});

describe('installMainWindow', () => {
  it('loads the entry URL and shows the window once it is painted', () => {
    const created: FakeWindow[] = [];
    class FakeWindow extends EventEmitter {
      loaded: string[] = [];
      shown = false;
      constructor(readonly options: unknown) {
        super();
        created.push(this);
      }
      loadURL(url: string) {
        this.loaded.push(url);
        return Promise.resolve();
      }
      show() {
        this.shown = true;
      }
    }
    installMainWindow(FakeWindow as never, { preloadPath: '/p.cjs', entryUrl: 'app://onevisit/index.html' });
    const [window] = created;
    expect(window?.options).toEqual(mainWindowOptions('/p.cjs'));
    expect(window?.loaded).toEqual(['app://onevisit/index.html']);
    expect(window?.shown).toBe(false);
    window?.emit('ready-to-show');
    expect(window?.shown).toBe(true);
  });
});
