import { useEffect, useState } from 'react';
import type { OneVisitDb } from '../../data/db';
import { useDirectory } from '../../hooks/liveQueries';
import { buildSearchIndex, type SearchIndex } from './searchIndex';

/**
 * The instant-check index of the signed-in officer's local profiles, over the persisted directory (pinyin initials
 * are stored, never recomputed; after a sync the sort orders too); rebuilt when a pull changes the directory.
 */
export function useSearchIndex(db: OneVisitDb, enabled: boolean): SearchIndex | null {
  const directory = useDirectory(db, enabled);
  const [index, setIndex] = useState<{ version: string; index: SearchIndex } | null>(null);

  useEffect(() => {
    if (!directory || index?.version === directory.version) return;
    setIndex({ version: directory.version, index: buildSearchIndex(directory.columns, directory.orders) });
  }, [directory, index?.version]);

  return index?.index ?? null;
}
