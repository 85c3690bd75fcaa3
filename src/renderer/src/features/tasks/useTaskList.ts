import { useLiveQuery } from 'dexie-react-hooks';
import type { OneVisitDb } from '../../data/db';
import { referenceRepository, type ReferenceData } from '../../data/referenceRepository';
import { tasksRepository, type TaskListRow } from '../../data/tasksRepository';

export function useTaskList(db: OneVisitDb): { rows: TaskListRow[]; reference: ReferenceData } | undefined {
  return useLiveQuery(async () => {
    const [rows, reference] = await Promise.all([tasksRepository(db).listWithEnterprises(), referenceRepository(db).all()]);
    return { rows, reference };
  }, [db]);
}

/** Department names of the signed-in officer's reference data, for headers and tags. */
export function useReference(db: OneVisitDb): ReferenceData | undefined {
  return useLiveQuery(() => referenceRepository(db).all(), [db]);
}
