// Lazily brings the bytes of other departments' photos and signatures to this machine when a task or its record is
// opened, so they are shown read-only and printed. Offline, the record lists them and the download waits for the network.
import { useEffect, useRef, useState } from 'react';
import type { OneVisitDb } from '../../data/db';
import { attachmentsRepository, missingAttachments } from '../../data/attachmentsRepository';
import { getBridge } from '../../platform/bridge';
import type { TaskDetail } from '../../hooks/useTaskDetail';

/** idle: nothing to fetch; failed: some could not be fetched (offline, refused, wrong hash). */
export type AttachmentDownloadState = 'idle' | 'downloading' | 'done' | 'failed';

/**
 * With `originals`, the originals of photos dropped after the retention period are fetched as well (the record and its
 * PDF print them); otherwise their thumbnails suffice.
 */
export function useAttachmentDownloads(
  db: OneVisitDb,
  detail: TaskDetail | null | undefined,
  options: { originals?: boolean } = {},
): AttachmentDownloadState {
  const [state, setState] = useState<AttachmentDownloadState>('idle');
  const [online, setOnline] = useState(0);
  // Refused attachments are not asked for again while the page is open; the network coming back retries the rest.
  const refused = useRef(new Set<string>());
  const records = detail ? [...detail.sections, ...detail.corrections] : [];
  const originals = options.originals ?? false;
  const wanted = detail
    ? missingAttachments(records, detail.attachments, { originals }).filter((m) => !refused.current.has(m.meta.id))
    : [];
  const key = wanted.map((m) => m.meta.id).join(',');
  const latest = useRef(records);
  latest.current = records;

  useEffect(() => {
    const retry = () => setOnline((n) => n + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, []);

  useEffect(() => {
    if (key === '') return;
    setState('downloading');
    // Downloads are idempotent (present bytes are never fetched twice), so a run overlapping another does no harm.
    attachmentsRepository(db)
      .download(getBridge(), latest.current, { originals })
      .then((outcome) => {
        if (outcome.failed > 0) key.split(',').forEach((id) => refused.current.add(id));
        setState(outcome.failed > 0 ? 'failed' : 'done');
      })
      .catch(() => setState('failed'));
  }, [db, key, online, originals]);

  return state;
}
