import 'fake-indexeddb/auto';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { task } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { sharedLiveQuery } from './sharedLiveQuery';

const LINGER_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A shared query counting the tasks, with how often it read them and what it was given as the previous value. */
function countingQuery() {
  const db = freshOfficerDb();
  const previous: (number | undefined)[] = [];
  const query = sharedLiveQuery(async (last: number | undefined) => {
    previous.push(last);
    return (await db.tasks.toArray()).length;
  }, LINGER_MS);
  return { db, query, previous };
}

describe('shared live query', () => {
  it('reads once for every reader, hands a later reader the value read, and re-reads for all on a change', async () => {
    const { db, query, previous } = countingQuery();
    await db.tasks.bulkPut([task('t-1'), task('t-2')]);
    const first = vi.fn();
    const stopFirst = query.subscribe(first);
    await vi.waitFor(() => expect(first).toHaveBeenCalledWith(2));
    expect(query.getValue()).toBe(2);

    const second = vi.fn();
    const stopSecond = query.subscribe(second);
    expect(second).toHaveBeenCalledWith(2);
    expect(previous).toEqual([undefined]);

    await db.tasks.put(task('t-3'));
    await vi.waitFor(() => expect(second).toHaveBeenLastCalledWith(3));
    expect(first).toHaveBeenLastCalledWith(3);
    // One read per change, given the value it replaces.
    expect(previous).toEqual([undefined, 2]);
    stopFirst();
    stopSecond();
  });

  it('reads ahead of its reader when warmed, and keeps the value for a reader arriving within the linger', async () => {
    const { db, query, previous } = countingQuery();
    await db.tasks.put(task('t-1'));
    query.warm();
    await vi.waitFor(() => expect(query.hasValue()).toBe(true));
    const reader = vi.fn();
    const stop = query.subscribe(reader);
    expect(reader).toHaveBeenCalledWith(1);
    // The reader keeps the query running past the linger, and nothing was read twice.
    await sleep(LINGER_MS * 2);
    expect(query.getValue()).toBe(1);
    expect(previous).toHaveLength(1);
    stop();
  });

  it('stops once unread for the linger and drops its value, so that a later reader waits for a fresh read', async () => {
    const { db, query, previous } = countingQuery();
    await db.tasks.put(task('t-1'));
    const stop = query.subscribe(() => {});
    await vi.waitFor(() => expect(query.hasValue()).toBe(true));
    stop();
    await sleep(LINGER_MS * 2);
    expect(query.hasValue()).toBe(false);

    // Stopped, it no longer reads on changes; a new reader starts it again, from nothing.
    await db.tasks.put(task('t-2'));
    await sleep(LINGER_MS);
    expect(previous).toEqual([undefined]);
    const reader = vi.fn();
    const stopReader = query.subscribe(reader);
    expect(reader).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(reader).toHaveBeenCalledWith(2));
    expect(previous).toEqual([undefined, undefined]);
    stopReader();
  });

  it('passes a failed read to its readers and starts again for the next one', async () => {
    let fail = true;
    const query = sharedLiveQuery(() => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve('read')), LINGER_MS);
    const failed = vi.fn();
    const stop = query.subscribe(() => {}, failed);
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(new Error('disk full')));
    stop();
    fail = false;
    const reader = vi.fn();
    const stopReader = query.subscribe(reader);
    await vi.waitFor(() => expect(reader).toHaveBeenCalledWith('read'));
    stopReader();
  });

  it('while paced, reads once more at the end of an interval, not once a write', async () => {
    const db = freshOfficerDb();
    await db.open();
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    let reads = 0;
    const query = sharedLiveQuery(() => {
      reads++;
      return db.tasks.count();
    }, LINGER_MS);
    query.pace(1000);
    const values: number[] = [];
    const stop = query.subscribe((value) => values.push(value));
    await vi.advanceTimersByTimeAsync(10);
    for (const id of ['t-1', 't-2', 't-3', 't-4', 't-5']) {
      const stored = db.tasks.put(task(id));
      await vi.advanceTimersByTimeAsync(100);
      await stored;
    }
    await vi.advanceTimersByTimeAsync(1000);

    // The first read, the one the first write brought (within the interval: dropped), the one at the interval's end.
    expect(reads).toBe(3);
    expect(values).toEqual([0, 5]);
    stop();
  });
});
