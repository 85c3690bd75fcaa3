import type { PlatformBridge } from '@shared/bridge';
import { createWebBridge } from './webBridge';

let bridge: PlatformBridge | null = null;

/** The host's bridge: Electron's preload object when present, else the web bridge against this page's origin. */
export function getBridge(): PlatformBridge {
  bridge ??=
    window.oneVisit ??
    createWebBridge({
      baseUrl: window.location.origin,
      localStorage: window.localStorage,
      sessionStorage: window.sessionStorage,
      userAgent: window.navigator.userAgent,
    });
  return bridge;
}

export function isElectronHost(): boolean {
  return window.oneVisit !== undefined;
}
