import type { Enterprise, InspectionPlan, InspectionTask } from '@shared/domain/model';
import type { OneVisitDb } from './db';

/** A task as the task list shows it: joined with its enterprise (absent until that record is synced). */
export interface TaskListRow {
  task: InspectionTask;
  enterprise: Enterprise | undefined;
}

export function tasksRepository(db: OneVisitDb) {
  return {
    get(id: string): Promise<InspectionTask | undefined> {
      return db.tasks.get(id);
    },

    plan(id: string): Promise<InspectionPlan | undefined> {
      return db.plans.get(id);
    },

    /** Every task on this machine, soonest due first, with its enterprise. */
    async listWithEnterprises(): Promise<TaskListRow[]> {
      return db.transaction('r', db.tasks, db.enterprises, async () => {
        const tasks = await db.tasks.orderBy('dueDate').toArray();
        const enterprises = await db.enterprises.bulkGet(tasks.map((t) => t.enterpriseId));
        return tasks.map((task, i) => ({ task, enterprise: enterprises[i] }));
      });
    },
  };
}
