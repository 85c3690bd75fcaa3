import { useLiveQuery } from 'dexie-react-hooks';
import type { CheckItem, Enterprise, InspectionPlan, InspectionSection, InspectionTask, SectionCorrection } from '@shared/domain/model';
import type { OneVisitDb, OutboxEntry, StoredAttachment } from '../data/db';
import { attachmentsRepository } from '../data/attachmentsRepository';
import { DamagedProfileError, enterpriseDirectory } from '../data/enterpriseDirectory';
import { referenceRepository, type ReferenceData } from '../data/referenceRepository';
import { correctionsRepository, sectionsRepository } from '../data/sectionsRepository';
import { tasksRepository } from '../data/tasksRepository';

export interface TaskDetail {
  task: InspectionTask;
  plan: InspectionPlan | undefined;
  enterprise: Enterprise | undefined;
  sections: InspectionSection[];
  /** Corrections of returned sections, oldest return first. */
  corrections: SectionCorrection[];
  /** Outbox entries of the sections and of their corrections. */
  outbox: OutboxEntry[];
  /** Attachment bytes stored on this machine for the sections and their corrections. */
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
    const corrections = (await correctionsRepository(db).forTask(taskId)).sort((a, b) => a.returnedAt.localeCompare(b.returnedAt));
    const recordIds = [...sections, ...corrections].map((s) => s.id);
    const [plan, enterprise, outbox, attachments, checkItems, reference] = await Promise.all([
      tasksRepository(db).plan(task.planId),
      // A damaged copy of the profile leaves the task page without it; its dossier says why.
      enterpriseDirectory(db)
        .get(task.enterpriseId)
        .catch((error: unknown) => (error instanceof DamagedProfileError ? undefined : Promise.reject(error))),
      sectionsRepo.outboxFor(recordIds),
      attachmentsRepository(db).forSections(recordIds),
      referenceRepository(db).checkItems(sections.flatMap((s) => s.checkItemIds)),
      referenceRepository(db).all(),
    ]);
    return { task, plan, enterprise, sections, corrections, outbox, attachments, checkItems, reference };
  }, [db, taskId]);
}

/** The task's officers of one department: those who must sign its section when present. */
export function departmentOfficers(detail: Pick<TaskDetail, 'task' | 'reference'>, departmentId: string): string[] {
  return detail.task.officerIds.filter((id) => detail.reference.officers.get(id)?.departmentId === departmentId);
}

/** The officer signatures a correction carries from its returned section, accepted there already. */
export function acceptedSignatures(detail: Pick<TaskDetail, 'sections'>, sectionId: string): string[] {
  const section = detail.sections.find((s) => s.id === sectionId);
  return (section?.attachments ?? []).filter((a) => a.kind === 'officer_signature').map((a) => a.id);
}

/** The bytes on this machine that a record lists, whichever record they were stored with (a correction starts with its section's evidence). */
export function attachmentsOf(
  detail: Pick<TaskDetail, 'attachments'>,
  record: { attachments: readonly { sha256: string }[] },
): StoredAttachment[] {
  return detail.attachments.filter((a) => record.attachments.some((m) => m.sha256 === a.meta.sha256));
}
