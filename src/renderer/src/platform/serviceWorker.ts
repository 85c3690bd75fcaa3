import { isElectronHost } from './bridge';

/** The web host caches the app in a service worker so it reopens offline; Electron ships its files and needs none. */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || isElectronHost() || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}
