// Campaign progress at a glance: one pure computation shared by the endpoint (GET /review/progress) and the app's
// dashboard (over the synced records), so both show the same numbers.
import { z } from 'zod';
import { publicationDeadline } from '../calendar/workingDays';
import {
  reviewStatusSchema,
  taskStatusSchema,
  type InspectionSection,
  type InspectionTask,
  type ReviewStatus,
  type SectionCorrection,
  type TaskStatus,
} from '../domain/model';
import { resultCategorySchema, type ResultCategory } from '../domain/resultCategories';

export const progressSummarySchema = z.object({
  today: z.string(),
  total: z.number().int(),
  byStatus: z.record(taskStatusSchema, z.number().int()),
  byReviewStatus: z.record(reviewStatusSchema, z.number().int()),
  byDistrict: z.array(z.object({ districtCode: z.string(), total: z.number().int(), completed: z.number().int() })),
  byDepartment: z.array(z.object({ departmentId: z.string(), sections: z.number().int(), completed: z.number().int() })),
  /** Result categories of completed sections; a completed correction's category replaces its section's. */
  resultCategories: z.array(z.object({ resultCategory: resultCategorySchema, count: z.number().int() })),
  /** Completed inspections not yet published, most urgent first. */
  pendingPublication: z.array(
    z.object({
      taskId: z.string(),
      enterpriseId: z.string(),
      checkedOn: z.string(),
      dueOn: z.string(),
      workingDaysLeft: z.number().int(),
      overdue: z.boolean(),
      /** False while the due date depends on a year's holiday arrangement not yet published. */
      calendarKnown: z.boolean(),
    }),
  ),
  overdueForPublication: z.number().int(),
});
export type ProgressSummary = z.infer<typeof progressSummarySchema>;

export interface ProgressInput {
  tasks: readonly InspectionTask[];
  sections: readonly Pick<InspectionSection, 'id' | 'taskId' | 'departmentId' | 'status' | 'resultCategory'>[];
  corrections: readonly Pick<SectionCorrection, 'sectionId' | 'status' | 'resultCategory' | 'completedAt'>[];
  /** District code of a task's enterprise. */
  districtOf(enterpriseId: string): string | undefined;
  today: string;
}

const countBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function computeProgress(input: ProgressInput): ProgressSummary {
  const byStatus = countBy<TaskStatus>(taskStatusSchema.options);
  const byReviewStatus = countBy<ReviewStatus>(reviewStatusSchema.options);
  const districts = new Map<string, { total: number; completed: number }>();
  const pendingPublication: ProgressSummary['pendingPublication'] = [];
  for (const task of input.tasks) {
    byStatus[task.status]++;
    if (task.reviewStatus) byReviewStatus[task.reviewStatus]++;
    const districtCode = input.districtOf(task.enterpriseId) ?? 'unknown';
    const district = districts.get(districtCode) ?? { total: 0, completed: 0 };
    district.total++;
    if (task.status === 'completed') district.completed++;
    districts.set(districtCode, district);
    if (task.checkedOn && task.reviewStatus && task.reviewStatus !== 'published') {
      const deadline = publicationDeadline(task.checkedOn, input.today);
      pendingPublication.push({
        taskId: task.id,
        enterpriseId: task.enterpriseId,
        checkedOn: task.checkedOn,
        dueOn: deadline.dueOn,
        workingDaysLeft: deadline.workingDaysLeft,
        overdue: deadline.overdue,
        calendarKnown: deadline.calendarKnown,
      });
    }
  }

  // The latest completed correction of each section, by completion time.
  const corrected = new Map<string, { resultCategory: ResultCategory | null; completedAt: string }>();
  for (const c of input.corrections) {
    if (c.status !== 'completed' || !c.completedAt) continue;
    const known = corrected.get(c.sectionId);
    if (!known || Date.parse(c.completedAt) > Date.parse(known.completedAt))
      corrected.set(c.sectionId, { resultCategory: c.resultCategory, completedAt: c.completedAt });
  }
  const departments = new Map<string, { sections: number; completed: number }>();
  const categories = new Map<ResultCategory, number>();
  for (const section of input.sections) {
    const department = departments.get(section.departmentId) ?? { sections: 0, completed: 0 };
    department.sections++;
    departments.set(section.departmentId, department);
    if (section.status !== 'completed') continue;
    department.completed++;
    const category = corrected.get(section.id)?.resultCategory ?? section.resultCategory;
    if (category) categories.set(category, (categories.get(category) ?? 0) + 1);
  }

  pendingPublication.sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || a.taskId.localeCompare(b.taskId));
  return {
    today: input.today,
    total: input.tasks.length,
    byStatus,
    byReviewStatus,
    byDistrict: [...districts]
      .map(([districtCode, d]) => ({ districtCode, ...d }))
      .sort((a, b) => a.districtCode.localeCompare(b.districtCode)),
    byDepartment: [...departments]
      .map(([departmentId, d]) => ({ departmentId, ...d }))
      .sort((a, b) => a.departmentId.localeCompare(b.departmentId)),
    resultCategories: [...categories]
      .map(([resultCategory, count]) => ({ resultCategory, count }))
      .sort((a, b) => b.count - a.count || a.resultCategory.localeCompare(b.resultCategory)),
    pendingPublication,
    overdueForPublication: pendingPublication.filter((p) => p.overdue).length,
  };
}
