// Arithmetic on plain YYYY-MM-DD calendar dates, run in UTC so no local time zone or DST can shift a day. A leaf module:
// the working-day and holiday calendars and the demo's dates build on it.
export const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toUtcMs(date: string): number {
  const match = DATE_RE.exec(date);
  if (!match) throw new Error(`expected a date as YYYY-MM-DD, got ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`no such date: ${date}`);
  return ms;
}

export const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Days since 1970-01-01, for counting and drawing days. */
export const toDayNumber = (date: string): number => toUtcMs(date) / DAY_MS;

export const fromDayNumber = (day: number): string => fromUtcMs(day * DAY_MS);

export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}
