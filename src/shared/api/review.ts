// HTTP contract of review and publication (version 1 additions). Supervisors and admins of the plan's unit only.
import { z } from 'zod';
import {
  idSchema as id,
  inspectionTaskSchema,
  isoDateSchema,
  isoDateTimeSchema,
  reviewStatusSchema,
  riskClassSchema,
  sectionCorrectionSchema,
} from '../domain/model';
import { resultCategorySchema } from '../domain/resultCategories';
import { lineText, multiLineText } from '../text/plainText';
import { csvDocument } from '../text/csv';

export const reviewQueueQuerySchema = z.object({
  /** Comma-separated review statuses; default: everything not yet published. */
  status: lineText()
    .max(200)
    .optional()
    .refine((value) => reviewStatusesOf(value).every((s) => reviewStatusSchema.safeParse(s).success), {
      message: `status lists review statuses: ${reviewStatusSchema.options.join(', ')}`,
    }),
  planId: id.optional(),
});
export type ReviewQueueQuery = z.input<typeof reviewQueueQuerySchema>;

export function reviewStatusesOf(value: string | undefined): z.infer<typeof reviewStatusSchema>[] {
  return (value ? value.split(',').filter(Boolean) : ['awaiting_review', 'returned', 'corrected', 'approved']) as z.infer<
    typeof reviewStatusSchema
  >[];
}

/** Deadline figures of one inspection, from the working-day calendar (see src/shared/calendar). */
export const deadlineSchema = z.object({
  dueOn: isoDateSchema,
  workingDaysLeft: z.number().int(),
  overdue: z.boolean(),
  calendarKnown: z.boolean(),
});

export const reviewQueueItemSchema = z.object({
  task: inspectionTaskSchema,
  planName: z.string(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  /** Internal; shown to the supervisor, never exported. */
  riskClass: riskClassSchema,
  openCorrections: z.number().int().nonnegative(),
  deadline: deadlineSchema.nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueueResponseSchema = z.object({ today: isoDateSchema, items: z.array(reviewQueueItemSchema) });
export type ReviewQueueResponse = z.infer<typeof reviewQueueResponseSchema>;

export const returnSectionRequestSchema = z.object({
  sectionId: id,
  reason: multiLineText().trim().min(2, 'give the department a reason (at least 2 characters)').max(2000),
});
export type ReturnSectionRequest = z.infer<typeof returnSectionRequestSchema>;

export const reviewActionResponseSchema = z.object({
  task: inspectionTaskSchema,
  correction: sectionCorrectionSchema.optional(),
});
export type ReviewActionResponse = z.infer<typeof reviewActionResponseSchema>;

export const progressQuerySchema = z.object({ planId: id.optional() });

export const taskIdParamsSchema = z.object({ taskId: id });

export const publishRequestSchema = z.object({ taskIds: z.array(id).min(1).max(1000) });
export type PublishRequest = z.infer<typeof publishRequestSchema>;
export const publishResponseSchema = z.object({ published: z.array(id), publishedAt: isoDateTimeSchema });
export type PublishResponse = z.infer<typeof publishResponseSchema>;

export const publicationExportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  /** publishable: approved, not yet published; published; all: both. */
  scope: z.enum(['publishable', 'published', 'all']).default('all'),
  planId: id.optional(),
});
export type PublicationExportQuery = z.input<typeof publicationExportQuerySchema>;

/**
 * One published inspection result: PUBLIC fields only. The risk class, the lighthouse score, officers and notes are
 * internal and never appear here; `.strict()` makes the client refuse an export that carries anything else.
 */
export const publicationEntrySchema = z
  .object({
    uscc: z.string(),
    enterpriseName: z.string(),
    districtName: z.string(),
    planName: z.string(),
    inspectedOn: isoDateSchema,
    departments: z.array(
      z
        .object({
          departmentName: z.string(),
          resultCategory: resultCategorySchema,
          resultCategoryLabel: z.string(),
        })
        .strict(),
    ),
    publishDueOn: isoDateSchema,
    publishedAt: isoDateTimeSchema.nullable(),
  })
  .strict();
export type PublicationEntry = z.infer<typeof publicationEntrySchema>;

export const publicationExportSchema = z.object({ generatedAt: isoDateTimeSchema, entries: z.array(publicationEntrySchema) }).strict();
export type PublicationExport = z.infer<typeof publicationExportSchema>;

/** Column order of the CSV export: one row per department result. */
export const PUBLICATION_CSV_COLUMNS = [
  ['uscc', '统一社会信用代码'],
  ['enterpriseName', '企业名称'],
  ['districtName', '所在区市'],
  ['planName', '抽查计划'],
  ['inspectedOn', '检查日期'],
  ['departmentName', '检查部门'],
  ['resultCategoryLabel', '检查结果'],
  ['publishDueOn', '公示期限'],
  ['publishedAt', '公示时间'],
] as const;

/** One row per department result; every cell defused (see text/csv.ts). */
export function publicationCsv(list: PublicationExport): string {
  const rows = list.entries.flatMap((entry) =>
    entry.departments.map((department) => {
      const row: Record<(typeof PUBLICATION_CSV_COLUMNS)[number][0], string> = {
        uscc: entry.uscc,
        enterpriseName: entry.enterpriseName,
        districtName: entry.districtName,
        planName: entry.planName,
        inspectedOn: entry.inspectedOn,
        departmentName: department.departmentName,
        resultCategoryLabel: department.resultCategoryLabel,
        publishDueOn: entry.publishDueOn,
        publishedAt: entry.publishedAt ?? '',
      };
      return PUBLICATION_CSV_COLUMNS.map(([key]) => row[key]);
    }),
  );
  return csvDocument(
    PUBLICATION_CSV_COLUMNS.map(([, header]) => header),
    rows,
  );
}
