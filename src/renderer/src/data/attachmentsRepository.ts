// Evidence bytes (photos, signatures) and their upload outbox. Adding or removing an attachment changes the section's
// metadata in the same transaction, so the section and its bytes never disagree on this machine.
import type { AttachmentMeta } from '@shared/domain/model';
import type { PlatformBridge } from '@shared/bridge';
import { bridgeErrorOf } from '@shared/bridgeError';
import { bytesSha256Hex } from '@shared/bytesHash';
import type { OneVisitDb, StoredAttachment } from './db';
import {
  correctionsRepository,
  sectionsRepository,
  type AttachmentsProgress,
  type WritableCollection,
  type WritableRecord,
} from './sectionsRepository';

export interface AttachmentUploadOutcome {
  uploaded: number;
  failed: number;
}

export interface AttachmentDownloadOutcome {
  downloaded: number;
  /** Refused by the endpoint (not found, not visible) or not matching their hash: not stored. */
  failed: number;
}

/** Days a verified photo original stays on this machine unless the officer chose otherwise (0: kept for good). */
export const DEFAULT_ORIGINAL_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes the thumbnail (a small JPEG) that stays on the machine in place of a dropped original. */
export type MakeThumbnail = (bytes: Uint8Array, type: string) => Promise<Uint8Array>;

/**
 * A photo whose original may leave this machine: the endpoint confirmed it holds these bytes (`uploadedAt`) at least
 * `retentionDays` ago, and it is still the original. Signatures are small and always kept; 0 days keeps everything.
 */
export function originalDue(row: StoredAttachment, now: Date, retentionDays: number): boolean {
  return (
    retentionDays > 0 &&
    row.meta.kind === 'photo' &&
    row.state === 'uploaded' &&
    row.originalDroppedAt === undefined &&
    row.uploadedAt !== null &&
    now.getTime() - Date.parse(row.uploadedAt) >= retentionDays * DAY_MS
  );
}

/**
 * The attachments records list whose bytes are not among `rows` (matched by id or by content). With `originals`, a
 * row holding only the thumbnail of a dropped original counts as missing (the record and the full view need the original).
 */
export function missingAttachments(
  records: readonly Pick<WritableRecord, 'id' | 'attachments'>[],
  stored: readonly StoredAttachment[],
  options: { originals?: boolean } = {},
): { recordId: string; meta: AttachmentMeta }[] {
  const rows = options.originals ? stored.filter((r) => r.originalDroppedAt === undefined) : stored;
  const ids = new Set(rows.map((r) => r.id));
  const hashes = new Set(rows.map((r) => r.meta.sha256));
  return records.flatMap((record) =>
    record.attachments.filter((a) => !ids.has(a.id) && !hashes.has(a.sha256)).map((meta) => ({ recordId: record.id, meta })),
  );
}

export function attachmentsProgress(section: Pick<WritableRecord, 'attachments'>, rows: readonly StoredAttachment[]): AttachmentsProgress {
  const uploaded = new Set(rows.filter((r) => r.state === 'uploaded').map((r) => r.meta.sha256));
  return { total: section.attachments.length, verified: section.attachments.filter((a) => uploaded.has(a.sha256)).length };
}

/** Evidence of the records of one collection: sections, or the corrections of returned sections (same evidence fields). */
export function attachmentsRepository(db: OneVisitDb, collection: WritableCollection = 'sections') {
  // Both repositories write the same evidence fields; each parses the record with its own collection's schema.
  const records = (collection === 'sections' ? sectionsRepository(db) : correctionsRepository(db)) as unknown as {
    saveDraft<R extends WritableRecord>(record: R): Promise<R>;
  };
  const table = db.table(collection);

  return {
    forSections(sectionIds: readonly string[]): Promise<StoredAttachment[]> {
      return db.attachments
        .where('sectionId')
        .anyOf([...sectionIds])
        .toArray();
    },

    pendingCount(): Promise<number> {
      return db.attachments.where('state').equals('pending').count();
    },

    /**
     * Stores the bytes and lists them on the section (or correction) (a signature replaces the previous one of its kind).
     * `section` is the caller's current draft, so unsaved edits are kept.
     */
    async add<R extends WritableRecord>(section: R, meta: AttachmentMeta, bytes: Uint8Array): Promise<R> {
      return db.transaction('rw', table, db.outbox, db.attachments, async () => {
        const replaced = meta.kind === 'photo' ? [] : section.attachments.filter((a) => a.kind === meta.kind);
        const next = { ...section, attachments: [...section.attachments.filter((a) => !replaced.includes(a)), meta] };
        const saved = await records.saveDraft(next);
        await db.attachments.bulkDelete(replaced.map((a) => a.id));
        await db.attachments.put({ id: meta.id, sectionId: section.id, meta, bytes, state: 'pending', uploadedAt: null, error: null });
        return saved;
      });
    },

    async remove<R extends WritableRecord>(section: R, attachmentId: string): Promise<R> {
      return db.transaction('rw', table, db.outbox, db.attachments, async () => {
        const saved = await records.saveDraft({ ...section, attachments: section.attachments.filter((a) => a.id !== attachmentId) });
        await db.attachments.delete(attachmentId);
        return saved;
      });
    },

    /**
     * Fetches bytes these records list but this machine does not hold: other departments' photos and signatures (and
     * the officer's own from another device), for the task page and the record; with `originals`, also the originals
     * of photos dropped after the retention period (they replace the thumbnail and count as verified anew). Each is
     * checked against its hash before it is kept, as already uploaded. A network failure ends the round (and throws);
     * a refusal is counted.
     */
    async download(
      bridge: Pick<PlatformBridge, 'getAttachment'>,
      records: readonly Pick<WritableRecord, 'id' | 'attachments'>[],
      options: { originals?: boolean } = {},
    ): Promise<AttachmentDownloadOutcome> {
      const missing = missingAttachments(
        records,
        await db.attachments
          .where('sectionId')
          .anyOf(records.map((r) => r.id))
          .toArray(),
        options,
      );
      const outcome: AttachmentDownloadOutcome = { downloaded: 0, failed: 0 };
      const fetched: StoredAttachment[] = [];
      const bySha = new Map<string, Uint8Array>();
      try {
        for (const { recordId, meta } of missing) {
          let bytes = bySha.get(meta.sha256);
          if (!bytes) {
            try {
              bytes = await bridge.getAttachment(meta.sha256);
            } catch (error) {
              const info = bridgeErrorOf(error);
              if (!info || (info.kind !== 'invalid_request' && info.kind !== 'forbidden')) throw error;
              outcome.failed++;
              continue;
            }
            if (bytesSha256Hex(bytes) !== meta.sha256) {
              outcome.failed++;
              continue;
            }
            bySha.set(meta.sha256, bytes);
          }
          fetched.push({
            id: meta.id,
            sectionId: recordId,
            meta,
            bytes,
            state: 'uploaded',
            uploadedAt: new Date().toISOString(),
            error: null,
          });
        }
      } finally {
        // What arrived before a failure is kept, in one write so the pages redraw once.
        await db.transaction('rw', db.attachments, async () => {
          // A thumbnail row gives way to its original; any other row here already holds the bytes.
          const present = new Set(
            await db.attachments
              .where('id')
              .anyOf(fetched.map((f) => f.id))
              .filter((row) => row.originalDroppedAt === undefined)
              .primaryKeys(),
          );
          const fresh = fetched.filter((f) => !present.has(f.id));
          await db.attachments.bulkPut(fresh);
          outcome.downloaded = fresh.length;
        });
      }
      return outcome;
    },

    /**
     * Replaces the originals of verified photos older than the retention period by thumbnails, so the laptop's storage
     * does not grow without end; the endpoint keeps the originals (see `download` with `originals`). A photo whose
     * thumbnail cannot be made keeps its original. Returns how many originals were dropped.
     */
    async dropVerifiedOriginals(options: { now: Date; retentionDays: number; thumbnail: MakeThumbnail }): Promise<number> {
      const { now, retentionDays, thumbnail } = options;
      if (retentionDays <= 0) return 0;
      // The keys of the held originals verified before the cutoff, from the index alone: no row is read to find them.
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
      const due = await db.attachments.where('originalHeldSince').belowOrEqual(cutoff).primaryKeys();
      let dropped = 0;
      for (const id of due) {
        const row = await db.attachments.get(id);
        if (!row || !originalDue(row, now, retentionDays)) continue;
        let small: Uint8Array;
        try {
          small = await thumbnail(row.bytes, row.meta.type);
        } catch (error) {
          console.warn(`the thumbnail of ${row.meta.sha256} could not be made; its original stays`, error);
          continue;
        }
        // Made outside the transaction (image work is not IndexedDB work): the row must not have changed meanwhile.
        await db.transaction('rw', db.attachments, async () => {
          const current = await db.attachments.get(id);
          if (!current || current.uploadedAt !== row.uploadedAt || !originalDue(current, now, retentionDays)) return;
          await db.attachments.update(id, { bytes: small, originalDroppedAt: now.toISOString() });
          dropped++;
        });
      }
      return dropped;
    },

    /**
     * Uploads the attachment outbox. The endpoint verifies each hash, so an accepted upload means the bytes arrived
     * intact. A network failure stops the round (nothing else would get through); a refusal is kept on the row.
     */
    async upload(
      bridge: Pick<PlatformBridge, 'putAttachment'>,
      onProgress: (done: number) => void = () => {},
    ): Promise<AttachmentUploadOutcome> {
      const outcome: AttachmentUploadOutcome = { uploaded: 0, failed: 0 };
      const ids = await db.attachments.where('state').equals('pending').primaryKeys();
      for (const id of ids) {
        const row = await db.attachments.get(id);
        if (!row || row.state !== 'pending') continue;
        try {
          await bridge.putAttachment({ sha256: row.meta.sha256, type: row.meta.type, bytes: row.bytes });
        } catch (error) {
          const info = bridgeErrorOf(error);
          // Only the endpoint's judgement of these bytes is kept on the row; anything else ends the round.
          if (!info || info.kind !== 'invalid_request') throw error;
          outcome.failed++;
          await db.attachments.update(id, { error: info.message });
          continue;
        }
        outcome.uploaded++;
        await db.attachments.update(id, { state: 'uploaded', uploadedAt: new Date().toISOString(), error: null });
        onProgress(outcome.uploaded);
      }
      return outcome;
    },
  };
}
