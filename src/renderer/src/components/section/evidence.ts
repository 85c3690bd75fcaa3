// Turning what the officer captures into attachments: photos are downscaled and compressed before storage (the
// original's hash and capture time are kept), signatures are PNGs of the pad. Hashes are SHA-256 in hex.
import imageCompression from 'browser-image-compression';
import { bytesSha256Hex as sha256Hex } from '@shared/bytesHash';
import type { AttachmentKind, AttachmentMeta } from '@shared/domain/model';
import { nowIsoWithOffset } from '../../lib/time';

export interface PreparedAttachment {
  meta: AttachmentMeta;
  bytes: Uint8Array;
}

/** Long edge of a stored photo: enough to read a licence or a label, small enough for a day of photos offline. */
export const PHOTO_MAX_EDGE = 1600;

function attachment(
  kind: AttachmentKind,
  type: AttachmentMeta['type'],
  bytes: Uint8Array,
  capturedAt: Date,
  originalSha256?: string,
): PreparedAttachment {
  return {
    meta: {
      id: `att-${crypto.randomUUID()}`,
      sha256: sha256Hex(bytes),
      size: bytes.byteLength,
      type,
      kind,
      capturedAt: nowIsoWithOffset(capturedAt),
      ...(originalSha256 ? { originalSha256 } : {}),
    },
    bytes,
  };
}

/** A photo of the whole section, or with `checkItemId` the evidence of that check item. */
export async function preparePhoto(file: File, checkItemId?: string): Promise<PreparedAttachment> {
  const original = new Uint8Array(await file.arrayBuffer());
  // No worker: the library would fetch its worker script from a CDN, which the CSP (and the field) does not allow.
  const compressed = await imageCompression(file, {
    maxWidthOrHeight: PHOTO_MAX_EDGE,
    maxSizeMB: 0.5,
    initialQuality: 0.8,
    fileType: 'image/jpeg',
    useWebWorker: false,
    preserveExif: false,
  });
  const bytes = new Uint8Array(await compressed.arrayBuffer());
  // The file's modification time is when the camera wrote it; a file without one is taken as captured now.
  const capturedAt = file.lastModified > 0 ? new Date(file.lastModified) : new Date();
  const prepared = attachment('photo', 'image/jpeg', bytes, capturedAt, sha256Hex(original));
  return checkItemId === undefined ? prepared : { ...prepared, meta: { ...prepared.meta, checkItemId } };
}

export async function prepareSignature(kind: Exclude<AttachmentKind, 'photo'>, canvas: HTMLCanvasElement): Promise<PreparedAttachment> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the signature could not be read from the pad');
  return attachment(kind, 'image/png', new Uint8Array(await blob.arrayBuffer()), new Date());
}
