import { useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { OneVisitDb } from '../data/db';
import { referenceRepository } from '../data/referenceRepository';
import { tasksRepository } from '../data/tasksRepository';
import { shareTaskList, type TaskList } from './shareTaskList';

export function useTaskList(db: OneVisitDb): TaskList | undefined {
  // Every pull page re-runs the query while few rows change: keep the unchanged rows (and the whole list when none
  // changed), so React skips the list or renders only the rows that changed.
  const previous = useRef<TaskList | undefined>(undefined);
  return useLiveQuery(async () => {
    const [rows, reference] = await Promise.all([tasksRepository(db).listWithEnterprises(), referenceRepository(db).all()]);
    previous.current = shareTaskList(previous.current, { rows, reference });
    return previous.current;
  }, [db]);
}
