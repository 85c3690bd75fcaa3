// The demo's working days: Monday–Friday (public holidays are not modelled).
import { fromDayNumber, toDayNumber } from '@shared/calendar/dates';

/** The next Monday–Friday after `date`. */
export function nextWorkingDay(date: string): string {
  let day = toDayNumber(date) + 1;
  // 1970-01-01 was a Thursday: (day + 4) % 7 gives 0 = Sunday … 6 = Saturday.
  while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++;
  return fromDayNumber(day);
}
