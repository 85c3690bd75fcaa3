// Cleaning runs, on demand and on a schedule: penalties past their publicity deadline or repaired end their publicity,
// expired list entries and debtor listings leave the profiles. Records are marked (ended_on, ended_by), never deleted,
// and every run keeps a report of what it changed.
import { recordActorAudit, type Actor } from '../audit';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  CLEANING_REPORT_MAX_CHANGES,
  type CleaningReport,
  type CleaningReportResponse,
  type CleaningRun,
  type CleaningRunListResponse,
} from '@shared/api/intake';
import { shanghaiDate } from '@shared/calendar/workingDays';
import type { Officer } from '@shared/domain/model';
import { fineYuan } from '@shared/intake/check';
import { addMonths, penaltyPublicity } from '@shared/intake/credit';
import { cleaningActionSchema, type CleaningAction, type CleaningTrigger, type IntakeKind } from '@shared/intake/kinds';
import { requireCleaningReader, requireCleaningRunner } from '../../access/policy';
import { queryRows, type Database } from '../../db/open';
import type { Transaction } from '../../db/writes';
import { notFound } from '../../domain/errors';
import { lockIntake } from './ingest';
import { rebuildProfiles } from './profiles';

const PAGE = 5000;
const DEBTOR_LISTING_MONTHS = 24;

type Reader = Pick<Database, 'execute'>;

interface Candidate {
  id: string;
  kind: IntakeKind;
  key: string;
  uscc: string;
  fields: Record<string, string>;
}

/** What the run does to a record as of a date, or nothing. */
function actionFor(record: Candidate, asOf: string, repaired: ReadonlySet<string>): CleaningAction | null {
  const { fields } = record;
  switch (record.kind) {
    case 'penalties':
      if (repaired.has(record.key)) return 'publicity_repaired';
      return penaltyPublicity(fields, fineYuan(fields)).publicityEndsOn < asOf ? 'publicity_expired' : null;
    case 'listEntries':
      return (fields.removedOn !== undefined && fields.removedOn <= asOf) || (fields.validUntil !== undefined && fields.validUntil < asOf)
        ? 'list_entry_expired'
        : null;
    case 'dishonestDebtors':
      return (fields.expiresOn ?? addMonths(fields.publishedOn!, DEBTOR_LISTING_MONTHS)) < asOf ? 'debtor_listing_expired' : null;
    default:
      return null;
  }
}

/** Runs a cleaning inside the caller's transaction and stores its report. */
export async function runCleaning(tx: Transaction, trigger: CleaningTrigger, startedBy: Officer | null, asOf: string): Promise<string> {
  const startedAt = new Date();
  await lockIntake(tx);
  const counts = Object.fromEntries(cleaningActionSchema.options.map((action) => [action, 0])) as Record<CleaningAction, number>;
  const changes: CleaningReport['changes'] = [];
  const enterprises = new Set<string>();
  let after = { uscc: '', id: '' };
  for (;;) {
    const page = await queryRows<Candidate>(
      tx,
      sql`SELECT id, kind, natural_key AS key, enterprise_uscc AS uscc, fields FROM intake_records
        WHERE current AND ended_by IS NULL AND kind IN ('penalties', 'listEntries', 'dishonestDebtors')
          AND (enterprise_uscc, id) > (${after.uscc}, ${after.id})
        ORDER BY enterprise_uscc, id LIMIT ${PAGE}`,
    );
    if (page.length === 0) break;
    after = { uscc: page.at(-1)!.uscc, id: page.at(-1)!.id };
    const penaltyKeys = page.filter((r) => r.kind === 'penalties').map((r) => r.key);
    const repaired = new Set(
      (
        await queryRows<{ key: string }>(
          tx,
          sql`SELECT (fields->>'penaltyAuthority') || ' / ' || (fields->>'penaltyDecisionNumber') AS key FROM intake_records
            WHERE kind = 'repairs' AND current AND fields->>'outcome' = '准予修复'
              AND (fields->>'penaltyAuthority') || ' / ' || (fields->>'penaltyDecisionNumber') = ANY(${sql.param(penaltyKeys)}::text[])`,
        )
      ).map((row) => row.key),
    );
    const ended = page.flatMap((record) => {
      const action = actionFor(record, asOf, repaired);
      return action ? [{ record, action }] : [];
    });
    if (ended.length === 0) continue;
    await tx.execute(sql`UPDATE intake_records r SET ended_on = ${asOf}, ended_by = c.action
      FROM jsonb_to_recordset(${JSON.stringify(ended.map(({ record, action }) => ({ id: record.id, uscc: record.uscc, action })))}::jsonb)
        AS c(id text, uscc text, action text)
      WHERE r.enterprise_uscc = c.uscc AND r.id = c.id`);
    for (const { record, action } of ended) {
      counts[action]++;
      if (record.uscc !== '') enterprises.add(record.uscc);
      if (changes.length < CLEANING_REPORT_MAX_CHANGES + 1) {
        changes.push({ recordId: record.id, kind: record.kind, key: record.key, enterpriseUscc: record.uscc || null, action });
      }
    }
  }
  const profilesChanged = await rebuildProfiles(tx, enterprises);
  const id = `cr-${randomUUID()}`;
  await tx.execute(sql`INSERT INTO intake_cleaning_runs (id, trigger, started_by, started_at, finished_at, as_of, counts, profiles_changed, changes, truncated)
    VALUES (${id}, ${trigger}, ${startedBy?.id ?? null}, ${startedAt}, ${new Date()}, ${asOf}, ${JSON.stringify(counts)}::jsonb, ${profilesChanged},
      ${JSON.stringify(changes.slice(0, CLEANING_REPORT_MAX_CHANGES))}::jsonb, ${changes.length > CLEANING_REPORT_MAX_CHANGES})`);
  return id;
}

interface RunRow {
  id: string;
  trigger: CleaningTrigger;
  startedById: string | null;
  startedByName: string | null;
  startedAt: Date | string;
  finishedAt: Date | string;
  asOf: string;
  counts: Record<CleaningAction, number>;
  profilesChanged: number;
  changes?: CleaningReport['changes'];
  truncated?: boolean;
}

async function runRows(db: Reader, where: ReturnType<typeof sql>, limit: number, withReport: boolean): Promise<RunRow[]> {
  return queryRows<RunRow>(
    db,
    sql`SELECT c.id, c.trigger, c.started_by AS "startedById", o.name AS "startedByName", c.started_at AS "startedAt",
        c.finished_at AS "finishedAt", to_char(c.as_of, 'YYYY-MM-DD') AS "asOf", c.counts, c.profiles_changed AS "profilesChanged"
        ${withReport ? sql`, c.changes, c.truncated` : sql``}
      FROM intake_cleaning_runs c LEFT JOIN officers o ON o.id = c.started_by WHERE ${where}
      ORDER BY c.started_at DESC, c.id DESC LIMIT ${limit}`,
  );
}

function runView(row: RunRow): CleaningRun {
  return {
    id: row.id,
    trigger: row.trigger,
    startedBy: row.startedById ? { id: row.startedById, name: row.startedByName ?? '' } : null,
    startedAt: new Date(row.startedAt).toISOString(),
    finishedAt: new Date(row.finishedAt).toISOString(),
    asOf: row.asOf,
    counts: row.counts,
    profilesChanged: row.profilesChanged,
  };
}

async function report(db: Reader, runId: string): Promise<CleaningReportResponse> {
  const [row] = await runRows(db, sql`c.id = ${runId}`, 1, true);
  if (!row) throw notFound(`no cleaning run ${runId}`);
  return { run: { ...runView(row), changes: row.changes ?? [], truncated: row.truncated ?? false } };
}

export async function lastCleaningRun(db: Reader): Promise<CleaningRun | null> {
  const [row] = await runRows(db, sql`TRUE`, 1, false);
  return row ? runView(row) : null;
}

export async function listCleaningRuns(db: Database, officer: Officer, limit: number): Promise<CleaningRunListResponse> {
  requireCleaningReader(officer);
  return { runs: (await runRows(db, sql`TRUE`, limit, false)).map(runView) };
}

export async function startCleaningRun(db: Database, actor: Actor): Promise<CleaningReportResponse> {
  requireCleaningRunner(actor.officer);
  const id = await db.transaction(async (tx) => {
    const runId = await runCleaning(tx, 'demand', actor.officer, shanghaiDate(new Date()));
    await recordActorAudit(tx, actor, 'intake.cleaning_run', { type: 'intake_cleaning_run', id: runId });
    return runId;
  });
  return report(db, id);
}

export async function cleaningReport(db: Database, officer: Officer, runId: string): Promise<CleaningReportResponse> {
  requireCleaningReader(officer);
  return report(db, runId);
}

/**
 * The scheduled run: only when the last run (of either kind) is older than the interval. The last run is read holding
 * the intake lock, so endpoint instances checking at the same moment run it once.
 */
export function runScheduledCleaning(db: Database, intervalMs: number, now = new Date()): Promise<string | null> {
  return db.transaction(async (tx) => {
    await lockIntake(tx);
    const last = await lastCleaningRun(tx);
    if (last && now.getTime() - Date.parse(last.startedAt) < intervalMs) return null;
    return runCleaning(tx, 'schedule', null, shanghaiDate(now));
  });
}
