// China's public holidays and adjusted working days (调休) as data. The table comes from the `chinese-days` package,
// which carries the State Council's yearly announcements (2004 onwards). To update it when a new year's arrangement is
// published: `npm update chinese-days` (or add the dates to EXTRA below until the package has them), then
// `npx vitest run --project unit src/shared/calendar/workingDays.test.ts`. For the years after the last announcement
// the table holds the holidays fixed by law (statutoryHolidays.ts) and marks the days near them as unsettled.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { statutoryHolidays, unsettledDays } from './statutoryHolidays';

export interface HolidayTable {
  /** Days off that would otherwise be working days (the official holidays, YYYY-MM-DD). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
  /** The last year whose arrangement the table holds. */
  lastYear: number;
  /** Days of later years that the arrangement, once published, may still turn into days off or working days. */
  unsettled: ReadonlySet<string>;
  /** The last year whose statutory holidays the table holds (lastYear when it holds published arrangements only). */
  statutoryUntil: number;
}

/** Years after the last announcement for which the statutory holidays are filled in. */
const PROVISIONAL_YEARS = 5;

/** Arrangements announced after the installed `chinese-days` release; keep empty when the package is current. */
const EXTRA: { holidays: string[]; workdays: string[] } = { holidays: [], workdays: [] };

/** The published arrangements alone (`provisional` false), or followed by the statutory holidays of the next years. */
export function buildHolidayTable(
  source: { holidays: Iterable<string>; workdays: Iterable<string> },
  { provisional = false }: { provisional?: boolean } = {},
): HolidayTable {
  const holidays = new Set(source.holidays);
  const workdays = new Set(source.workdays);
  const years = [...holidays, ...workdays].map((d) => Number(d.slice(0, 4)));
  const lastYear = years.length > 0 ? Math.max(...years) : 0;
  const unsettled = new Set<string>();
  const statutoryUntil = provisional && lastYear > 0 ? lastYear + PROVISIONAL_YEARS : lastYear;
  for (let year = lastYear + 1; year <= statutoryUntil; year++) {
    statutoryHolidays(year).forEach((d) => holidays.add(d));
    unsettledDays(year).forEach((d) => unsettled.add(d));
  }
  return { holidays, workdays, lastYear, unsettled, statutoryUntil };
}

export const CHINA_HOLIDAY_TABLE: HolidayTable = buildHolidayTable(
  {
    holidays: [...Object.keys(chineseDays.holidays), ...EXTRA.holidays],
    workdays: [...Object.keys(chineseDays.workdays), ...EXTRA.workdays],
  },
  { provisional: true },
);
