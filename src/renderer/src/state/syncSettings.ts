// Settings of this machine (not of the officer's data), kept in localStorage: the automatic sync interval, and how
// long verified photo originals stay on the laptop.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { DEFAULT_ORIGINAL_RETENTION_DAYS } from '../data/attachmentsRepository';

const INTERVAL_KEY = 'onevisit.syncIntervalMinutes';
export const SYNC_INTERVALS = [0, 5, 15, 30, 60] as const;
export const DEFAULT_SYNC_INTERVAL = 15;

// One value for every reader: a control mounted again, or another window of the app, shows the choice just made.
const listeners = new Set<() => void>();

const RETENTION_KEY = 'onevisit.originalRetentionDays';
/** Days after verification a photo original stays on the laptop; 0 keeps originals for good. */
export const ORIGINAL_RETENTION_CHOICES = [7, 30, 90, 365, 0] as const;

function readChoice(key: string, choices: readonly number[], fallback: number): number {
  const stored = Number(window.localStorage.getItem(key) ?? fallback);
  return choices.includes(stored) ? stored : fallback;
}

function readInterval(): number {
  return readChoice(INTERVAL_KEY, SYNC_INTERVALS, DEFAULT_SYNC_INTERVAL);
}

export function readOriginalRetentionDays(): number {
  return readChoice(RETENTION_KEY, ORIGINAL_RETENTION_CHOICES, DEFAULT_ORIGINAL_RETENTION_DAYS);
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

function store(key: string, value: number): void {
  window.localStorage.setItem(key, String(value));
  listeners.forEach((listener) => listener());
}

export function useSyncInterval(): [number, (minutes: number) => void] {
  return [useSyncExternalStore(subscribe, readInterval), (minutes) => store(INTERVAL_KEY, minutes)];
}

export function useOriginalRetentionDays(): [number, (days: number) => void] {
  return [useSyncExternalStore(subscribe, readOriginalRetentionDays), (days) => store(RETENTION_KEY, days)];
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
