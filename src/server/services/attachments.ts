// Attachment bytes (photos, signatures): content-addressed by sha256, so an upload is idempotent and a retry after a
// lost answer costs nothing. Who may do what:
// - store (PUT): any signed-in inspector. The bytes must hash to the address; what they are evidence of is decided by
//   the section that references them, and only an officer of that section's department and team can push that.
// - check presence (HEAD): any signed-in officer; it reveals only whether bytes with a hash the caller already knows exist.
// - read (GET): the uploader, or an officer who may see a section or correction referencing the attachment (on the
//   task's team, or a supervisor/admin of the plan's unit).
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type Officer } from '../../shared/domain/model';
import type { AttachmentReceipt } from '../../shared/api/contract';
import { queryRows, type Database } from '../db/open';
import { attachments } from '../db/schema';
import { HttpError } from '../http/errors';

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function isAttachmentType(value: string | undefined): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value ?? '');
}

export async function storeAttachment(db: Database, officer: Officer, sha256: string, contentType: AttachmentType, bytes: Buffer): Promise<AttachmentReceipt & { created: boolean }> {
  if (officer.role !== 'inspector') throw new HttpError(403, 'forbidden', 'only inspectors upload evidence');
  if (bytes.length === 0) throw new HttpError(400, 'invalid_request', 'the attachment is empty');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new HttpError(413, 'payload_too_large', `attachments are limited to ${ATTACHMENT_MAX_BYTES} bytes`);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new HttpError(422, 'hash_mismatch', `the bytes do not match their address: their sha256 is ${actual}, the URL says ${sha256}`);
  }
  const inserted = await db
    .insert(attachments)
    .values({ sha256, size: bytes.length, contentType, bytes, uploadedBy: officer.id })
    .onConflictDoNothing()
    .returning({ sha256: attachments.sha256 });
  return { sha256, size: bytes.length, created: inserted.length > 0 };
}

export async function attachmentInfo(db: Database, sha256: string): Promise<{ size: number; contentType: string } | null> {
  const [row] = await db.select({ size: attachments.size, contentType: attachments.contentType }).from(attachments).where(eq(attachments.sha256, sha256));
  return row ?? null;
}

export async function readAttachment(db: Database, officer: Officer, sha256: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const [row] = await db.select().from(attachments).where(eq(attachments.sha256, sha256));
  if (!row) return null;
  if (row.uploadedBy === officer.id) return row;
  const scope = officer.role === 'inspector'
    ? sql`t.officer_ids @> ARRAY[${officer.id}]::text[]`
    : sql`p.unit_id = ${officer.unitId}`;
  const visible = await queryRows<{ one: number }>(db, sql`
    SELECT 1 AS one FROM (SELECT task_id, attachments FROM inspection_sections
                          UNION ALL SELECT task_id, attachments FROM section_corrections) s
      JOIN inspection_tasks t ON t.id = s.task_id
      JOIN inspection_plans p ON p.id = t.plan_id
    WHERE s.attachments @> jsonb_build_array(jsonb_build_object('sha256', ${sha256}::text)) AND ${scope}
    LIMIT 1`);
  if (visible.length === 0) throw new HttpError(403, 'forbidden', 'this attachment belongs to no section or correction you may see');
  return row;
}
