// How a joint inspection's task follows its departments' sections: the same rule wherever a section is written.
import { shanghaiDate } from '../calendar/workingDays';
import type { TaskStatus } from './model';

export interface SectionProgress {
  status: 'draft' | 'completed';
  hasResults: boolean;
  completedAt: Date | null;
}

export interface TaskStatusChange {
  status: TaskStatus;
  /** A completed inspection waits for the supervisor's review, checked on the day its last section was completed. */
  review?: { reviewStatus: 'awaiting_review'; checkedOn: string };
}

/** A section has results once any of its check items has an outcome. */
export const hasItemResults = (section: { itemResults: readonly unknown[] }): boolean => section.itemResults.length > 0;

/** A section's stage in the words of the task statuses, by the same rule: started once it has results. */
export function sectionStage(section: { status: SectionProgress['status']; itemResults: readonly unknown[] }): TaskStatus {
  return section.status === 'completed' ? 'completed' : hasItemResults(section) ? 'in_progress' : 'assigned';
}

/**
 * assigned → in_progress once any section has results or is completed; completed once every section is. Null when
 * the task stays as it is: a task that has started never goes back to assigned.
 */
export function taskStatusChange(current: TaskStatus, sections: readonly SectionProgress[]): TaskStatusChange | null {
  const status: TaskStatus | undefined = sections.every((s) => s.status === 'completed')
    ? 'completed'
    : sections.some((s) => s.status === 'completed' || s.hasResults)
      ? 'in_progress'
      : undefined;
  if (!status || status === current) return null;
  if (status !== 'completed') return { status };
  const lastCompletion = Math.max(...sections.map((s) => s.completedAt?.getTime() ?? 0));
  return { status, review: { reviewStatus: 'awaiting_review', checkedOn: shanghaiDate(new Date(lastCompletion)) } };
}

/**
 * The departments a joint inspection is waiting for: those whose section is not completed yet, once another
 * department's section is. Empty while nothing is completed, and once everything is.
 */
export function waitingForDepartments(sections: readonly { departmentId: string; status: 'draft' | 'completed' }[]): string[] {
  if (!sections.some((s) => s.status === 'completed')) return [];
  return sections.filter((s) => s.status !== 'completed').map((s) => s.departmentId);
}
