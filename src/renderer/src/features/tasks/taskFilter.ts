import type { TaskStatus } from '@shared/domain/model';
import type { TaskListRow } from '../../data/tasksRepository';

export interface TaskFilter {
  text: string;
  districtCode: string | null;
  status: TaskStatus | null;
  /** Only tasks this officer is on. */
  officerId: string | null;
}

export function filterTasks(rows: readonly TaskListRow[], filter: TaskFilter): TaskListRow[] {
  const text = filter.text.trim().toUpperCase();
  return rows.filter(({ task, enterprise }) => {
    if (filter.officerId && !task.officerIds.includes(filter.officerId)) return false;
    if (filter.status && task.status !== filter.status) return false;
    if (filter.districtCode && enterprise?.districtCode !== filter.districtCode) return false;
    if (text && !(enterprise?.name.toUpperCase().includes(text) || task.enterpriseId.toUpperCase().includes(text))) return false;
    return true;
  });
}
