/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />
// `window.oneVisit` (the Electron preload's PlatformBridge) is declared once, in src/preload/bridge.d.ts.
