import type { Enterprise, InspectionPlan, InspectionTask, RiskClass, TaskStatus } from '@shared/domain/model';
import type { OneVisitDb } from './db';

/** A task as the task list shows it: joined with its enterprise (absent until that record is synced). */
export interface TaskListRow {
  task: InspectionTask;
  enterprise: Enterprise | undefined;
}

/** A task on the map, at its enterprise's location. */
export interface MapPoint {
  taskId: string;
  planId: string;
  enterpriseName: string;
  lng: number;
  lat: number;
  districtCode: string;
  departmentIds: readonly string[];
  status: TaskStatus;
  riskClass: RiskClass;
  dueDate: string;
}

export function tasksRepository(db: OneVisitDb) {
  return {
    get(id: string): Promise<InspectionTask | undefined> {
      return db.tasks.get(id);
    },

    plan(id: string): Promise<InspectionPlan | undefined> {
      return db.plans.get(id);
    },

    /** Every task with a located enterprise, as map points (enterprise coordinates come with the synced records). */
    async mapPoints(): Promise<MapPoint[]> {
      const rows = await this.listWithEnterprises();
      return rows.flatMap(({ task, enterprise }) => (enterprise ? [{
        taskId: task.id,
        planId: task.planId,
        enterpriseName: enterprise.name,
        lng: enterprise.location.lng,
        lat: enterprise.location.lat,
        districtCode: enterprise.districtCode,
        departmentIds: task.departmentIds,
        status: task.status,
        riskClass: enterprise.riskClass,
        dueDate: task.dueDate,
      }] : []));
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
