import { useEffect } from 'react';
import { useObservable } from 'dexie-react-hooks';
import type { OneVisitDb } from '../data/db';
import { referenceRepository } from '../data/referenceRepository';
import { tasksRepository } from '../data/tasksRepository';
import { useSyncStore, type SyncUiState } from '../state/syncStore';
import { shareTaskList, type TaskList } from './shareTaskList';
import { sharedLiveQuery, type SharedLiveQuery } from './sharedLiveQuery';

/** While a sync commits page after page, the list is read and redrawn once a second at most, not once a page. */
const SYNC_INTERVAL_MS = 1000;
/** How long the list stays read once no page shows it: the map opened from the task list, or back, shows it at once. */
const TASK_LIST_LINGER_MS = 10_000;
const taskLists = new WeakMap<OneVisitDb, SharedLiveQuery<TaskList>>();

/** The tasks with their enterprises: one live query for the task list and the map, which show the same tasks. */
function taskListQuery(db: OneVisitDb): SharedLiveQuery<TaskList> {
  let query = taskLists.get(db);
  if (!query) {
    // Each read after a pull page or an edit finds few rows changed: keep the unchanged rows (and the whole list when
    // none changed), so React skips the list or renders only the rows that changed.
    query = sharedLiveQuery(async (previous) => {
      const [rows, reference] = await Promise.all([tasksRepository(db).listWithEnterprises(), referenceRepository(db).all()]);
      return shareTaskList(previous, { rows, reference });
    }, TASK_LIST_LINGER_MS);
    taskLists.set(db, query);
  }
  return query;
}

/** Starts reading the list as a page that shows it is opened, so that it is read while the page loads and renders. */
export function readTaskListAhead(db: OneVisitDb): void {
  taskListQuery(db).warm();
}

export function useTaskList(db: OneVisitDb): TaskList | undefined {
  const query = taskListQuery(db);
  // Paced from the store's changes, not from a render: the page showing the list would otherwise render again (a
  // blocking render) as each sync starts and ends.
  useEffect(() => {
    const pace = (state: SyncUiState) => query.pace(state === 'syncing' ? SYNC_INTERVAL_MS : null);
    pace(useSyncStore.getState().state);
    return useSyncStore.subscribe((next) => pace(next.state));
  }, [query]);
  return useObservable(() => query, [query]);
}
