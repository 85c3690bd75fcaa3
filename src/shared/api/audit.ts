// The audit trail: who did what to which record, when, from which device, hash-chained (services/audit.ts on the
// endpoint, `npm run audit:verify` for auditors).
import { z } from 'zod';
import { lineText } from '../text/plainText';

const isoDateTime = z.iso.datetime({ offset: true });
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: isoDateTime,
  actorId: z.string().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  deviceId: z.string().nullable(),
  contentHash: hash.nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: hash,
  hash,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The last entry of the chain: what is exported daily and compared by `audit:verify --head`. */
export const auditHeadSchema = z.object({ seq: z.number().int().nonnegative(), hash, at: isoDateTime.nullable() });
export type AuditHead = z.infer<typeof auditHeadSchema>;
/** A head written to the data folder's audit-heads (one file a day), as `audit:verify --head` reads it back. */
export const exportedAuditHeadSchema = auditHeadSchema.extend({ exportedAt: isoDateTime });
export type ExportedAuditHead = z.infer<typeof exportedAuditHeadSchema>;

/** Filters of the log; `before` pages back from an entry's seq (newest first). */
export const auditQuerySchema = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  actorId: lineText().max(100).optional(),
  action: lineText().max(100).optional(),
  recordType: lineText().max(100).optional(),
  recordId: lineText().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;
export type AuditQueryData = z.output<typeof auditQuerySchema>;

export const auditListSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** The chain's head now, and the last head exported to the data folder (null before the first export). */
  head: auditHeadSchema,
  lastExportedHead: exportedAuditHeadSchema.nullable(),
});
export type AuditList = z.infer<typeof auditListSchema>;

/** A contiguous range of the chain by seq, for auditors: every entry with its hashes, checkable on its own. */
export const auditExportQuerySchema = z.object({
  fromSeq: z.coerce.number().int().positive().default(1),
  toSeq: z.coerce.number().int().positive().optional(),
});
export type AuditExportRange = z.output<typeof auditExportQuerySchema>;
export const auditExportSchema = z.object({
  exportedAt: isoDateTime,
  head: auditHeadSchema,
  entries: z.array(auditEntrySchema),
});
export type AuditExport = z.infer<typeof auditExportSchema>;

/** Actions the endpoint records (other services may add theirs; the app's filter offers these). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.session_ended',
  'officer.created',
  'officer.updated',
  'officer.disabled',
  'officer.enabled',
  'officer.password_reset',
  'unit.created',
  'unit.updated',
  'department.created',
  'department.updated',
  'check_item.created',
  'check_item.updated',
  'check_item.retired',
  'review.approved',
  'review.returned',
  'publication.published',
  'draw.run',
  'device.revoked',
  'intake.batch_received',
  'intake.dispute_approved',
  'intake.dispute_rejected',
  'intake.cleaning_run',
] as const;
