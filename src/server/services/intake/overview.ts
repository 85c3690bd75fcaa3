// The half-month overview: which departments have submitted in a period and which have not, their counts, open
// returns and the disputes waiting for reviewers.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { IntakeCounts, IntakeOverview, intakeOverviewQuerySchema } from '@shared/api/intake';
import { shanghaiDate } from '@shared/calendar/workingDays';
import type { Officer } from '@shared/domain/model';
import type { IntakeKind } from '@shared/intake/kinds';
import { halfMonthPeriodOf } from '@shared/intake/periods';
import { requireIntakeReader } from '../../access/policy';
import { queryRows, type Database } from '../../db/open';
import { lastCleaningRun } from './cleaning';

const COUNT_NAMES = ['received', 'accepted', 'updated', 'duplicate', 'returned', 'disputed'] as const;

export async function intakeOverview(
  db: Database,
  officer: Officer,
  query: z.output<typeof intakeOverviewQuerySchema>,
): Promise<IntakeOverview> {
  const readable = requireIntakeReader(officer);
  const today = shanghaiDate(new Date());
  const period = halfMonthPeriodOf(query.date ?? today);
  const own = readable === 'all' ? sql`TRUE` : sql`d.id = ${readable}`;
  const rows = await queryRows<{
    id: string;
    name: string;
    batches: number;
    kinds: IntakeKind[] | null;
    lastUploadedAt: Date | string | null;
    counts: Partial<IntakeCounts> | null;
    openReturns: number;
  }>(
    db,
    sql`SELECT d.id, d.name, count(b.id)::int AS batches, array_agg(DISTINCT b.kind) FILTER (WHERE b.id IS NOT NULL) AS kinds,
        max(b.uploaded_at) AS "lastUploadedAt",
        jsonb_build_object(${sql.join(
          COUNT_NAMES.map((name) => sql`${name}::text, coalesce(sum((b.counts->>${name})::int), 0)`),
          sql`, `,
        )}) AS counts,
        (SELECT coalesce(sum(a.open_returns), 0)::int FROM intake_batches a WHERE a.source = d.id) AS "openReturns"
      FROM departments d LEFT JOIN intake_batches b ON b.source = d.id AND b.period_start = ${period.start}
      WHERE ${own} GROUP BY d.id, d.name ORDER BY d.id`,
  );
  const [disputes] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM intake_records WHERE status = 'disputed' ${readable === 'all' ? sql`` : sql`AND source = ${readable}`}`,
  );
  return {
    period,
    today,
    departments: rows.map((row) => ({
      departmentId: row.id,
      departmentName: row.name,
      submitted: row.batches > 0,
      batches: row.batches,
      kinds: row.kinds ?? [],
      lastUploadedAt: row.lastUploadedAt ? new Date(row.lastUploadedAt).toISOString() : null,
      counts: Object.fromEntries(COUNT_NAMES.map((name) => [name, Number(row.counts?.[name] ?? 0)])) as IntakeCounts,
      openReturns: row.openReturns,
    })),
    openDisputes: disputes?.n ?? 0,
    lastCleaningRun: await lastCleaningRun(db),
  };
}
