// Departments that cannot connect directly upload every half month: 1st–15th and 16th–end of month (DOMAIN.md).
import { z } from 'zod';

/** A half-month period's first day, `YYYY-MM-01` or `YYYY-MM-16`: the period's id. */
export const periodStartSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(01|16)$/, 'a period is named by its first day, the 1st or the 16th of a month');

export const halfMonthPeriodSchema = z.object({
  start: periodStartSchema,
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** e.g. `2026年12月上半月`. */
  label: z.string(),
});
export type HalfMonthPeriod = z.infer<typeof halfMonthPeriodSchema>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The half-month period a date (`YYYY-MM-DD`) falls in. */
export function halfMonthPeriodOf(date: string): HalfMonthPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const first = day <= 15;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    start: `${year}-${pad(month)}-${first ? '01' : '16'}`,
    end: `${year}-${pad(month)}-${first ? '15' : pad(lastDay)}`,
    label: `${year}年${month}月${first ? '上' : '下'}半月`,
  };
}

/** The period before the given one. */
export function previousHalfMonthPeriod(period: HalfMonthPeriod): HalfMonthPeriod {
  const start = new Date(`${period.start}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 1);
  return halfMonthPeriodOf(start.toISOString().slice(0, 10));
}
