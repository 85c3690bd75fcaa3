// Attachment bytes (photos, signatures): content-addressed by sha256, so an upload is idempotent and a retry after a
// lost answer costs nothing. Who may do what:
// - store (PUT): any signed-in inspector. The bytes must hash to the address; what they are evidence of is decided by
//   the section that references them, and only an officer of that section's department and team can push that.
//   Large attachments may arrive in chunks (resumable, see UPLOAD_OFFSET_HEADER in the contract): each officer's
//   unfinished upload of an address is kept apart from anyone else's until it is complete and its hash checked.
// - check presence (HEAD): any signed-in officer; it reveals only whether bytes with a hash the caller already knows
//   exist, and how far the caller's own unfinished upload of them got.
// - read (GET): the uploader, or an officer who may see a section or correction referencing the attachment (on the
//   task's team, or a supervisor/admin of the plan's unit).
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type Officer } from '@shared/domain/model';
import type { AttachmentReceipt, ContentRange } from '@shared/api/attachments';
import { queryRows, type Database } from '../db/open';
import { attachmentUploads, attachments } from '../db/schema';
import { requireUploader, uploadedByThem } from '../access/policy';
import { visibleTasks } from '../access/scope';
import { DomainError, forbidden, invalid } from '../domain/errors';

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function isAttachmentType(value: string | undefined): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value ?? '');
}

/** Unfinished uploads untouched this long are abandoned (the device was wiped, the photo deleted): their bytes go. */
export const UNFINISHED_UPLOAD_DAYS = 7;

type Writer = Pick<Database, 'insert' | 'delete'>;

function checkUploader(officer: Officer, size: number): void {
  requireUploader(officer);
  if (size === 0) throw invalid('the attachment is empty');
  if (size > ATTACHMENT_MAX_BYTES)
    throw new DomainError('too_large', 'payload_too_large', `attachments are limited to ${ATTACHMENT_MAX_BYTES} bytes`);
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const mismatchMessage = (actual: string, sha256: string) =>
  `the bytes do not match their address: their sha256 is ${actual}, the URL says ${sha256}`;

/** Stores complete bytes, already checked against their address; the caller's unfinished upload of it is done with. */
async function storeComplete(
  db: Writer,
  officer: Officer,
  sha256: string,
  contentType: AttachmentType,
  bytes: Buffer,
): Promise<AttachmentReceipt & { created: boolean }> {
  await db.delete(attachmentUploads).where(and(eq(attachmentUploads.sha256, sha256), eq(attachmentUploads.uploadedBy, officer.id)));
  const inserted = await db
    .insert(attachments)
    .values({ sha256, size: bytes.length, contentType, bytes, uploadedBy: officer.id })
    .onConflictDoNothing()
    .returning({ sha256: attachments.sha256 });
  return { sha256, size: bytes.length, created: inserted.length > 0 };
}

export async function storeAttachment(
  db: Database,
  officer: Officer,
  sha256: string,
  contentType: AttachmentType,
  bytes: Buffer,
): Promise<AttachmentReceipt & { created: boolean }> {
  checkUploader(officer, bytes.length);
  const actual = sha256Of(bytes);
  if (actual !== sha256) throw new DomainError('unprocessable', 'hash_mismatch', mismatchMessage(actual, sha256));
  return storeComplete(db, officer, sha256, contentType, bytes);
}

/**
 * One chunk of a resumable upload. The chunk may repeat bytes the endpoint already holds (a retry after a lost
 * answer); it may not leave a gap. The chunk that completes the upload stores the attachment, hash-checked.
 */
export async function storeAttachmentChunk(
  db: Database,
  officer: Officer,
  sha256: string,
  contentType: AttachmentType,
  range: ContentRange,
  chunk: Buffer,
): Promise<AttachmentReceipt & { created: boolean }> {
  checkUploader(officer, range.total);
  if (chunk.length !== range.end - range.start + 1) {
    throw invalid(`Content-Range announces ${range.end - range.start + 1} bytes, the body has ${chunk.length}`);
  }
  const [stored] = await db.select({ size: attachments.size }).from(attachments).where(eq(attachments.sha256, sha256));
  if (stored) {
    // Already complete (another officer, or an earlier answer that was lost): nothing left to send.
    await db.delete(attachmentUploads).where(and(eq(attachmentUploads.sha256, sha256), eq(attachmentUploads.uploadedBy, officer.id)));
    return { sha256, size: stored.size, created: false };
  }
  const outcome = await db.transaction(async (tx): Promise<(AttachmentReceipt & { created: boolean }) | { mismatch: string }> => {
    const mine = and(eq(attachmentUploads.sha256, sha256), eq(attachmentUploads.uploadedBy, officer.id));
    const [partial] = await tx.select().from(attachmentUploads).where(mine).for('update');
    const resumable = partial && partial.size === range.total && partial.contentType === contentType;
    if (!resumable && range.start !== 0) {
      const what = partial ? `an unfinished upload of ${partial.size} bytes of ${partial.contentType}` : 'no unfinished upload';
      throw new DomainError('conflict', 'upload_offset_mismatch', `the endpoint holds ${what} for ${sha256}; start again from byte 0`);
    }
    // A fresh start: a good moment to let go of uploads abandoned long ago.
    if (!resumable)
      await tx
        .delete(attachmentUploads)
        .where(lt(attachmentUploads.updatedAt, sql`now() - make_interval(days => ${UNFINISHED_UPLOAD_DAYS})`));
    const held = resumable ? partial.bytes : Buffer.alloc(0);
    if (range.start > held.length) {
      throw new DomainError(
        'conflict',
        'upload_offset_mismatch',
        `the endpoint holds ${held.length} bytes of ${sha256}; continue from byte ${held.length}, not ${range.start}`,
      );
    }
    const bytes = Buffer.concat([held, chunk.subarray(held.length - range.start)]);
    if (bytes.length === range.total) {
      // Complete: stored if the hash is right, else discarded (committed, so the client's retry starts clean).
      const actual = sha256Of(bytes);
      if (actual === sha256) return storeComplete(tx, officer, sha256, contentType, bytes);
      await tx.delete(attachmentUploads).where(mine);
      return { mismatch: actual };
    }
    await tx
      .insert(attachmentUploads)
      .values({ sha256, uploadedBy: officer.id, contentType, size: range.total, bytes })
      .onConflictDoUpdate({
        target: [attachmentUploads.sha256, attachmentUploads.uploadedBy],
        set: { contentType, size: range.total, bytes, updatedAt: sql`now()` },
      });
    return { sha256, size: range.total, received: bytes.length, created: false };
  });
  if ('mismatch' in outcome) {
    throw new DomainError(
      'unprocessable',
      'hash_mismatch',
      `${mismatchMessage(outcome.mismatch, sha256)}; the unfinished upload was discarded, send the attachment again from byte 0`,
    );
  }
  return outcome;
}

/** How many bytes of the officer's unfinished upload of this address the endpoint holds (0: none). */
export async function unfinishedUploadOffset(db: Database, officer: Officer, sha256: string): Promise<number> {
  const [row] = await queryRows<{ held: number }>(
    db,
    sql`
    SELECT octet_length(bytes) AS held FROM attachment_uploads WHERE sha256 = ${sha256} AND uploaded_by = ${officer.id}`,
  );
  return Number(row?.held ?? 0);
}

export async function attachmentInfo(db: Database, sha256: string): Promise<{ size: number; contentType: string } | null> {
  const [row] = await db
    .select({ size: attachments.size, contentType: attachments.contentType })
    .from(attachments)
    .where(eq(attachments.sha256, sha256));
  return row ?? null;
}

export async function readAttachment(
  db: Database,
  officer: Officer,
  sha256: string,
): Promise<{ bytes: Buffer; contentType: string } | null> {
  const [row] = await db.select().from(attachments).where(eq(attachments.sha256, sha256));
  if (!row) return null;
  if (uploadedByThem(officer, row)) return row;
  const visible = await queryRows<{ one: number }>(
    db,
    sql`
    SELECT 1 AS one FROM (SELECT task_id, attachments FROM inspection_sections
                          UNION ALL SELECT task_id, attachments FROM section_corrections) s
    WHERE s.attachments @> jsonb_build_array(jsonb_build_object('sha256', ${sha256}::text))
      AND s.task_id IN (SELECT t.id FROM ${visibleTasks(officer)})
    LIMIT 1`,
  );
  if (visible.length === 0) throw forbidden('this attachment belongs to no section or correction you may see');
  return row;
}
