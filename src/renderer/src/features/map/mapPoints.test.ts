import { describe, expect, it } from 'vitest';
import type { InspectionTask } from '@shared/domain/model';
import type { DirectoryEntry } from '../../data/enterpriseKeys';
import { task } from '../../../../../tests/support/memoryServer';
import {
  clusterInputOf,
  filterMapPoints,
  isOverdue,
  RISK_COLOURS,
  SLOT_COLOURS,
  slotRange,
  STATUS_COLOURS,
  type MapPoint,
} from './mapPoints';

const point = (id: string, patch: { task?: Partial<InspectionTask>; enterprise?: Partial<DirectoryEntry> } = {}): MapPoint => ({
  task: task(id, { planId: 'plan-1', departmentIds: ['dept-amr', 'dept-eco'], status: 'assigned', dueDate: '2026-12-31', ...patch.task }),
  enterprise: {
    id: `e-${id}`,
    name: id,
    lng: 121.4,
    lat: 37.5,
    districtCode: '370602',
    riskClass: 'C',
    ...patch.enterprise,
  } as DirectoryEntry,
});

describe('map points', () => {
  const points = [
    point('a'),
    point('b', { task: { planId: 'plan-2' }, enterprise: { districtCode: '370611', riskClass: 'E' } }),
    point('c', { task: { departmentIds: ['dept-tax'], status: 'completed', dueDate: '2026-01-01' } }),
    point('d', { task: { status: 'in_progress', dueDate: '2026-11-01' } }),
  ];
  const ids = (filters: Parameters<typeof filterMapPoints>[1]) => filterMapPoints(points, filters, '2026-11-28').map((p) => p.task.id);

  it('filters by plan, department, district, status, risk class and overdue, combined', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ planId: 'plan-2' })).toEqual(['b']);
    expect(ids({ departmentId: 'dept-tax' })).toEqual(['c']);
    expect(ids({ districtCode: '370602' })).toEqual(['a', 'c', 'd']);
    expect(ids({ status: 'in_progress' })).toEqual(['d']);
    expect(ids({ riskClass: 'E' })).toEqual(['b']);
    // A completed task is never overdue, whatever its due date.
    expect(ids({ overdueOnly: true })).toEqual(['d']);
    expect(ids({ districtCode: '370602', departmentId: 'dept-amr', overdueOnly: true })).toEqual(['d']);
    expect(isOverdue(points[3]!.task, '2026-11-01')).toBe(false);
  });

  it('hands the cluster worker coordinates and colour slots by status and by risk class', () => {
    const { coords, slots } = clusterInputOf([points[1]!, points[2]!]);
    expect([...coords]).toEqual([121.4, 37.5, 121.4, 37.5]);
    const colours = [...slots].map((slot) => SLOT_COLOURS[slot]);
    expect(colours).toEqual([STATUS_COLOURS.assigned, RISK_COLOURS.E, STATUS_COLOURS.completed, RISK_COLOURS.C]);
    // Each point's status slot lies in the status mode's range, its risk slot in the risk mode's.
    const within = ([from, to]: [number, number], slot: number) => slot >= from && slot < to;
    expect(within(slotRange('status'), slots[0]!) && within(slotRange('risk'), slots[1]!)).toBe(true);
    expect(within(slotRange('status'), slots[1]!) || within(slotRange('risk'), slots[0]!)).toBe(false);
  });
});
