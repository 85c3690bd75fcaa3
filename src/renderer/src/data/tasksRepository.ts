import type { InspectionPlan, InspectionTask } from '@shared/domain/model';
import type { OneVisitDb } from './db';
import type { DirectoryEntry } from './enterpriseKeys';
import { waitingForDepartments } from '@shared/domain/taskStatus';
import { enterpriseDirectory } from './enterpriseDirectory';
import type { NewTasks } from './pullRepository';

/** A task as the task list shows it: joined with its enterprise's compact key (absent until that profile is synced). */
export interface TaskListRow {
  task: InspectionTask;
  enterprise: DirectoryEntry | undefined;
  planName?: string;
  /** Arrived with the latest sync that brought tasks. */
  isNew?: boolean;
  /** Departments whose section the joint inspection still waits for, once another one completed (waitingForDepartments). */
  waitingFor?: string[];
}

/** A task on the map: a row of the task list whose enterprise is on this machine, which gives its location. */
export type MapPoint = TaskListRow & { enterprise: DirectoryEntry };

/** The rows of the task list that can be mapped, in the list's order: the same objects, no copies of 100,000 tasks. */
export function mapPointsOf(rows: readonly TaskListRow[]): MapPoint[] {
  return rows.filter((row): row is MapPoint => row.enterprise !== undefined);
}

/** A joint inspection and the departments it still waits for (waitingForDepartments). */
export interface WaitingTask {
  task: InspectionTask;
  waitingFor: string[];
}

export function tasksRepository(db: OneVisitDb) {
  /** The departments each waiting task waits for; only a task in progress can wait, so only their sections are read. */
  async function waitingOf(tasks: readonly InspectionTask[]): Promise<Map<string, string[]>> {
    const started = tasks.filter((t) => t.status === 'in_progress').map((t) => t.id);
    const sections = started.length > 0 ? await db.sections.where('taskId').anyOf(started).toArray() : [];
    const byTask = new Map<string, typeof sections>();
    for (const section of sections) byTask.set(section.taskId, [...(byTask.get(section.taskId) ?? []), section]);
    return new Map(
      [...byTask].flatMap(([taskId, own]) => {
        const waitingFor = waitingForDepartments(own);
        return waitingFor.length > 0 ? [[taskId, waitingFor] as const] : [];
      }),
    );
  }

  /**
   * Every task, soonest due first (ties in id order, as the dueDate index has them). Read by primary key and sorted here:
   * a live query over an index notes the key of every task it read, which at 20,000 tasks costs more than the sort.
   */
  async function tasksByDueDate(): Promise<InspectionTask[]> {
    const tasks = await db.tasks.toArray();
    return tasks.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  }

  return {
    get(id: string): Promise<InspectionTask | undefined> {
      return db.tasks.get(id);
    },

    plan(id: string): Promise<InspectionPlan | undefined> {
      return db.plans.get(id);
    },

    /** The plans of the tasks on this machine. */
    plans(): Promise<InspectionPlan[]> {
      return db.plans.toArray();
    },

    /** Every task on this machine, soonest due first, with its enterprise's key, its plan's name and whether it is new. */
    async listWithEnterprises(): Promise<TaskListRow[]> {
      const [tasks, plans, newTasks] = await Promise.all([tasksByDueDate(), db.plans.toArray(), db.meta.get('newTasks')]);
      const [enterprises, waiting] = await Promise.all([enterpriseDirectory(db).keys(tasks.map((t) => t.enterpriseId)), waitingOf(tasks)]);
      const planNames = new Map(plans.map((p) => [p.id, p.name]));
      const fresh = new Set(newTasks ? (JSON.parse(newTasks.value) as NewTasks).ids : []);
      return tasks.map((task, i) => {
        const waitingFor = waiting.get(task.id);
        return {
          task,
          enterprise: enterprises[i],
          planName: planNames.get(task.planId),
          isNew: fresh.has(task.id),
          ...(waitingFor ? { waitingFor } : {}),
        };
      });
    },

    /** The joint inspections some departments completed while others have not, soonest due first. */
    async waiting(): Promise<WaitingTask[]> {
      const started = await db.tasks.where('status').equals('in_progress').sortBy('dueDate');
      const waiting = await waitingOf(started);
      return started.flatMap((task) => {
        const waitingFor = waiting.get(task.id);
        return waitingFor ? [{ task, waitingFor }] : [];
      });
    },
  };
}
