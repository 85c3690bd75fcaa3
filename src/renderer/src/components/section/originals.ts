// Photos whose original left this laptop after the retention period show their thumbnail; opening one in full view
// fetches the original again (hash-checked), or says it cannot while offline.
import { createContext, useCallback, useMemo, useState } from 'react';
import type { OneVisitDb, StoredAttachment } from '../../data/db';
import { attachmentsRepository } from '../../data/attachmentsRepository';
import type { WritableRecord } from '../../data/sectionsRepository';
import { getBridge } from '../../platform/bridge';

export interface Originals {
  /** sha256 of the photos held here only as thumbnails. */
  dropped: ReadonlySet<string>;
  /** sha256 of those whose original could not be fetched (offline, refused). */
  unavailable: ReadonlySet<string>;
  fetch(sha256: string): void;
}

export const OriginalsContext = createContext<Originals | null>(null);

export function useOriginals(
  db: OneVisitDb,
  record: Pick<WritableRecord, 'id' | 'attachments'>,
  stored: readonly StoredAttachment[],
): Originals {
  const [unavailable, setUnavailable] = useState<ReadonlySet<string>>(new Set());
  const dropped = useMemo(() => new Set(stored.filter((a) => a.originalDroppedAt !== undefined).map((a) => a.meta.sha256)), [stored]);
  const fetch = useCallback(
    (sha256: string) => {
      const mark = (failed: boolean) =>
        setUnavailable((current) => {
          const next = new Set(current);
          if (failed) next.add(sha256);
          else next.delete(sha256);
          return next;
        });
      attachmentsRepository(db)
        .download(getBridge(), [{ id: record.id, attachments: record.attachments.filter((a) => a.sha256 === sha256) }], { originals: true })
        .then((outcome) => mark(outcome.downloaded === 0))
        .catch(() => mark(true));
    },
    [db, record],
  );
  return useMemo(() => ({ dropped, unavailable, fetch }), [dropped, unavailable, fetch]);
}
