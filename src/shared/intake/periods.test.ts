import { describe, expect, it } from 'vitest';
import { halfMonthPeriodOf, previousHalfMonthPeriod, periodStartSchema } from './periods';

describe('half-month periods', () => {
  it('run from the 1st to the 15th and from the 16th to the month’s end', () => {
    expect(halfMonthPeriodOf('2026-12-05')).toEqual({ start: '2026-12-01', end: '2026-12-15', label: '2026年12月上半月' });
    expect(halfMonthPeriodOf('2026-12-15').start).toBe('2026-12-01');
    expect(halfMonthPeriodOf('2026-12-16')).toEqual({ start: '2026-12-16', end: '2026-12-31', label: '2026年12月下半月' });
    expect(halfMonthPeriodOf('2028-02-29').end).toBe('2028-02-29');
    expect(halfMonthPeriodOf('2026-02-20').end).toBe('2026-02-28');
  });

  it('go back across months and years', () => {
    expect(previousHalfMonthPeriod(halfMonthPeriodOf('2026-12-20')).start).toBe('2026-12-01');
    expect(previousHalfMonthPeriod(halfMonthPeriodOf('2027-01-03'))).toMatchObject({ start: '2026-12-16', end: '2026-12-31' });
  });

  it('are named by a real month’s 1st or 16th', () => {
    for (const start of ['2026-01-01', '2026-12-16']) expect(periodStartSchema.safeParse(start).success).toBe(true);
    for (const start of ['0000-00-01', '2026-13-01', '2026-12-15', '2026-1-01'])
      expect(periodStartSchema.safeParse(start).success).toBe(false);
  });
});
