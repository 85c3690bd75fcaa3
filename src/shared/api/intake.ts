// HTTP contract of the city platform's intake (version-1 additions): departments' feeds in, checked against the rule
// table (src/shared/intake/templates.ts), returned, disputed and reviewed, cleaned, and on the laptops by the normal pull.
//
// The upload is a named raw exception (operations row `intake.upload`, `raw: true`), like attachment bytes: the file is
// the request body, streamed, never JSON:
//
//   POST /api/v1/intake/batches?kind=penalties&source=dept-amr[&period=2026-12-01]
//   Content-Type: text/csv; charset=gb18030   (or text/csv [UTF-8], INTAKE_MEDIA_TYPES.xlsx, application/json, application/x-ndjson)
//   X-File-Name: <the file's name, encodeURIComponent-encoded>
//   <the file's bytes, up to INTAKE_MAX_BYTES>
//   → 201 { batch }
//
// The first row (CSV, XLSX's first sheet) or each object's keys (JSON array of objects, NDJSON) name the columns: the
// template's Chinese headers or the English field names, in any order; a returns file's `问题` and `退回编号` columns
// are read too. A file that is not what its media type says, text that is not in the declared encoding, an unknown
// column, an empty or truncated file: 4xx `{ error, message }` saying why, and nothing is stored. A batch is checked
// and stored whole or not at all. `ApiClient.uploadIntakeBatch` sends it; `ApiClient.intakeReturnsFile` downloads a
// returns file (`intake.returnsFile`, also raw).
import { z } from 'zod';
import { lineText, multiLineText } from '../text/plainText';
import { idSchema as id, isoDateSchema, isoDateTimeSchema } from '../domain/model';
import {
  cleaningActionSchema,
  cleaningTriggerSchema,
  intakeCsvEncodingSchema,
  intakeKindSchema,
  intakeProblemCodeSchema,
  intakeRecordStatusSchema,
  intakeReturnStateSchema,
  intakeReviewDecisionSchema,
} from '../intake/kinds';
import { halfMonthPeriodSchema, periodStartSchema } from '../intake/periods';

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
/** An opaque paging cursor: pass back the `cursor` of the previous page. */
const cursor = lineText().max(200).optional();

/** Largest upload: a million template rows in CSV are about 600 MB. */
export const INTAKE_MAX_BYTES = 1024 * 1024 * 1024;
/** Request header carrying the uploaded file's name (encodeURIComponent-encoded: names are often Chinese). */
export const INTAKE_FILE_NAME_HEADER = 'x-file-name';
/** An identity-card number as every answer shows it: the number itself never leaves the endpoint. */
export const PERSONAL_ID_MASK = '******';

export const intakeProblemSchema = z.object({
  /** The template's Chinese header of the field (the column a data officer sees). */
  field: z.string(),
  code: intakeProblemCodeSchema,
  message: z.string(),
});
export type IntakeProblem = z.infer<typeof intakeProblemSchema>;

export const intakeCountsSchema = z.object({
  received: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  disputed: z.number().int().nonnegative(),
});
export type IntakeCounts = z.infer<typeof intakeCountsSchema>;

export const officerRefSchema = z.object({ id, name: z.string() });

/**
 * A batch: one uploaded file of one department and kind. `counts` say what its rows are now (a disputed row approved
 * counts as accepted or updated, a rejected one as returned); `openReturns` how many of its returned rows still wait
 * for a correction. `status` is `open` while it has open returns or undecided disputes, `settled` after.
 */
export const intakeBatchSchema = z.object({
  id,
  kind: intakeKindSchema,
  /** The source department's id. */
  source: id,
  sourceName: z.string(),
  status: z.enum(['open', 'settled']),
  counts: intakeCountsSchema,
  openReturns: z.number().int().nonnegative(),
  fileName: z.string(),
  mediaType: z.string(),
  /** The text encoding a CSV was read in; null for other formats. */
  encoding: intakeCsvEncodingSchema.nullable(),
  bytes: z.number().int().nonnegative(),
  uploadedBy: officerRefSchema,
  uploadedAt: isoDateTimeSchema,
  /** The half-month period the batch counts for. */
  period: halfMonthPeriodSchema,
});
export type IntakeBatch = z.infer<typeof intakeBatchSchema>;

export const intakeUploadQuerySchema = z.object({
  kind: intakeKindSchema,
  source: id,
  /** Start of the half-month period the batch is for (a late upload for the previous period); default: today's. */
  period: periodStartSchema.optional(),
});
export type IntakeUploadQuery = z.input<typeof intakeUploadQuerySchema>;
export const intakeBatchResponseSchema = z.object({ batch: intakeBatchSchema });
export type IntakeBatchResponse = z.infer<typeof intakeBatchResponseSchema>;

export const intakeBatchListQuerySchema = z.object({
  source: id.optional(),
  kind: intakeKindSchema.optional(),
  /** A period's first day: only that period's batches. */
  period: periodStartSchema.optional(),
  cursor,
  limit: limit(200, 50),
});
export type IntakeBatchListQuery = z.input<typeof intakeBatchListQuerySchema>;
export const intakeBatchListResponseSchema = z.object({
  batches: z.array(intakeBatchSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type IntakeBatchListResponse = z.infer<typeof intakeBatchListResponseSchema>;

export const intakeBatchParamsSchema = z.object({ batchId: id });
export const intakeRecordParamsSchema = z.object({ recordId: id });

/** One submitted row, as a batch's record list shows it. */
export const intakeRecordSchema = z.object({
  id,
  /** 1-based data row of the file (the header row not counted). */
  row: z.number().int().positive(),
  /** The natural key's values joined with ` / ` (e.g. `处罚机关 / 文号`); null when a key field is missing. */
  key: z.string().nullable(),
  status: intakeRecordStatusSchema,
  problems: z.array(intakeProblemSchema),
  kind: intakeKindSchema,
  batchId: id,
  source: id,
  /** The enterprise the record is about (its USCC as written), and its name in the record. */
  enterpriseUscc: z.string().nullable(),
  entityName: z.string().nullable(),
  /** For a returned record: whether a resubmission has cleared it. */
  returnState: intakeReturnStateSchema.nullable(),
});
export type IntakeRecord = z.infer<typeof intakeRecordSchema>;

export const intakeRecordListQuerySchema = z.object({ status: intakeRecordStatusSchema.optional(), cursor, limit: limit(1000, 100) });
export type IntakeRecordListQuery = z.input<typeof intakeRecordListQuerySchema>;
export const intakeRecordListResponseSchema = z.object({
  records: z.array(intakeRecordSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type IntakeRecordListResponse = z.infer<typeof intakeRecordListResponseSchema>;

export const intakeReviewSchema = z.object({
  reviewer: officerRefSchema,
  decision: intakeReviewDecisionSchema,
  /** A rejection's reason; null for an approval. */
  reason: z.string().nullable(),
  decidedAt: isoDateTimeSchema,
});
export type IntakeReview = z.infer<typeof intakeReviewSchema>;

/** One revision in a record's history (every submission of its natural key, oldest first). */
export const intakeRevisionSchema = z.object({
  id,
  batchId: id,
  row: z.number().int().positive(),
  status: intakeRecordStatusSchema,
  uploadedAt: isoDateTimeSchema,
  /** The revision the profiles show now. */
  current: z.boolean(),
});

/** A record with its values (identity-card numbers masked), its history and its reviews. */
export const intakeRecordDetailSchema = intakeRecordSchema.extend({
  /** Values by English field name, as checked and normalised (dates `YYYY-MM-DD`, enumerations canonical). */
  fields: z.record(z.string(), z.string()),
  uploadedBy: officerRefSchema,
  uploadedAt: isoDateTimeSchema,
  fileName: z.string(),
  /** True while this is the revision the profiles show. */
  current: z.boolean(),
  /** For a publicity-limited record: when and why a cleaning run ended it. */
  endedOn: isoDateSchema.nullable(),
  endedBy: cleaningActionSchema.nullable(),
  /** The resubmission that cleared this return; or the return this record cleared. */
  clearedBy: id.nullable(),
  clears: id.nullable(),
  history: z.array(intakeRevisionSchema),
  reviews: z.array(intakeReviewSchema),
});
export type IntakeRecordDetail = z.infer<typeof intakeRecordDetailSchema>;
export const intakeRecordResponseSchema = z.object({ record: intakeRecordDetailSchema });
export type IntakeRecordResponse = z.infer<typeof intakeRecordResponseSchema>;

/**
 * A disputed record in the review queue: the record, its fine in yuan, the approvals so far, and the source
 * department's earlier records of the same kind for the same enterprise (current revisions, newest first).
 */
export const intakeDisputeSchema = z.object({
  record: intakeRecordDetailSchema,
  fineYuan: z.number().nonnegative(),
  approvals: z.number().int().nonnegative(),
  earlierRecords: z.array(intakeRecordDetailSchema),
});
export type IntakeDispute = z.infer<typeof intakeDisputeSchema>;

export const intakeDisputeListQuerySchema = z.object({ source: id.optional(), cursor, limit: limit(200, 50) });
export type IntakeDisputeListQuery = z.input<typeof intakeDisputeListQuerySchema>;
export const intakeDisputeListResponseSchema = z.object({
  disputes: z.array(intakeDisputeSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type IntakeDisputeListResponse = z.infer<typeof intakeDisputeListResponseSchema>;

export const intakeRejectRequestSchema = z.object({
  reason: multiLineText().trim().min(2, 'give the department a reason (at least 2 characters)').max(2000),
});
export type IntakeRejectRequest = z.infer<typeof intakeRejectRequestSchema>;
/** The record after a decision: still `disputed` after one approval, `accepted`/`updated` after two, `returned` when rejected. */
export const intakeDecisionResponseSchema = z.object({ record: intakeRecordDetailSchema });
export type IntakeDecisionResponse = z.infer<typeof intakeDecisionResponseSchema>;

export const intakeReturnListQuerySchema = z.object({
  /** Required for admins and reviewers' views of one department; a data officer sees their own department's. */
  source: id.optional(),
  kind: intakeKindSchema.optional(),
  state: intakeReturnStateSchema.default('open'),
  cursor,
  limit: limit(500, 100),
});
export type IntakeReturnListQuery = z.input<typeof intakeReturnListQuerySchema>;
/** Returned records with their values and problems per field, oldest first. */
export const intakeReturnListResponseSchema = z.object({
  returns: z.array(intakeRecordDetailSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type IntakeReturnListResponse = z.infer<typeof intakeReturnListResponseSchema>;

/**
 * The open returns of one department and kind as a file in the kind's template, with two more columns: `问题` (the
 * problems) and `退回编号` (the return's id). Corrected in a spreadsheet, it uploads again as it is: the return id ties
 * each row to the return it clears, cells defused for spreadsheet programs (a leading `'` before `=`, `+`, `-`, `@`) are
 * read back to their values, and masked identity-card numbers keep the stored ones.
 */
export const intakeReturnsFileQuerySchema = z.object({
  source: id,
  kind: intakeKindSchema,
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});
export type IntakeReturnsFileQuery = z.input<typeof intakeReturnsFileQuerySchema>;

/** The upload's body as a host hands it to the client: bytes, a Blob/File (streamed by fetch) or a byte stream. */
export type IntakeUploadBody = Uint8Array | Blob | ReadableStream<Uint8Array>;
export const intakeUploadBodySchema = z.custom<IntakeUploadBody>(
  (value) =>
    value instanceof Uint8Array ||
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream),
  'expected the file as bytes, a Blob or a byte stream',
);

/** Bytes of a download (a returns file), as the client hands them over. */
export const intakeFileBytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (Uint8Array)');

export const intakeOverviewQuerySchema = z.object({
  /** Any date of the period to show; default: today (Asia/Shanghai). */
  date: isoDateSchema.optional(),
});
export type IntakeOverviewQuery = z.input<typeof intakeOverviewQuerySchema>;

/** One department's submissions in a half-month period. */
export const intakeDepartmentPeriodSchema = z.object({
  departmentId: id,
  departmentName: z.string(),
  submitted: z.boolean(),
  batches: z.number().int().nonnegative(),
  kinds: z.array(intakeKindSchema),
  lastUploadedAt: isoDateTimeSchema.nullable(),
  counts: intakeCountsSchema,
  /** Open returns of the department, whatever their period. */
  openReturns: z.number().int().nonnegative(),
});
export type IntakeDepartmentPeriod = z.infer<typeof intakeDepartmentPeriodSchema>;

/** Which departments have submitted in a period and which have not (a data officer sees their own department). */
export const intakeOverviewSchema = z.object({
  period: halfMonthPeriodSchema,
  today: isoDateSchema,
  departments: z.array(intakeDepartmentPeriodSchema),
  /** Disputed records waiting for reviewers, across departments. */
  openDisputes: z.number().int().nonnegative(),
  lastCleaningRun: z.lazy(() => cleaningRunSchema).nullable(),
});
export type IntakeOverview = z.infer<typeof intakeOverviewSchema>;

export const cleaningChangeSchema = z.object({
  recordId: id,
  kind: intakeKindSchema,
  key: z.string().nullable(),
  enterpriseUscc: z.string().nullable(),
  action: cleaningActionSchema,
});

/**
 * A cleaning run: as of `asOf` (Asia/Shanghai date), penalties past their publicity deadline or repaired end their
 * publicity, expired list entries and debtor listings are removed from the profiles. Nothing is deleted: the records
 * keep their history and say when and why they ended.
 */
export const cleaningRunSchema = z.object({
  id,
  trigger: cleaningTriggerSchema,
  startedBy: officerRefSchema.nullable(),
  startedAt: isoDateTimeSchema,
  finishedAt: isoDateTimeSchema,
  asOf: isoDateSchema,
  counts: z.record(cleaningActionSchema, z.number().int().nonnegative()),
  profilesChanged: z.number().int().nonnegative(),
});
export type CleaningRun = z.infer<typeof cleaningRunSchema>;

/** A run with what it changed (the first CLEANING_REPORT_MAX_CHANGES changes; `truncated` when there were more). */
export const cleaningReportSchema = cleaningRunSchema.extend({ changes: z.array(cleaningChangeSchema), truncated: z.boolean() });
export type CleaningReport = z.infer<typeof cleaningReportSchema>;
export const CLEANING_REPORT_MAX_CHANGES = 1000;

export const cleaningRunParamsSchema = z.object({ runId: id });
export const cleaningRunListQuerySchema = z.object({ limit: limit(100, 20) });
export const cleaningRunListResponseSchema = z.object({ runs: z.array(cleaningRunSchema) });
export type CleaningRunListResponse = z.infer<typeof cleaningRunListResponseSchema>;
export const cleaningReportResponseSchema = z.object({ run: cleaningReportSchema });
export type CleaningReportResponse = z.infer<typeof cleaningReportResponseSchema>;
