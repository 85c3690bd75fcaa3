import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { OneVisitDb } from '../../data/db';
import { enterpriseKeysRepository } from '../../data/enterpriseKeysRepository';
import { buildSearchIndex, type SearchIndex } from './searchIndex';

/** The instant-check index of the signed-in officer's local profiles, rebuilt after each pull. */
export function useSearchIndex(db: OneVisitDb, enabled: boolean): SearchIndex | null {
  const generation = useLiveQuery(() => enterpriseKeysRepository(db).generation(), [db]);
  const [index, setIndex] = useState<{ generation: string; index: SearchIndex } | null>(null);

  useEffect(() => {
    if (!enabled || generation === undefined || index?.generation === generation) return;
    let cancelled = false;
    void enterpriseKeysRepository(db).all().then((keys) => {
      if (!cancelled) setIndex({ generation, index: buildSearchIndex(keys) });
    });
    return () => {
      cancelled = true;
    };
  }, [db, enabled, generation, index?.generation]);

  return index?.index ?? null;
}
