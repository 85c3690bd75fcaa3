// Working days in mainland China: Monday–Friday, minus public holidays, plus the weekend days declared working days
// (调休). Inspection results are due within 20 working days of the check (enterprise information publicity regulation,
// art. 6). Dates are plain YYYY-MM-DD calendar dates in Asia/Shanghai; the arithmetic runs in UTC so no local time zone
// or DST can shift a day.
import { addCalendarDays, fromUtcMs, toUtcMs } from './dates';
import { CHINA_HOLIDAY_TABLE, type HolidayTable } from './holidayTable';

export const PUBLICATION_WORKING_DAYS = 20;

/** The Asia/Shanghai calendar date of an instant. China has kept UTC+8 without daylight saving since 1991. */
export function shanghaiDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`not a date-time: ${String(instant)}`);
  return fromUtcMs(ms + 8 * 3_600_000);
}

export function isWorkingDay(date: string, table: HolidayTable = CHINA_HOLIDAY_TABLE): boolean {
  if (table.workdays.has(date)) return true;
  if (table.holidays.has(date)) return false;
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (the day itself never counts, whatever it is). */
export function addWorkingDays(date: string, n: number, table: HolidayTable = CHINA_HOLIDAY_TABLE): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays needs a whole number of days ≥ 0, got ${n}`);
  let day = date;
  for (let left = n; left > 0;) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, table)) left--;
  }
  return day;
}

/**
 * Working days from `from` to `to`: the working days d with from < d ≤ to, negative (counting from < d ≤ to reversed)
 * when `to` lies before `from`. So on the due date itself 0 are left, and the first working day after it is −1.
 */
export function workingDaysBetween(from: string, to: string, table: HolidayTable = CHINA_HOLIDAY_TABLE): number {
  const [start, end, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = addCalendarDays(start, 1); day <= end; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, table)) count++;
  }
  return count === 0 ? 0 : sign * count;
}

/** Working days from `start` to `end`, both included (0 when the range is empty). */
export function workingDaysIn(start: string, end: string, table: HolidayTable = CHINA_HOLIDAY_TABLE): number {
  return end < start ? 0 : workingDaysBetween(addCalendarDays(start, -1), end, table);
}

/** Whether counting the days after `from` up to `to` meets a day whose status is not yet published. */
function dependsOnUnsettledDays(from: string, to: string, table: HolidayTable = CHINA_HOLIDAY_TABLE): boolean {
  // Beyond the years filled in with statutory holidays nothing is known but the weekends.
  if (Number(to.slice(0, 4)) > table.statutoryUntil) return true;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (table.unsettled.has(day)) return true;
  return false;
}

export interface PublicationDeadline {
  /** Last day on which the result may be published. */
  dueOn: string;
  /** Working days left after `today` up to the due date; negative once overdue. */
  workingDaysLeft: number;
  overdue: boolean;
  /**
   * False when the count runs over days that a year's arrangement, not yet published, may still change (near a
   * statutory holiday of a later year): the due date is provisional until the State Council publishes it.
   */
  calendarKnown: boolean;
}

export function publicationDeadline(checkedOn: string, today: string, table: HolidayTable = CHINA_HOLIDAY_TABLE): PublicationDeadline {
  const dueOn = addWorkingDays(checkedOn, PUBLICATION_WORKING_DAYS, table);
  const workingDaysLeft = workingDaysBetween(today, dueOn, table);
  return { dueOn, workingDaysLeft, overdue: today > dueOn, calendarKnown: !dependsOnUnsettledDays(checkedOn, dueOn, table) };
}
