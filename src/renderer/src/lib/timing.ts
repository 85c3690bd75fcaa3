// Every figure the benchmarks hold to a budget is taken here. Lookups are User Timing measures (`onevisit:<name>`, read
// by tests/bench), so the storage cost is measured apart from rendering; measures are cheap and bounded by the
// browser's buffer. The map's figures are data-*-ms attributes (see msAttribute), timed with a stopwatch.
function record(name: string, start: number): void {
  performance.measure(`onevisit:${name}`, { start, end: performance.now() });
}

export async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    record(name, start);
  }
}

export function measuredSync<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    record(name, start);
  }
}

/** Starts timing; the returned function gives the milliseconds elapsed since. */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => performance.now() - start;
}

/** A duration as a data-*-ms attribute holds it for tests/bench: whole milliseconds. */
export function msAttribute(ms: number): string {
  return String(Math.round(ms));
}
