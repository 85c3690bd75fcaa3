import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestEvery } from './latestEvery';

describe('latestEvery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers the first report at once and then the latest of each interval at its end', () => {
    const delivered: number[] = [];
    const paced = latestEvery(250, (n: number) => delivered.push(n));
    paced.report(1);
    expect(delivered).toEqual([1]);
    for (let n = 2; n <= 10; n++) paced.report(n);
    expect(delivered).toEqual([1]);
    vi.advanceTimersByTime(250);
    expect(delivered).toEqual([1, 10]);
    paced.report(11);
    vi.advanceTimersByTime(249);
    expect(delivered).toEqual([1, 10]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([1, 10, 11]);
    // A quiet interval: the next report is delivered at once again.
    vi.advanceTimersByTime(250);
    paced.report(12);
    expect(delivered).toEqual([1, 10, 11, 12]);
  });

  it('drops a waiting report when stopped', () => {
    const delivered: number[] = [];
    const paced = latestEvery(250, (n: number) => delivered.push(n));
    paced.report(1);
    paced.report(2);
    paced.stop();
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([1]);
  });
});
