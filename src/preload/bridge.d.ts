// The single declaration of the bridge the Electron preload exposes; absent in a plain browser.
import type { PlatformBridge } from '@shared/ipc';

declare global {
  interface Window {
    oneVisit?: PlatformBridge;
  }
}

export {};
