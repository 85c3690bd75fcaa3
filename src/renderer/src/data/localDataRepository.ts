// The officer's local database as a whole: what would be lost with it, and wiping it (sign-out with wipe, revoked device).
import type { OneVisitDb } from './db';

export interface UnsentWork {
  /** Outbox mutations (edits of sections and corrections) the server has not acknowledged. */
  changes: number;
  /** Attachment bytes not yet on the endpoint. */
  attachments: number;
}

export function localDataRepository(db: OneVisitDb) {
  return {
    async unsent(): Promise<UnsentWork> {
      return db.transaction('r', db.outbox, db.attachments, async () => ({
        changes: await db.outbox.count(),
        attachments: await db.attachments.where('state').equals('pending').count(),
      }));
    },

    /** Deletes the whole database of this officer on this machine. Callers make sure unsent work was pushed or discarded. */
    async wipe(): Promise<void> {
      // Another window's connection closes when asked; one that does not holds the wipe up, which the log should say.
      db.on('blocked', () => console.warn('[wipe] the local database is still open elsewhere: the wipe waits for it'));
      await db.delete();
    },
  };
}
