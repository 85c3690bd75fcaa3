// Calendar arithmetic on YYYY-MM-DD strings in UTC, so demo dates never depend on the clock or the time zone.
const DAY_MS = 86_400_000;

export function toDayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`expected a date as YYYY-MM-DD, got ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The next Monday–Friday after `date` (public holidays are not modelled). */
export function nextWorkingDay(date: string): string {
  let day = toDayNumber(date) + 1;
  // 1970-01-01 was a Thursday: (day + 4) % 7 gives 0 = Sunday … 6 = Saturday.
  while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++;
  return fromDayNumber(day);
}
