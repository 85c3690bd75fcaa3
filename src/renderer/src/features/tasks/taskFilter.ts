import type { RiskClass, TaskStatus } from '@shared/domain/model';
import type { TaskListRow } from '../../data/tasksRepository';

/** Tasks due within this many days (today included) are "due soon". */
export const DUE_SOON_DAYS = 7;

export type DueFilter = 'overdue' | 'due_soon' | 'later';
export type TaskSort = 'due_asc' | 'due_desc' | 'risk_desc' | 'name';

export interface TaskFilter {
  text: string;
  districtCode: string | null;
  status: TaskStatus | null;
  /** Only tasks this officer is on. */
  officerId: string | null;
  due?: DueFilter | null;
  riskClass?: RiskClass | null;
  departmentId?: string | null;
  planId?: string | null;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Where a task stands against its due date; completed tasks are never overdue. */
export function dueState(row: TaskListRow, today: string): DueFilter | null {
  if (row.task.status === 'completed') return null;
  if (row.task.dueDate < today) return 'overdue';
  return row.task.dueDate < addDays(today, DUE_SOON_DAYS) ? 'due_soon' : 'later';
}

export function filterTasks(rows: readonly TaskListRow[], filter: TaskFilter, today = ''): TaskListRow[] {
  const text = filter.text.trim().toUpperCase();
  return rows.filter((row) => {
    const { task, enterprise } = row;
    if (filter.officerId && !task.officerIds.includes(filter.officerId)) return false;
    if (filter.status && task.status !== filter.status) return false;
    if (filter.districtCode && enterprise?.districtCode !== filter.districtCode) return false;
    if (filter.riskClass && enterprise?.riskClass !== filter.riskClass) return false;
    if (filter.departmentId && !task.departmentIds.includes(filter.departmentId)) return false;
    if (filter.planId && task.planId !== filter.planId) return false;
    if (filter.due && dueState(row, today) !== filter.due) return false;
    if (text && !(enterprise?.name.toUpperCase().includes(text) || task.enterpriseId.toUpperCase().includes(text))) return false;
    return true;
  });
}

const RISK_ORDER = 'EDCBA';
/** Highest risk first; enterprises not yet synced last. */
const riskRank = (row: TaskListRow) => (row.enterprise ? RISK_ORDER.indexOf(row.enterprise.riskClass) : RISK_ORDER.length);

/** Tasks new since the last sync come first whatever the order: a new plan's tasks are due last and would sort last. */
export function sortTasks(rows: readonly TaskListRow[], sort: TaskSort): TaskListRow[] {
  const byDue = (a: TaskListRow, b: TaskListRow) => a.task.dueDate.localeCompare(b.task.dueDate);
  const compare: Record<TaskSort, (a: TaskListRow, b: TaskListRow) => number> = {
    due_asc: byDue,
    due_desc: (a, b) => byDue(b, a),
    risk_desc: (a, b) => riskRank(a) - riskRank(b) || byDue(a, b),
    name: (a, b) => (a.enterprise?.name ?? '\uffff').localeCompare(b.enterprise?.name ?? '\uffff', 'zh-CN') || byDue(a, b),
  };
  return [...rows].sort((a, b) => Number(b.isNew ?? false) - Number(a.isNew ?? false) || compare[sort](a, b));
}
