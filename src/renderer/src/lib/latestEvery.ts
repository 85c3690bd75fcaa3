/**
 * Delivers reports at most once per `intervalMs`: the first at once, then the latest of those made within each interval
 * at its end. `stop()` drops a report still waiting (what comes after supersedes it).
 */
export function latestEvery<T>(intervalMs: number, deliver: (value: T) => void): { report: (value: T) => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: { value: T } | null = null;
  const tick = () => {
    if (!waiting) {
      timer = undefined;
      return;
    }
    deliver(waiting.value);
    waiting = null;
    timer = setTimeout(tick, intervalMs);
  };
  return {
    report(value) {
      if (timer !== undefined) {
        waiting = { value };
        return;
      }
      deliver(value);
      timer = setTimeout(tick, intervalMs);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      waiting = null;
    },
  };
}
