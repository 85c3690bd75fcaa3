import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { ARRANGEMENT_REACH_DAYS, statutoryHolidays, unsettledDays } from './statutoryHolidays';

const holidays = chineseDays.holidays as Record<string, string>;
const workdays = chineseDays.workdays as Record<string, string>;
const FESTIVALS = [
  "New Year's Day",
  'Spring Festival',
  'Tomb-sweeping Day',
  'Labour Day',
  'Dragon Boat Festival',
  'Mid-autumn Festival',
  'National Day',
];
const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

describe('statutory holidays', () => {
  it('are the 13 days of the law, with the lunar festivals and Qingming where they fall', () => {
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', // New Year's Eve
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05', // 清明
      '2027-05-01',
      '2027-05-02',
      '2027-06-09', // 端午
      '2027-09-15', // 中秋
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });

  it('are days off in every arrangement published under the law (2025 on)', () => {
    for (const year of [2025, 2026]) for (const day of statutoryHolidays(year)) expect(holidays[day], day).toBeDefined();
  });

  it('reach every day an arrangement has moved since 2010, one-off commemorations aside', () => {
    const moved = [
      ...Object.entries(workdays),
      ...Object.entries(holidays).filter(([day]) => !statutoryHolidays(Number(day.slice(0, 4))).includes(day)),
    ].filter(([day, name]) => day >= '2010' && FESTIVALS.includes(name.split(',')[0]!));
    expect(moved.length).toBeGreaterThan(200);
    for (const [day] of moved) {
      const year = Number(day.slice(0, 4));
      const near = [year - 1, year, year + 1].flatMap(statutoryHolidays).some((h) => days(h, day) <= ARRANGEMENT_REACH_DAYS);
      expect(near, day).toBe(true);
    }
  });

  it('leave the days far from every holiday settled', () => {
    const unsettled = unsettledDays(2027);
    expect(unsettled).toContain('2027-01-15');
    expect(unsettled).toContain('2026-12-20');
    expect(unsettled).not.toContain('2027-07-15');
    expect(unsettled).not.toContain('2027-03-10');
    expect(unsettledDays(2028)).toContain('2027-12-18');
  });
});
