import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWorkday } from 'chinese-days';
import { addCalendarDays } from '@shared/calendar/dates';
import {
  addWorkingDays,
  isWorkingDay,
  publicationDeadline,
  shanghaiDate,
  workingDaysBetween,
  workingDaysIn,
} from '@shared/calendar/workingDays';
import { buildHolidayTable, CHINA_HOLIDAY_TABLE } from '@shared/calendar/holidayTable';

describe('working-day calendar', () => {
  it('knows weekends, holidays and adjusted working days (调休)', () => {
    expect(isWorkingDay('2026-09-30')).toBe(true); // Wednesday before National Day
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday made a working day
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday made a working day
    expect(isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday before Spring Festival, worked
    expect(isWorkingDay('2026-02-17')).toBe(false); // Spring Festival (Tuesday)
  });

  it('a check completed right before the National Day holiday is due on 2026-11-03, not on 2026-10-28', () => {
    const deadline = publicationDeadline('2026-09-30', '2026-09-30');
    expect(deadline).toEqual({ dueOn: '2026-11-03', workingDaysLeft: 20, overdue: false, calendarKnown: true });
    // Weekends alone would give 20 working days on 2026-10-28.
    expect(addWorkingDays('2026-09-30', 20, buildHolidayTable({ holidays: [], workdays: [] }))).toBe('2026-10-28');
    // During the holiday no working day passes.
    expect(publicationDeadline('2026-09-30', '2026-10-07').workingDaysLeft).toBe(20);
    expect(publicationDeadline('2026-09-30', '2026-10-10').workingDaysLeft).toBe(17);
    expect(publicationDeadline('2026-09-30', '2026-11-03')).toMatchObject({ workingDaysLeft: 0, overdue: false });
    expect(publicationDeadline('2026-09-30', '2026-11-04')).toMatchObject({ workingDaysLeft: -1, overdue: true });
  });

  it('counts across Spring Festival with its worked Saturdays', () => {
    // 2026-02-14 (Sat, worked) is day 1, 02-15 … 02-23 are off, 02-28 (Sat) is worked.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-13', 20)).toBe('2026-03-19');
    expect(workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
  });

  it('agrees with chinese-days day by day and with a naive count, for any check date the table covers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 8 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const date = addCalendarDays('2019-01-01', offset);
        expect(isWorkingDay(date)).toBe(isWorkday(date));
        const due = addWorkingDays(date, n);
        expect(workingDaysBetween(date, due)).toBe(n);
        expect(workingDaysBetween(due, date)).toBe(n === 0 ? 0 : -n);
        expect(n === 0 || isWorkingDay(due)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('says when a due date lies beyond the years the table knows', () => {
    const lastYear = CHINA_HOLIDAY_TABLE.lastYear;
    expect(lastYear).toBeGreaterThanOrEqual(2026);
    expect(publicationDeadline(`${lastYear + 1}-03-02`, `${lastYear + 1}-03-02`).calendarKnown).toBe(false);
  });

  it('keeps the statutory holidays of a year not yet arranged, and marks a deadline counted near them as provisional', () => {
    expect(CHINA_HOLIDAY_TABLE.lastYear).toBe(2026);
    // A check just before New Year: 2027-01-01 is a holiday by law even before the arrangement is published.
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(publicationDeadline('2026-12-04', '2026-12-04')).toEqual({
      dueOn: '2027-01-04',
      workingDaysLeft: 20,
      overdue: false,
      calendarKnown: false,
    });
    // Spring Festival 2027 from New Year's Eve (5 February).
    expect(isWorkingDay('2027-02-05')).toBe(false);
    expect(isWorkingDay('2027-02-09')).toBe(true);
    // A summer count, far from every holiday, depends on nothing unknown.
    expect(publicationDeadline('2027-07-01', '2027-07-01')).toMatchObject({ dueOn: '2027-07-29', calendarKnown: true });
    // Within the published years, nothing is provisional.
    expect(publicationDeadline('2026-09-30', '2026-09-30').calendarKnown).toBe(true);
  });

  it('counts working days of a window, both ends included', () => {
    // 22 weekdays, 1–2 and 5–7 October off, Saturday 10 October worked.
    expect(workingDaysIn('2026-10-01', '2026-10-31')).toBe(18);
    expect(workingDaysIn('2026-10-09', '2026-10-09')).toBe(1);
    expect(workingDaysIn('2026-10-10', '2026-10-09')).toBe(0);
  });

  it('takes calendar dates in Asia/Shanghai', () => {
    expect(shanghaiDate('2026-09-30T15:59:59.000Z')).toBe('2026-09-30');
    expect(shanghaiDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(/no such date/);
  });
});
