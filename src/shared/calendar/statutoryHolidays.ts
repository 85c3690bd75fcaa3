// The public holidays fixed by law (全国年节及纪念日放假办法, as revised in 2024, in force from 2025), known for any
// year before the State Council publishes that year's arrangement: 元旦 1 January, 春节 from New Year's Eve to the
// third day of the first lunar month, 清明 (the solar term), 劳动节 1–2 May, 端午 (5th of the 5th lunar month), 中秋
// (15th of the 8th lunar month), 国庆 1–3 October. Lunar dates and the solar term come from `chinese-days`.
// What the arrangement adds is not known in advance: which weekdays are given off around these days (bridges, and
// the days owed when a holiday falls on a weekend) and which weekends are worked instead (调休).
// The default export: the package is CommonJS for Node, whose ESM loader cannot see its named exports.
import chineseDays from 'chinese-days';
import { addCalendarDays } from './dates';

/** Days before and after a statutory holiday that an arrangement has moved (at most 9 since 2010; one-off commemorations aside). */
export const ARRANGEMENT_REACH_DAYS = 14;

const lunar = (year: number, month: number, day: number) =>
  chineseDays.getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date;

/** The statutory holidays of a Gregorian year, in date order. */
export function statutoryHolidays(year: number): string[] {
  const springFestival = lunar(year, 1, 1);
  return [
    `${year}-01-01`,
    addCalendarDays(springFestival, -1),
    springFestival,
    addCalendarDays(springFestival, 1),
    addCalendarDays(springFestival, 2),
    chineseDays.getSolarTermDate(year, 4, 'pure_brightness'),
    `${year}-05-01`,
    `${year}-05-02`,
    lunar(year, 5, 5),
    lunar(year, 8, 15),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ].sort();
}

/**
 * The days whose status the year's arrangement may still change: near a statutory holiday, late December of the year
 * before included (New Year's make-up days have fallen there).
 */
export function unsettledDays(year: number): string[] {
  const days = new Set<string>();
  for (const holiday of statutoryHolidays(year))
    for (let offset = -ARRANGEMENT_REACH_DAYS; offset <= ARRANGEMENT_REACH_DAYS; offset++) days.add(addCalendarDays(holiday, offset));
  return [...days].sort();
}
