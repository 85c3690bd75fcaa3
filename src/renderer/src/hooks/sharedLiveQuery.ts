// One live query shared by every reader of it, which can be started ahead of its readers and paced: a page's data is
// read while the page's code loads and renders rather than after it has mounted, two pages showing the same data read
// it once, and while a sync commits page after page they take a read a second at most.
import { liveQuery } from '../data/liveQuery';

interface QueryObserver<T> {
  next(value: T): void;
  error?(error: unknown): void;
}

/** The shape dexie-react-hooks' useObservable takes: the value read so far is handed over on the first render. */
export interface SharedLiveQuery<T> {
  /** Starts the query (if it is not running) and keeps it running for its linger even if no reader comes. */
  warm(): void;
  /**
   * Results at most once per `intervalMs`; with null, each result at once. A result within the interval is dropped and
   * the reads stop until it ends, then run once more: the latest state always arrives, and changes that land meanwhile
   * cost no reads. A new interval reads again at once.
   */
  pace(intervalMs: number | null): void;
  subscribe(next: (value: T) => void, error?: (error: unknown) => void): () => void;
  hasValue(): boolean;
  getValue(): T | undefined;
}

/**
 * Runs `querier` as one Dexie live query while it has readers, and for `lingerMs` after the last one goes (or after
 * `warm`), so that a reader arriving meanwhile takes the value already read instead of reading it again. The querier
 * is given the value it read last, to keep what did not change. Once stopped, the value is dropped: a later reader
 * waits for a fresh read rather than being handed a stale one first.
 */
export function sharedLiveQuery<T>(querier: (previous: T | undefined) => Promise<T>, lingerMs: number): SharedLiveQuery<T> {
  const observers = new Set<QueryObserver<T>>();
  let current: { value: T } | undefined;
  let running = false;
  let watching: { unsubscribe(): void } | undefined;
  let intervalMs: number | null = null;
  let interval: ReturnType<typeof setTimeout> | undefined;
  let lingering: ReturnType<typeof setTimeout> | undefined;

  const unwatch = () => {
    watching?.unsubscribe();
    watching = undefined;
  };
  const watch = () => {
    // An async function: Dexie keeps the live query's context across a querier's awaits (so that it watches the reads
    // after the first) only for one, which it tells by the function's type.
    watching = liveQuery(async () => querier(current?.value)).subscribe({
      next: (value) => {
        if (interval !== undefined) {
          // Within the interval: the read at its end brings this change and any later one.
          unwatch();
          return;
        }
        current = { value };
        for (const observer of observers) observer.next(value);
        if (intervalMs === null) return;
        interval = setTimeout(() => {
          interval = undefined;
          if (!watching) watch();
        }, intervalMs);
      },
      error: (error: unknown) => {
        // A failed query ends: the next reader starts it again.
        stop();
        for (const observer of observers) observer.error?.(error);
      },
    });
  };
  const start = () => {
    clearTimeout(lingering);
    if (running) return;
    running = true;
    watch();
  };
  const stop = () => {
    unwatch();
    clearTimeout(interval);
    interval = undefined;
    running = false;
    current = undefined;
  };
  const stopWhenUnread = () => {
    clearTimeout(lingering);
    if (observers.size === 0) lingering = setTimeout(stop, lingerMs);
  };

  return {
    warm() {
      start();
      stopWhenUnread();
    },
    pace(ms) {
      if (ms === intervalMs) return;
      intervalMs = ms;
      clearTimeout(interval);
      interval = undefined;
      if (!running) return;
      unwatch();
      watch();
    },
    subscribe(next, error) {
      const observer = { next, error };
      observers.add(observer);
      start();
      // A value read between the reader's first render (getValue) and its subscription is not missed.
      if (current) observer.next(current.value);
      return () => {
        observers.delete(observer);
        stopWhenUnread();
      };
    },
    hasValue: () => current !== undefined,
    getValue: () => current?.value,
  };
}
