// User Timing measures of the lookups the benchmarks hold to a budget (`onevisit:<name>`, read by tests/bench), so the
// storage cost is measured apart from rendering. Measures are cheap and bounded by the browser's buffer.
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
