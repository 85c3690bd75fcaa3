// A task on this machine follows its sections by the endpoint's rule (taskStatusChange), so the list, the map and
// the task page show the status an edit not yet synced has already given it.
import { hasItemResults, taskStatusChange } from '@shared/domain/taskStatus';
import type { OneVisitDb } from './db';

/** Applies taskStatusChange to these tasks from their sections on this machine. Call it inside the writing transaction. */
export async function followSections(db: OneVisitDb, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  const [tasks, sections] = await Promise.all([
    db.tasks.bulkGet([...taskIds]),
    db.sections
      .where('taskId')
      .anyOf([...taskIds])
      .toArray(),
  ]);
  const changed = tasks.flatMap((task) => {
    const own = sections.filter((s) => s.taskId === task?.id);
    if (!task || own.length === 0) return [];
    const progress = own.map((s) => ({
      status: s.status,
      hasResults: hasItemResults(s),
      completedAt: s.completedAt ? new Date(s.completedAt) : null,
    }));
    const change = taskStatusChange(task.status, progress);
    return change ? [{ ...task, status: change.status, ...change.review }] : [];
  });
  if (changed.length > 0) await db.tasks.bulkPut(changed);
}
