// Counts statements sent on a node-postgres connection while another is still running on it: node-postgres queues
// them with a deprecation warning ("already executing a query"), and pg 9 refuses them. COPY streams count until they end.
import pg from 'pg';

/** Statements `work` sent on a busy connection. */
export async function overlappingStatements(work: () => Promise<unknown>): Promise<number> {
  const query = pg.Client.prototype.query;
  const running = new WeakMap<object, number>();
  let overlaps = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const before = running.get(this) ?? 0;
    if (before > 0) overlaps++;
    running.set(this, before + 1);
    let settled = false;
    const settle = () => {
      if (!settled) running.set(this, running.get(this)! - 1);
      settled = true;
    };
    // A submittable (a COPY stream) runs until it ends as a stream.
    const submittable = args[0] as { submit?: unknown; once?: (event: string, listener: () => void) => unknown } | undefined;
    if (typeof submittable?.submit === 'function') {
      if (typeof submittable.once !== 'function') throw new Error('a submittable query that is not a stream is not watched');
      for (const event of ['finish', 'end', 'error', 'close']) submittable.once(event, settle);
    }
    // The pool's own queries answer through a callback, drizzle's in transactions through a promise.
    const callback = args.at(-1);
    if (typeof callback === 'function')
      args[args.length - 1] = (...answer: unknown[]) => {
        settle();
        return (callback as (...a: unknown[]) => unknown)(...answer);
      };
    const result = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.then(settle, settle);
    return result;
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return overlaps;
}
