// Evidence bytes (photos, signatures) and their upload outbox. Adding or removing an attachment changes the section's
// metadata in the same transaction, so the section and its bytes never disagree on this machine.
import type { AttachmentMeta } from '@shared/domain/model';
import type { PlatformBridge } from '@shared/bridge';
import { bridgeErrorOf } from '@shared/bridgeError';
import { bytesSha256Hex } from '@shared/bytesHash';
import type { OneVisitDb, StoredAttachment } from './db';
import {
  correctionsRepository,
  recordWriteTables,
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

/** The attachments records list whose bytes are not among `rows` (matched by id or by content). */
export function missingAttachments(
  records: readonly Pick<WritableRecord, 'id' | 'attachments'>[],
  rows: readonly StoredAttachment[],
): { recordId: string; meta: AttachmentMeta }[] {
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
      return db.transaction('rw', recordWriteTables(db, collection), async () => {
        const replaced = meta.kind === 'photo' ? [] : section.attachments.filter((a) => a.kind === meta.kind);
        const next = { ...section, attachments: [...section.attachments.filter((a) => !replaced.includes(a)), meta] };
        const saved = await records.saveDraft(next);
        await db.attachments.bulkDelete(replaced.map((a) => a.id));
        await db.attachments.put({ id: meta.id, sectionId: section.id, meta, bytes, state: 'pending', uploadedAt: null, error: null });
        return saved;
      });
    },

    async remove<R extends WritableRecord>(section: R, attachmentId: string): Promise<R> {
      return db.transaction('rw', recordWriteTables(db, collection), async () => {
        const saved = await records.saveDraft({ ...section, attachments: section.attachments.filter((a) => a.id !== attachmentId) });
        await db.attachments.delete(attachmentId);
        return saved;
      });
    },

    /**
     * Fetches bytes these records list but this machine does not hold: other departments' photos and signatures (and
     * the officer's own from another device), for the task page and the record. Each is checked against its hash
     * before it is kept, as already uploaded. A network failure ends the round (and throws); a refusal is counted.
     */
    async download(
      bridge: Pick<PlatformBridge, 'getAttachment'>,
      records: readonly Pick<WritableRecord, 'id' | 'attachments'>[],
    ): Promise<AttachmentDownloadOutcome> {
      const missing = missingAttachments(
        records,
        await db.attachments
          .where('sectionId')
          .anyOf(records.map((r) => r.id))
          .toArray(),
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
          fetched.push({ id: meta.id, sectionId: recordId, meta, bytes, state: 'uploaded', uploadedAt: null, error: null });
        }
      } finally {
        // What arrived before a failure is kept, in one write so the pages redraw once.
        await db.transaction('rw', db.attachments, async () => {
          const present = new Set(
            await db.attachments
              .where('id')
              .anyOf(fetched.map((f) => f.id))
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
