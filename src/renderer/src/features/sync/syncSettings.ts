// The automatic sync interval, a setting of this machine (not of the officer's data), kept in localStorage.
import { useCallback, useEffect, useState } from 'react';

const INTERVAL_KEY = 'onevisit.syncIntervalMinutes';
export const SYNC_INTERVALS = [0, 5, 15, 30, 60] as const;
export const DEFAULT_SYNC_INTERVAL = 15;

export function useSyncInterval(): [number, (minutes: number) => void] {
  const [minutes, setMinutes] = useState(() => {
    const stored = Number(window.localStorage.getItem(INTERVAL_KEY) ?? DEFAULT_SYNC_INTERVAL);
    return (SYNC_INTERVALS as readonly number[]).includes(stored) ? stored : DEFAULT_SYNC_INTERVAL;
  });
  const update = useCallback((next: number) => {
    window.localStorage.setItem(INTERVAL_KEY, String(next));
    setMinutes(next);
  }, []);
  return [minutes, update];
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
