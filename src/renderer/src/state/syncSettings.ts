// The automatic sync interval, a setting of this machine (not of the officer's data), kept in localStorage.
import { useEffect, useState, useSyncExternalStore } from 'react';

const INTERVAL_KEY = 'onevisit.syncIntervalMinutes';
export const SYNC_INTERVALS = [0, 5, 15, 30, 60] as const;
export const DEFAULT_SYNC_INTERVAL = 15;

// One value for every reader: a control mounted again, or another window of the app, shows the choice just made.
const listeners = new Set<() => void>();

function readInterval(): number {
  const stored = Number(window.localStorage.getItem(INTERVAL_KEY) ?? DEFAULT_SYNC_INTERVAL);
  return (SYNC_INTERVALS as readonly number[]).includes(stored) ? stored : DEFAULT_SYNC_INTERVAL;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Other windows' changes arrive as storage events.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function setSyncInterval(minutes: number): void {
  window.localStorage.setItem(INTERVAL_KEY, String(minutes));
  listeners.forEach((listener) => listener());
}

export function useSyncInterval(): [number, (minutes: number) => void] {
  return [useSyncExternalStore(subscribe, readInterval), setSyncInterval];
}

/** navigator.onLine, kept current by the online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
