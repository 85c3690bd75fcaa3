// Attachment bytes (photos, signatures) travel as raw bodies under their sha256, never inside JSON.
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, sha256Schema, type AttachmentMeta } from '../domain/model';

export const attachmentParamsSchema = z.object({ sha256: sha256Schema });

/** Bytes as a host hands them over (IPC, the client): 1 byte to ATTACHMENT_MAX_BYTES. */
export const attachmentBytesSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (Uint8Array)')
  .refine((b) => b.byteLength > 0 && b.byteLength <= ATTACHMENT_MAX_BYTES, `1 to ${ATTACHMENT_MAX_BYTES} bytes`);

export const attachmentUploadSchema = z.object({ sha256: sha256Schema, type: z.enum(ATTACHMENT_TYPES), bytes: attachmentBytesSchema });
export interface AttachmentUpload {
  sha256: string;
  type: AttachmentMeta['type'];
  bytes: Uint8Array;
}

/**
 * Answer of `attachments.put`: the bytes are stored under their hash (whether by this call or an earlier one).
 * A chunk of a resumable upload (version-1 addition) that does not finish it is answered with `received`, the bytes the
 * endpoint now holds of the unfinished upload; `size` is then the announced total.
 */
export const attachmentReceiptSchema = z.object({
  sha256: z.string(),
  size: z.number().int(),
  received: z.number().int().nonnegative().optional(),
});
export type AttachmentReceipt = z.infer<typeof attachmentReceiptSchema>;

/**
 * Resumable attachment uploads (version-1 addition). `PUT /attachments/{sha256}` with `Content-Range: bytes
 * start-end/total` appends a chunk to the caller's unfinished upload of that address; `start` must not be past what the
 * endpoint holds (a repeated chunk is harmless). The last chunk completes it: the whole is hash-checked, stored, and a
 * wrong hash discards the unfinished upload (422). `HEAD /attachments/{sha256}` answers 200 once the bytes are stored,
 * otherwise 404 carrying in UPLOAD_OFFSET_HEADER how many bytes of the caller's unfinished upload it holds (0: none).
 * A PUT without Content-Range sends the whole attachment at once, as in the first release.
 */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
/** Chunk size of the app's resumable uploads: small enough to lose little on a dropped connection in the field. */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024;

export interface ContentRange {
  start: number;
  /** Inclusive, as in HTTP. */
  end: number;
  total: number;
}

export function formatContentRange({ start, end, total }: ContentRange): string {
  return `bytes ${start}-${end}/${total}`;
}

export function parseContentRange(header: string): ContentRange | null {
  const match = /^bytes (\d{1,10})-(\d{1,10})\/(\d{1,10})$/.exec(header.trim());
  if (!match) return null;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return start <= end && end < total ? { start, end, total } : null;
}
