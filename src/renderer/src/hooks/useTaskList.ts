import { useRef } from 'react';
import type { OneVisitDb } from '../data/db';
import { referenceRepository } from '../data/referenceRepository';
import { tasksRepository } from '../data/tasksRepository';
import { useSyncStore } from '../state/syncStore';
import { shareTaskList, type TaskList } from './shareTaskList';
import { usePacedLiveQuery } from './usePacedLiveQuery';

/** While a sync commits page after page, the list is read and redrawn once a second at most, not once a page. */
const SYNC_INTERVAL_MS = 1000;

export function useTaskList(db: OneVisitDb): TaskList | undefined {
  // Each read after a pull page or an edit finds few rows changed: keep the unchanged rows (and the whole list when
  // none changed), so React skips the list or renders only the rows that changed.
  const previous = useRef<TaskList | undefined>(undefined);
  const syncing = useSyncStore((s) => s.state === 'syncing');
  return usePacedLiveQuery(
    async () => {
      const [rows, reference] = await Promise.all([tasksRepository(db).listWithEnterprises(), referenceRepository(db).all()]);
      previous.current = shareTaskList(previous.current, { rows, reference });
      return previous.current;
    },
    [db],
    syncing ? SYNC_INTERVAL_MS : null,
  );
}
