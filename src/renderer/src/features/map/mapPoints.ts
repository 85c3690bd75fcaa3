// Task points of the map and their filters: pure, so they are unit-tested without a browser.
import { riskClassSchema, taskStatusSchema, type InspectionTask, type RiskClass, type TaskStatus } from '@shared/domain/model';
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
export const isOverdue = (task: Pick<InspectionTask, 'status' | 'dueDate'>, today: string) =>
  task.status !== 'completed' && task.dueDate < today;

export function filterMapPoints(points: readonly MapPoint[], filters: MapFilters, today: string): MapPoint[] {
  return points.filter(
    ({ task, enterprise }) =>
      (!filters.planId || task.planId === filters.planId) &&
      (!filters.departmentId || task.departmentIds.includes(filters.departmentId)) &&
      (!filters.districtCode || enterprise.districtCode === filters.districtCode) &&
      (!filters.status || task.status === filters.status) &&
      (!filters.riskClass || enterprise.riskClass === filters.riskClass) &&
      (!filters.overdueOnly || isOverdue(task, today)),
  );
}

export type ColourMode = 'status' | 'risk';

export const STATUS_COLOURS: Record<TaskStatus, string> = { assigned: '#8c8c8c', in_progress: '#1677ff', completed: '#389e0d' };
export const RISK_COLOURS: Record<RiskClass, string> = { A: '#389e0d', B: '#7cb305', C: '#d4b106', D: '#fa8c16', E: '#cf1322' };

/**
 * Slots of a cluster's mix (clusterIndex.ts): how many of its tasks have each status, then each risk class. Both colour
 * modes are counted at once, so switching the colour mode redraws without re-indexing.
 */
export const STATUS_SLOTS = taskStatusSchema.options.length;
export const MIX_SLOTS = STATUS_SLOTS + riskClassSchema.options.length;

/** Colour of each mix slot of the cluster index (clusterIndex.ts): the statuses, then the risk classes. */
export const SLOT_COLOURS: readonly string[] = [
  ...taskStatusSchema.options.map((s) => STATUS_COLOURS[s]),
  ...riskClassSchema.options.map((r) => RISK_COLOURS[r]),
];

/** The mix slots a colour mode shows, [from, to). */
export const slotRange = (mode: ColourMode): [number, number] => (mode === 'status' ? [0, STATUS_SLOTS] : [STATUS_SLOTS, MIX_SLOTS]);

/** The cluster index's input (clusterIndex.ts). */
export interface ClusterInput {
  /** Longitude and latitude of task i at 2i and 2i + 1. */
  coords: Float64Array;
  /** Mix slots of task i at 2i (its status) and 2i + 1 (its risk class). */
  slots: Uint8Array;
  /** MIX_SLOTS, passed along so that the worker needs no domain schemas. */
  mixSlots: number;
}

/** The points as the worker's compact input: coordinates and mix slots, in the order of `points`. */
export function clusterInputOf(points: readonly MapPoint[]): ClusterInput {
  const coords = new Float64Array(points.length * 2);
  const slots = new Uint8Array(points.length * 2);
  points.forEach(({ task, enterprise }, i) => {
    coords[2 * i] = enterprise.lng;
    coords[2 * i + 1] = enterprise.lat;
    slots[2 * i] = taskStatusSchema.options.indexOf(task.status);
    slots[2 * i + 1] = STATUS_SLOTS + riskClassSchema.options.indexOf(enterprise.riskClass);
  });
  return { coords, slots, mixSlots: MIX_SLOTS };
}
