/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />
import type { PlatformBridge } from '@shared/ipc';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the app runs as a web app. */
    oneVisit?: PlatformBridge;
  }
}
