// The vocabulary of the city platform's intake (DOMAIN.md "Data departments send"): record kinds, the status of a
// submitted record, the codes of the problems found in it, and how a batch and a cleaning run stand.
import { z } from 'zod';

/** What a batch holds: one national template or department feed per kind. */
export const intakeKindSchema = z.enum([
  'registrations',
  'penalties',
  'licences',
  'listEntries',
  'dishonestDebtors',
  'scoreEvents',
  'repairs',
]);
export type IntakeKind = z.infer<typeof intakeKindSchema>;
export const INTAKE_KINDS = intakeKindSchema.options;

/**
 * What became of one submitted row:
 * - `accepted`: a new record (natural key not seen before), in the profiles;
 * - `updated`: a changed revision of a known record; the earlier revision stays in its history;
 * - `duplicate`: identical to the record's current revision; changes nothing;
 * - `returned`: has problems (or a reviewer rejected it); held for the source department to correct, never in profiles;
 * - `disputed`: a penalty over DISPUTED_FINE_YUAN, waiting for two approvals before it counts.
 */
export const intakeRecordStatusSchema = z.enum(['accepted', 'updated', 'duplicate', 'returned', 'disputed']);
export type IntakeRecordStatus = z.infer<typeof intakeRecordStatusSchema>;
export const INTAKE_RECORD_STATUSES = intakeRecordStatusSchema.options;

/**
 * Why a record is returned. The first nine are the platform's named checks; the others:
 * `uscc_not_registered` (the code is valid but not in the register), `district_unknown` (not a Yantai division code),
 * `date_in_future` (a decision, filing or publication date after today), `id_number_invalid` (a resident
 * identity-card number with a wrong check character), `value_invalid` (a number that is not one, e.g. coordinates),
 * `reference_unknown` (a repair of a penalty the platform does not hold), `dispute_rejected` (a credit reviewer rejected
 * the disputed record; the message is the reviewer's reason).
 */
export const intakeProblemCodeSchema = z.enum([
  'required_missing',
  'uscc_invalid',
  'uscc_name_mismatch',
  'date_invalid',
  'date_order',
  'amount_invalid',
  'enum_unknown',
  'too_long',
  'control_characters',
  'uscc_not_registered',
  'district_unknown',
  'date_in_future',
  'id_number_invalid',
  'value_invalid',
  'reference_unknown',
  'dispute_rejected',
]);
export type IntakeProblemCode = z.infer<typeof intakeProblemCodeSchema>;
export const INTAKE_PROBLEM_CODES = intakeProblemCodeSchema.options;

/** A return stays `open` until a resubmission of the same record (or one carrying its return id) clears it. */
export const intakeReturnStateSchema = z.enum(['open', 'cleared']);
export type IntakeReturnState = z.infer<typeof intakeReturnStateSchema>;

/** A reviewer's decision on a disputed record. */
export const intakeReviewDecisionSchema = z.enum(['approve', 'reject']);
export type IntakeReviewDecision = z.infer<typeof intakeReviewDecisionSchema>;

/** File formats the upload reads, by the media type the caller declares in Content-Type. */
export const INTAKE_MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
} as const;
export type IntakeFormat = keyof typeof INTAKE_MEDIA_TYPES;

/** The format a Content-Type names (parameters such as `charset` aside), or null for one the upload does not read. */
export function intakeFormatOf(contentType: string | null | undefined): IntakeFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const entry = Object.entries(INTAKE_MEDIA_TYPES).find(([, mediaType]) => mediaType === type);
  return entry ? (entry[0] as IntakeFormat) : null;
}

/** Text encodings of a CSV upload: `charset=gb18030` (or gbk, gb2312) in Content-Type; UTF-8 otherwise. */
export const intakeCsvEncodingSchema = z.enum(['utf-8', 'gb18030']);
export type IntakeCsvEncoding = z.infer<typeof intakeCsvEncodingSchema>;

/** The CSV encoding a Content-Type's charset names; null for a charset the upload does not read. */
export function intakeCsvEncodingOf(contentType: string | null | undefined): IntakeCsvEncoding | null {
  const match = /;\s*charset\s*=\s*"?([A-Za-z0-9_-]+)"?/i.exec(contentType ?? '');
  if (!match) return 'utf-8';
  const charset = match[1]!.toLowerCase();
  if (charset === 'utf-8' || charset === 'utf8') return 'utf-8';
  if (charset === 'gb18030' || charset === 'gbk' || charset === 'gb2312') return 'gb18030';
  return null;
}

/** A penalty whose fine is more than this is disputed data, confirmed by two reviewers (DOMAIN.md). */
export const DISPUTED_FINE_YUAN = 1_000_000;
/** Approvals a disputed record needs, from different reviewers, none of them its uploader. */
export const DISPUTE_APPROVALS_NEEDED = 2;

/** What a cleaning run did to one record: publicity ended (deadline passed, or repaired) or a list entry removed. */
export const cleaningActionSchema = z.enum(['publicity_expired', 'publicity_repaired', 'list_entry_expired', 'debtor_listing_expired']);
export type CleaningAction = z.infer<typeof cleaningActionSchema>;

/** How a cleaning run was started. */
export const cleaningTriggerSchema = z.enum(['schedule', 'demand']);
export type CleaningTrigger = z.infer<typeof cleaningTriggerSchema>;
