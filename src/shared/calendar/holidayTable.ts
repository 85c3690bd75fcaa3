// China's public holidays and adjusted working days (调休) as data. The table comes from the `chinese-days` package,
// which carries the State Council's yearly announcements (2004 onwards). To update it when a new year's arrangement is
// published: `npm update chinese-days` (or add the dates to EXTRA below until the package has them), then
// `npx vitest run --project unit src/shared/calendar/workingDays.test.ts`.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface HolidayTable {
  /** Days off that would otherwise be working days (the official holidays, YYYY-MM-DD). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
  /** The last year whose arrangement the table holds. */
  lastYear: number;
}

/** Arrangements announced after the installed `chinese-days` release; keep empty when the package is current. */
const EXTRA: { holidays: string[]; workdays: string[] } = { holidays: [], workdays: [] };

export function buildHolidayTable(source: { holidays: Iterable<string>; workdays: Iterable<string> }): HolidayTable {
  const holidays = new Set(source.holidays);
  const workdays = new Set(source.workdays);
  const years = [...holidays, ...workdays].map((d) => Number(d.slice(0, 4)));
  return { holidays, workdays, lastYear: years.length > 0 ? Math.max(...years) : 0 };
}

export const CHINA_HOLIDAY_TABLE: HolidayTable = buildHolidayTable({
  holidays: [...Object.keys(chineseDays.holidays), ...EXTRA.holidays],
  workdays: [...Object.keys(chineseDays.workdays), ...EXTRA.workdays],
});
