// What the intake holds, for the people who run it: batches, their records page by page, one record with its history
// and reviews, a department's returns, and the returns as a template file to correct in a spreadsheet.
import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  IntakeBatch,
  IntakeBatchListResponse,
  IntakeBatchResponse,
  IntakeRecordListResponse,
  IntakeRecordResponse,
  IntakeReturnListResponse,
  intakeBatchListQuerySchema,
  intakeRecordListQuerySchema,
  intakeReturnListQuerySchema,
  intakeReturnsFileQuerySchema,
} from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import { INTAKE_MEDIA_TYPES } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES, PROBLEMS_COLUMN, RETURN_ID_COLUMN } from '@shared/intake/templates';
import { csvDocument } from '@shared/text/csv';
import { mayReadIntakeOf, requireIntakeReader } from '../../access/policy';
import type { Database } from '../../db/open';
import { forbidden, invalid, notFound } from '../../domain/errors';
import {
  batchViews,
  decodeCursor,
  encodeCursor,
  maskedFields,
  recordDetails,
  recordRows,
  recordSummary,
  type StoredRecordRow,
} from './views';

type Reader = Pick<Database, 'execute'>;

/** The condition on a department column limiting an officer to the departments they may read. */
function readableSources(officer: Officer, column: SQL, requested: string | undefined): SQL {
  const readable = requireIntakeReader(officer);
  if (requested !== undefined && readable !== 'all' && requested !== readable) {
    throw forbidden(`you read the intake of your own department (${readable}), not of ${requested}`);
  }
  const source = requested ?? (readable === 'all' ? undefined : readable);
  return source === undefined ? sql`TRUE` : sql`${column} = ${source}`;
}

function cursorOf(value: string | undefined) {
  const cursor = decodeCursor(value);
  if (value && !cursor) throw invalid('the cursor is not one this endpoint handed out');
  return cursor;
}

export async function batchView(db: Reader, batchId: string): Promise<IntakeBatch | undefined> {
  return (await batchViews(db, sql`b.id = ${batchId}`, 1))[0];
}

/** A batch the officer may read, or not found (a department's batches are not shown to other departments). */
async function readableBatch(db: Reader, officer: Officer, batchId: string): Promise<IntakeBatch> {
  const batch = await batchView(db, batchId);
  if (!batch || !mayReadIntakeOf(officer, batch.source)) {
    requireIntakeReader(officer);
    throw notFound(`no batch ${batchId} of a department you may read`);
  }
  return batch;
}

export async function listBatches(
  db: Database,
  officer: Officer,
  query: z.output<typeof intakeBatchListQuerySchema>,
): Promise<IntakeBatchListResponse> {
  const limit = query.limit;
  const cursor = cursorOf(query.cursor);
  const conditions = [
    readableSources(officer, sql`b.source`, query.source),
    query.kind ? sql`b.kind = ${query.kind}` : sql`TRUE`,
    query.period ? sql`b.period_start = ${query.period}` : sql`TRUE`,
    cursor ? sql`(b.uploaded_at, b.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql`TRUE`,
  ];
  const batches = await batchViews(db, sql.join(conditions, sql` AND `), limit + 1);
  const page = batches.slice(0, limit);
  const last = page.at(-1);
  return { batches: page, cursor: last ? encodeCursor(last.uploadedAt, last.id) : null, hasMore: batches.length > limit };
}

export async function getBatch(db: Database, officer: Officer, batchId: string): Promise<IntakeBatchResponse> {
  return { batch: await readableBatch(db, officer, batchId) };
}

export async function listRecords(
  db: Database,
  officer: Officer,
  batchId: string,
  query: z.output<typeof intakeRecordListQuerySchema>,
): Promise<IntakeRecordListResponse> {
  await readableBatch(db, officer, batchId);
  const limit = query.limit;
  const after = query.cursor === undefined ? 0 : Number(query.cursor);
  if (!Number.isSafeInteger(after) || after < 0) throw invalid('the cursor is not one this endpoint handed out');
  const rows = await recordRows(
    db,
    sql`r.batch_id = ${batchId} AND r.row > ${after} ${query.status ? sql`AND r.status = ${query.status}` : sql``}`,
    sql`r.row`,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  return { records: page.map(recordSummary), cursor: page.length > 0 ? String(page.at(-1)!.row) : null, hasMore: rows.length > limit };
}

/** A record the officer may read, or not found. */
export async function readableRecord(db: Reader, officer: Officer, recordId: string): Promise<StoredRecordRow> {
  const [row] = await recordRows(db, sql`r.id = ${recordId}`, sql`r.id`, 1);
  if (!row || !mayReadIntakeOf(officer, row.source)) {
    requireIntakeReader(officer);
    throw notFound(`no intake record ${recordId} of a department you may read`);
  }
  return row;
}

export async function getRecord(db: Database, officer: Officer, recordId: string): Promise<IntakeRecordResponse> {
  const row = await readableRecord(db, officer, recordId);
  return { record: (await recordDetails(db, [row]))[0]! };
}

export async function listReturns(
  db: Database,
  officer: Officer,
  query: z.output<typeof intakeReturnListQuerySchema>,
): Promise<IntakeReturnListResponse> {
  const limit = query.limit;
  const cursor = cursorOf(query.cursor);
  const conditions = [
    sql`r.status = 'returned'`,
    sql`r.return_state = ${query.state}`,
    readableSources(officer, sql`r.source`, query.source),
    query.kind ? sql`r.kind = ${query.kind}` : sql`TRUE`,
    cursor ? sql`(r.created_at, r.id) > (${cursor.at}::timestamptz, ${cursor.id})` : sql`TRUE`,
  ];
  const rows = await recordRows(db, sql.join(conditions, sql` AND `), sql`r.created_at, r.id`, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    returns: await recordDetails(db, page),
    cursor: last ? encodeCursor(last.createdAt, last.id) : null,
    hasMore: rows.length > limit,
  };
}

const RETURNS_FILE_MAX_ROWS = 100_000;

/** The open returns of a department and kind in the kind's template, with the problems and the return id. */
export async function returnsFile(
  db: Database,
  officer: Officer,
  query: z.output<typeof intakeReturnsFileQuerySchema>,
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  const rows = await recordRows(
    db,
    sql`r.status = 'returned' AND r.return_state = 'open' AND ${readableSources(officer, sql`r.source`, query.source)} AND r.kind = ${query.kind}`,
    sql`r.created_at, r.id`,
    RETURNS_FILE_MAX_ROWS,
  );
  const template = INTAKE_TEMPLATES[query.kind];
  const headers = [...template.fields.map((field) => field.header), PROBLEMS_COLUMN.header, RETURN_ID_COLUMN.header];
  const table = rows.map((row) => {
    const fields = maskedFields(row.kind, row.fields);
    const problems = row.problems.map((problem) => `${problem.field}：${problem.message}`).join('；');
    return [...template.fields.map((field) => fields[field.name] ?? ''), problems, row.id];
  });
  const base = `${template.title}-退回-${query.source}`;
  if (query.format === 'csv') {
    return {
      bytes: new TextEncoder().encode(csvDocument(headers, table)),
      contentType: `${INTAKE_MEDIA_TYPES.csv}; charset=utf-8`,
      fileName: `${base}.csv`,
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(template.title);
  sheet.addRow(headers);
  for (const cells of table) sheet.addRow(cells);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { bytes, contentType: INTAKE_MEDIA_TYPES.xlsx, fileName: `${base}.xlsx` };
}
