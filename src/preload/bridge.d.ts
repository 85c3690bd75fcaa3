// The single declaration of the bridge the Electron preload exposes; absent in a plain browser.
import type { PlatformBridge } from '@shared/bridge';

declare global {
  interface Window {
    oneVisit?: PlatformBridge;
  }
}

export {};
