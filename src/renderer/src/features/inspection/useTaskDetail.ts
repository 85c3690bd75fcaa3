import { useLiveQuery } from 'dexie-react-hooks';
import type { CheckItem, Enterprise, InspectionPlan, InspectionSection, InspectionTask } from '@shared/domain/model';
import type { OneVisitDb, OutboxEntry, StoredAttachment } from '../../data/db';
import { attachmentsRepository } from '../../data/attachmentsRepository';
import { enterprisesRepository } from '../../data/enterprisesRepository';
import { referenceRepository, type ReferenceData } from '../../data/referenceRepository';
import { sectionsRepository } from '../../data/sectionsRepository';
import { tasksRepository } from '../../data/tasksRepository';

export interface TaskDetail {
  task: InspectionTask;
  plan: InspectionPlan | undefined;
  enterprise: Enterprise | undefined;
  sections: InspectionSection[];
  outbox: OutboxEntry[];
  attachments: StoredAttachment[];
  checkItems: Map<string, CheckItem>;
  reference: ReferenceData;
}

/** Everything the task page shows, live from IndexedDB; null when the task is not on this machine. */
export function useTaskDetail(db: OneVisitDb, taskId: string): TaskDetail | null | undefined {
  return useLiveQuery(async () => {
    const task = await tasksRepository(db).get(taskId);
    if (!task) return null;
    const sectionsRepo = sectionsRepository(db);
    const sections = await sectionsRepo.forTask(taskId);
    const [plan, enterprise, outbox, attachments, checkItems, reference] = await Promise.all([
      tasksRepository(db).plan(task.planId),
      enterprisesRepository(db).get(task.enterpriseId),
      sectionsRepo.outboxFor(sections.map((s) => s.id)),
      attachmentsRepository(db).forSections(sections.map((s) => s.id)),
      referenceRepository(db).checkItems(sections.flatMap((s) => s.checkItemIds)),
      referenceRepository(db).all(),
    ]);
    return { task, plan, enterprise, sections, outbox, attachments, checkItems, reference };
  }, [db, taskId]);
}
