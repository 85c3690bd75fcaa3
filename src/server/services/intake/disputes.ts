// Disputed penalties (a fine over 1,000,000 yuan): they count only once two different credit reviewers, neither of them
// the uploader, have approved them; either may reject one with a reason, which returns it to the source department.
// Every decision is kept with who and when (intake_reviews).
import { recordActorAudit, type Actor } from '../audit';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { IntakeDecisionResponse, IntakeDisputeListResponse, IntakeProblem, intakeDisputeListQuerySchema } from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import { fineYuan } from '@shared/intake/check';
import { DISPUTE_APPROVALS_NEEDED, type IntakeRecordStatus } from '@shared/intake/kinds';
import { intakeField } from '@shared/intake/templates';
import { disputeDecisionRefusal, requireCreditReviewer } from '../../access/policy';
import { queryRows, type Database } from '../../db/open';
import type { Transaction } from '../../db/writes';
import { conflict, forbidden, invalid, notFound } from '../../domain/errors';
import { lockIntake } from './ingest';
import { rebuildProfiles } from './profiles';
import { decodeCursor, encodeCursor, recordDetails, recordRows } from './views';

export type DisputeDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

const EARLIER_RECORDS = 20;

export async function listDisputes(
  db: Database,
  officer: Officer,
  query: z.output<typeof intakeDisputeListQuerySchema>,
): Promise<IntakeDisputeListResponse> {
  requireCreditReviewer(officer);
  const cursor = decodeCursor(query.cursor);
  if (query.cursor && !cursor) throw invalid('the cursor is not one this endpoint handed out');
  const rows = await recordRows(
    db,
    sql`r.status = 'disputed' ${query.source ? sql`AND r.source = ${query.source}` : sql``}
      ${cursor ? sql`AND (r.created_at, r.id) > (${cursor.at}::timestamptz, ${cursor.id})` : sql``}`,
    sql`r.created_at, r.id`,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const details = await recordDetails(db, page);
  const earlier = await recordRows(
    db,
    sql`r.current AND r.enterprise_uscc <> '' AND (r.enterprise_uscc, r.source) IN
      (SELECT k->>0, k->>1 FROM jsonb_array_elements(${JSON.stringify(page.map((row) => [row.enterpriseUscc, row.source]))}::jsonb) AS k)`,
    sql`r.created_at DESC, r.id`,
    EARLIER_RECORDS * Math.max(page.length, 1),
  );
  const earlierDetails = await recordDetails(db, earlier);
  const last = page.at(-1);
  return {
    disputes: page.map((row, i) => ({
      record: details[i]!,
      fineYuan: fineYuan(row.fields),
      approvals: details[i]!.reviews.filter((review) => review.decision === 'approve').length,
      earlierRecords: earlierDetails
        .filter((other, j) => earlier[j]!.enterpriseUscc === row.enterpriseUscc && other.source === row.source && other.id !== row.id)
        .slice(0, EARLIER_RECORDS),
    })),
    cursor: last ? encodeCursor(last.createdAt, last.id) : null,
    hasMore: rows.length > query.limit,
  };
}

export async function decideDispute(
  db: Database,
  actor: Actor,
  recordId: string,
  decision: DisputeDecision,
): Promise<IntakeDecisionResponse> {
  requireCreditReviewer(actor.officer);
  await db.transaction(async (tx) => {
    await applyDisputeDecision(tx, actor.officer, recordId, decision);
    await recordActorAudit(tx, actor, decision.decision === 'approve' ? 'intake.dispute_approved' : 'intake.dispute_rejected', {
      type: 'intake_record',
      id: recordId,
      ...(decision.decision === 'reject' ? { details: { reason: decision.reason } } : {}),
    });
  });
  const [row] = await recordRows(db, sql`r.id = ${recordId}`, sql`r.id`, 1);
  return { record: (await recordDetails(db, [row!]))[0]! };
}

interface DisputedRow {
  id: string;
  batchId: string;
  kind: string;
  naturalKey: string;
  enterpriseUscc: string;
  status: IntakeRecordStatus;
  uploadedBy: string;
}

/** Records one reviewer's decision inside the caller's transaction (the demo seeds its confirmations through it too). */
export async function applyDisputeDecision(tx: Transaction, officer: Officer, recordId: string, decision: DisputeDecision): Promise<void> {
  requireCreditReviewer(officer);
  await lockIntake(tx);
  const [record] = await queryRows<DisputedRow>(
    tx,
    sql`SELECT id, batch_id AS "batchId", kind, natural_key AS "naturalKey", enterprise_uscc AS "enterpriseUscc", status,
      uploaded_by AS "uploadedBy" FROM intake_records WHERE id = ${recordId}`,
  );
  if (!record) throw notFound(`no intake record ${recordId}`);
  if (record.status !== 'disputed') throw conflict(`record ${recordId} is not disputed (it is ${record.status})`);
  const reviewers = await queryRows<{ reviewerId: string; decision: string }>(
    tx,
    sql`SELECT reviewer_id AS "reviewerId", decision FROM intake_reviews WHERE record_id = ${recordId}`,
  );
  const refusal = disputeDecisionRefusal(
    officer,
    record,
    reviewers.map((r) => r.reviewerId),
  );
  if (refusal) throw forbidden(refusal);
  await tx.execute(sql`INSERT INTO intake_reviews (record_id, reviewer_id, decision, reason)
    VALUES (${recordId}, ${officer.id}, ${decision.decision}, ${decision.decision === 'reject' ? decision.reason : null})`);

  if (decision.decision === 'reject') {
    const problem: IntakeProblem = {
      field: intakeField('penalties', 'fineAmount')!.header,
      code: 'dispute_rejected',
      message: `信用审核人员${officer.name}退回：${decision.reason}`,
    };
    await tx.execute(sql`UPDATE intake_records SET status = 'returned', return_state = 'open', problems = ${JSON.stringify([problem])}::jsonb
      WHERE id = ${recordId}`);
    await moveCount(tx, record.batchId, 'returned', 1);
    return;
  }
  const approvals = reviewers.filter((r) => r.decision === 'approve').length + 1;
  if (approvals < DISPUTE_APPROVALS_NEEDED) return;
  const [previous] = await queryRows<{ id: string; enterpriseUscc: string }>(
    tx,
    sql`UPDATE intake_records SET current = false WHERE kind = ${record.kind} AND natural_key = ${record.naturalKey} AND current
      RETURNING id, enterprise_uscc AS "enterpriseUscc"`,
  );
  const status = previous ? 'updated' : 'accepted';
  await tx.execute(
    sql`UPDATE intake_records SET status = ${status}, current = true, replaces = ${previous?.id ?? null} WHERE id = ${recordId}`,
  );
  await moveCount(tx, record.batchId, status, 0);
  await rebuildProfiles(tx, [record.enterpriseUscc, previous?.enterpriseUscc ?? '']);
}

/** A disputed row of a batch is now `status`; a returned one waits for its correction. */
async function moveCount(
  tx: Transaction,
  batchId: string,
  status: 'accepted' | 'updated' | 'returned',
  openReturns: number,
): Promise<void> {
  await tx.execute(sql`UPDATE intake_batches SET open_returns = open_returns + ${openReturns},
    counts = counts || jsonb_build_object('disputed', (counts->>'disputed')::int - 1, ${status}::text, (counts->>${status})::int + 1)
    WHERE id = ${batchId}`);
}
