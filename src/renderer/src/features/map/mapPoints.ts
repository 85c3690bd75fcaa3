// Task points of the map and their filters: pure, so they are unit-tested without a browser.
import type { RiskClass, TaskStatus } from '@shared/domain/model';
import type { MapPoint } from '../../data/tasksRepository';

export type { MapPoint };

export interface MapFilters {
  planId?: string;
  departmentId?: string;
  districtCode?: string;
  status?: TaskStatus;
  riskClass?: RiskClass;
  overdueOnly?: boolean;
}

/** Overdue: not completed and past its due date (dates compared in Asia/Shanghai). */
export const isOverdue = (point: Pick<MapPoint, 'status' | 'dueDate'>, today: string) => point.status !== 'completed' && point.dueDate < today;

export function filterMapPoints(points: readonly MapPoint[], filters: MapFilters, today: string): MapPoint[] {
  return points.filter((p) =>
    (!filters.planId || p.planId === filters.planId)
    && (!filters.departmentId || p.departmentIds.includes(filters.departmentId))
    && (!filters.districtCode || p.districtCode === filters.districtCode)
    && (!filters.status || p.status === filters.status)
    && (!filters.riskClass || p.riskClass === filters.riskClass)
    && (!filters.overdueOnly || isOverdue(p, today)));
}

export type ColourMode = 'status' | 'risk';

export const STATUS_COLOURS: Record<TaskStatus, string> = { assigned: '#8c8c8c', in_progress: '#1677ff', completed: '#389e0d' };
export const RISK_COLOURS: Record<RiskClass, string> = { A: '#389e0d', B: '#7cb305', C: '#d4b106', D: '#fa8c16', E: '#cf1322' };

export function colourOf(point: Pick<MapPoint, 'status' | 'riskClass'>, mode: ColourMode): string {
  return mode === 'status' ? STATUS_COLOURS[point.status] : RISK_COLOURS[point.riskClass];
}
