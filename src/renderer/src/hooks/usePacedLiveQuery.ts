import { useEffect, useState, type DependencyList } from 'react';
import { liveQuery } from '../data/liveQuery';

/**
 * useLiveQuery whose results reach the component at most once per `intervalMs`; with null, each result at once. A
 * result within the interval is dropped and the reads stop until it ends, then run once more: the latest state always
 * arrives, and changes that land meanwhile cost no reads. A new `intervalMs` reads again at once.
 */
export function usePacedLiveQuery<T>(querier: () => Promise<T>, deps: DependencyList, intervalMs: number | null): T | undefined {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let watching: { unsubscribe(): void } | null = null;
    let interval: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      watching = liveQuery(querier).subscribe({
        next: (result) => {
          if (interval !== undefined) {
            // Within the interval: the read at its end brings this change and any later one.
            watching?.unsubscribe();
            watching = null;
            return;
          }
          setValue(() => result);
          if (intervalMs === null) return;
          interval = setTimeout(() => {
            interval = undefined;
            if (!watching) watch();
          }, intervalMs);
        },
        error: setError,
      });
    };
    watch();
    return () => {
      watching?.unsubscribe();
      clearTimeout(interval);
    };
    // The caller's deps stand for what `querier` reads, as with useLiveQuery.
  }, [...deps, intervalMs]);
  // As useLiveQuery: a failed read is the nearest error boundary's.
  if (error) throw error;
  return value;
}
