// The system's "reduce motion" setting (prefers-reduced-motion): antd does not follow it by itself, so the theme turns
// its animations off (dialogs, drawers, menus and messages appear and go at once) for an officer who asked for that.
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

/** The media query, where the host has one (not in Node). */
const mediaQuery = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia(QUERY) : null);

function subscribe(onChange: () => void): () => void {
  const query = mediaQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const prefersReducedMotion = (): boolean => mediaQuery()?.matches ?? false;

/** Whether the system asks for reduced motion; follows a change of the setting while the app runs. */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion);
}
