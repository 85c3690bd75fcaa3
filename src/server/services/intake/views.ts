// How stored batches and records are answered: the contract's shapes, identity-card numbers masked, history and
// reviews fetched in bulk for a page of records.
import { sql, type SQL } from 'drizzle-orm';
import {
  PERSONAL_ID_MASK,
  type IntakeBatch,
  type IntakeCounts,
  type IntakeProblem,
  type IntakeRecord,
  type IntakeRecordDetail,
} from '@shared/api/intake';
import type { CleaningAction, IntakeKind, IntakeRecordStatus, IntakeReturnState, IntakeReviewDecision } from '@shared/intake/kinds';
import { halfMonthPeriodOf } from '@shared/intake/periods';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';
import { queryRows, type Database } from '../../db/open';

type Reader = Pick<Database, 'execute'>;

interface BatchRow {
  id: string;
  kind: IntakeKind;
  source: string;
  sourceName: string;
  fileName: string;
  mediaType: string;
  encoding: string | null;
  bytes: string | number;
  uploadedById: string;
  uploadedByName: string;
  uploadedAt: Date | string;
  periodStart: string;
  counts: IntakeCounts;
  openReturns: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The batches matching a condition (on alias b), newest first. */
export async function batchViews(db: Reader, where: SQL, limit = 1000): Promise<IntakeBatch[]> {
  const rows = await queryRows<BatchRow>(
    db,
    sql`SELECT b.id, b.kind, b.source, d.name AS "sourceName", b.file_name AS "fileName", b.media_type AS "mediaType", b.encoding,
        b.bytes, b.uploaded_by AS "uploadedById", o.name AS "uploadedByName", b.uploaded_at AS "uploadedAt",
        to_char(b.period_start, 'YYYY-MM-DD') AS "periodStart", b.counts, b.open_returns AS "openReturns"
      FROM intake_batches b JOIN departments d ON d.id = b.source JOIN officers o ON o.id = b.uploaded_by
      WHERE ${where} ORDER BY b.uploaded_at DESC, b.id DESC LIMIT ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    source: row.source,
    sourceName: row.sourceName,
    status: row.counts.disputed > 0 || row.openReturns > 0 ? 'open' : 'settled',
    counts: row.counts,
    openReturns: row.openReturns,
    fileName: row.fileName,
    mediaType: row.mediaType,
    encoding: row.encoding === 'utf-8' || row.encoding === 'gb18030' ? row.encoding : null,
    bytes: Number(row.bytes),
    uploadedBy: { id: row.uploadedById, name: row.uploadedByName },
    uploadedAt: iso(row.uploadedAt),
    period: halfMonthPeriodOf(row.periodStart),
  }));
}

export interface StoredRecordRow {
  id: string;
  row: number;
  naturalKey: string | null;
  status: IntakeRecordStatus;
  problems: IntakeProblem[];
  kind: IntakeKind;
  batchId: string;
  source: string;
  enterpriseUscc: string;
  fields: Record<string, string>;
  returnState: IntakeReturnState | null;
  uploadedById: string;
  uploadedByName: string;
  uploadedAt: Date | string;
  fileName: string;
  current: boolean;
  endedOn: string | null;
  endedBy: CleaningAction | null;
  clearedBy: string | null;
  clears: string | null;
  createdAt: Date | string;
}

/** Columns of a record row (alias r, its batch b, the uploader o) as StoredRecordRow reads them. */
export const RECORD_COLUMNS = sql`r.id, r.row, r.natural_key AS "naturalKey", r.status, r.problems, r.kind, r.batch_id AS "batchId",
  r.source, r.enterprise_uscc AS "enterpriseUscc", r.fields, r.return_state AS "returnState", r.uploaded_by AS "uploadedById",
  o.name AS "uploadedByName", b.uploaded_at AS "uploadedAt", b.file_name AS "fileName", r.current,
  to_char(r.ended_on, 'YYYY-MM-DD') AS "endedOn", r.ended_by AS "endedBy", r.cleared_by AS "clearedBy", r.clears,
  r.created_at AS "createdAt"`;
export const RECORD_FROM = sql`intake_records r JOIN intake_batches b ON b.id = r.batch_id JOIN officers o ON o.id = r.uploaded_by`;

export async function recordRows(db: Reader, where: SQL, order: SQL, limit: number): Promise<StoredRecordRow[]> {
  return queryRows<StoredRecordRow>(db, sql`SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE ${where} ORDER BY ${order} LIMIT ${limit}`);
}

/** The values as answers show them: identity-card numbers masked. */
export function maskedFields(kind: IntakeKind, fields: Record<string, string>): Record<string, string> {
  const masked = { ...fields };
  for (const field of INTAKE_TEMPLATES[kind].fields)
    if (field.personal && masked[field.name] !== undefined) masked[field.name] = PERSONAL_ID_MASK;
  return masked;
}

const entityNameField = (kind: IntakeKind) => (kind === 'registrations' ? 'name' : 'entityName');

export function recordSummary(row: StoredRecordRow): IntakeRecord {
  return {
    id: row.id,
    row: row.row,
    key: row.naturalKey,
    status: row.status,
    problems: row.problems,
    kind: row.kind,
    batchId: row.batchId,
    source: row.source,
    enterpriseUscc: row.enterpriseUscc === '' ? (row.fields.uscc ?? null) : row.enterpriseUscc,
    entityName: row.fields[entityNameField(row.kind)] ?? null,
    returnState: row.returnState,
  };
}

/** Details of a page of records: one query for their histories, one for their reviews. */
export async function recordDetails(db: Reader, rows: StoredRecordRow[]): Promise<IntakeRecordDetail[]> {
  if (rows.length === 0) return [];
  const keyed = rows.filter((row) => row.naturalKey !== null);
  const history = await queryRows<{
    kind: IntakeKind;
    key: string;
    id: string;
    batchId: string;
    row: number;
    status: IntakeRecordStatus;
    uploadedAt: Date | string;
    current: boolean;
  }>(
    db,
    sql`SELECT r.kind, r.natural_key AS key, r.id, r.batch_id AS "batchId", r.row, r.status, b.uploaded_at AS "uploadedAt", r.current
      FROM intake_records r JOIN intake_batches b ON b.id = r.batch_id
      WHERE (r.kind, r.natural_key) IN (SELECT k->>0, k->>1 FROM jsonb_array_elements(${JSON.stringify(keyed.map((row) => [row.kind, row.naturalKey]))}::jsonb) AS k)
      ORDER BY r.created_at, r.id`,
  );
  const reviews = await queryRows<{
    recordId: string;
    reviewerId: string;
    reviewerName: string;
    decision: IntakeReviewDecision;
    reason: string | null;
    decidedAt: Date | string;
  }>(
    db,
    sql`SELECT v.record_id AS "recordId", v.reviewer_id AS "reviewerId", o.name AS "reviewerName", v.decision, v.reason, v.decided_at AS "decidedAt"
      FROM intake_reviews v JOIN officers o ON o.id = v.reviewer_id WHERE v.record_id = ANY(${sql.param(rows.map((row) => row.id))}::text[])
      ORDER BY v.decided_at`,
  );
  return rows.map((row) => ({
    ...recordSummary(row),
    fields: maskedFields(row.kind, row.fields),
    uploadedBy: { id: row.uploadedById, name: row.uploadedByName },
    uploadedAt: iso(row.uploadedAt),
    fileName: row.fileName,
    current: row.current,
    endedOn: row.endedOn,
    endedBy: row.endedBy,
    clearedBy: row.clearedBy,
    clears: row.clears,
    history:
      row.naturalKey === null
        ? [{ id: row.id, batchId: row.batchId, row: row.row, status: row.status, uploadedAt: iso(row.uploadedAt), current: row.current }]
        : history
            .filter((h) => h.kind === row.kind && h.key === row.naturalKey)
            .map((h) => ({
              id: h.id,
              batchId: h.batchId,
              row: h.row,
              status: h.status,
              uploadedAt: iso(h.uploadedAt),
              current: h.current,
            })),
    reviews: reviews
      .filter((review) => review.recordId === row.id)
      .map((review) => ({
        reviewer: { id: review.reviewerId, name: review.reviewerName },
        decision: review.decision,
        reason: review.reason,
        decidedAt: iso(review.decidedAt),
      })),
  }));
}

/** A keyset cursor over (created_at, id), opaque to callers. */
export function encodeCursor(at: Date | string, id: string): string {
  return Buffer.from(`${iso(at)}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}
