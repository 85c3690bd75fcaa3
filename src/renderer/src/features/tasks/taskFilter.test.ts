import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../data/enterpriseKeys';
import { task } from '../../../../../tests/support/memoryServer';
import { dueState, filterTasks, sortTasks, type TaskFilter } from './taskFilter';

const enterprise = (id: string, name: string, districtCode: string) => ({ id, name, districtCode }) as DirectoryEntry;
const rows = [
  {
    task: task('t-1', { enterpriseId: '91370602MA3C4XYZ0Q', officerIds: ['off-1', 'off-2'] }),
    enterprise: enterprise('91370602MA3C4XYZ0Q', '烟台海鲜酒楼有限公司', '370602'),
  },
  {
    task: task('t-2', { enterpriseId: '91370681AAAAAAAA1X', officerIds: ['off-3', 'off-4'], status: 'completed' }),
    enterprise: enterprise('91370681AAAAAAAA1X', '龙口粉丝厂', '370681'),
  },
  { task: task('t-3', { enterpriseId: '91370683BBBBBBBB2Y', officerIds: ['off-1', 'off-4'] }), enterprise: undefined },
];
const none: TaskFilter = { text: '', districtCode: null, status: null, officerId: null };
const ids = (f: Partial<TaskFilter>) => filterTasks(rows, { ...none, ...f }).map((r) => r.task.id);

describe('filterTasks', () => {
  it('filters by officer, status, district and text (name or USCC, case-insensitive)', () => {
    expect(ids({})).toEqual(['t-1', 't-2', 't-3']);
    expect(ids({ officerId: 'off-1' })).toEqual(['t-1', 't-3']);
    expect(ids({ status: 'completed' })).toEqual(['t-2']);
    expect(ids({ districtCode: '370681' })).toEqual(['t-2']);
    expect(ids({ text: '海鲜' })).toEqual(['t-1']);
    expect(ids({ text: ' 91370683bbb ' })).toEqual(['t-3']);
    expect(ids({ text: '海鲜', status: 'completed' })).toEqual([]);
  });
});

describe('due, risk class and department filters, and sorting', () => {
  const row = (
    id: string,
    dueDate: string,
    riskClass: DirectoryEntry['riskClass'] | null,
    departmentIds: string[],
    status: 'assigned' | 'completed' = 'assigned',
  ) => ({
    task: task(id, { dueDate, departmentIds, status }),
    enterprise: riskClass ? ({ id, name: `企业${id}`, districtCode: '370602', riskClass } as DirectoryEntry) : undefined,
  });
  const today = '2025-06-10';
  const list = [
    row('a', '2025-06-09', 'B', ['dep-amr']),
    row('b', '2025-06-10', 'E', ['dep-amr', 'dep-tax']),
    row('c', '2025-06-16', 'A', ['dep-tax']),
    row('d', '2025-06-17', null, ['dep-eco']),
    row('e', '2025-06-01', 'D', ['dep-amr'], 'completed'),
  ];
  const pick = (f: Partial<TaskFilter>) => filterTasks(list, { ...none, ...f }, today).map((r) => r.task.id);

  it('tells overdue, due within 7 days and later apart; completed tasks are never overdue', () => {
    expect(list.map((r) => dueState(r, today))).toEqual(['overdue', 'due_soon', 'due_soon', 'later', null]);
    expect(pick({ due: 'overdue' })).toEqual(['a']);
    expect(pick({ due: 'due_soon' })).toEqual(['b', 'c']);
  });

  it('filters by risk class and participating department', () => {
    expect(pick({ riskClass: 'E' })).toEqual(['b']);
    expect(pick({ departmentId: 'dep-tax' })).toEqual(['b', 'c']);
    expect(pick({ departmentId: 'dep-amr', due: 'overdue' })).toEqual(['a']);
  });

  it('sorts by due date either way, by risk (highest first, unknown last) and by name', () => {
    expect(sortTasks(list, 'due_asc').map((r) => r.task.id)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(sortTasks(list, 'due_desc').map((r) => r.task.id)).toEqual(['d', 'c', 'b', 'a', 'e']);
    expect(sortTasks(list, 'risk_desc').map((r) => r.task.id)).toEqual(['b', 'e', 'a', 'c', 'd']);
  });
});

describe('plans and new tasks', () => {
  const row = (id: string, planId: string, dueDate: string, isNew = false) => ({
    task: task(id, { planId, dueDate }),
    enterprise: undefined,
    planName: planId,
    isNew,
  });
  const rows = [row('old-1', 'p1', '2026-12-10'), row('new-1', 'p2', '2027-03-31', true), row('old-2', 'p1', '2026-12-20')];

  it('filters by plan', () => {
    expect(filterTasks(rows, { ...none, planId: 'p1' }).map((r) => r.task.id)).toEqual(['old-1', 'old-2']);
  });

  it('puts tasks new since the last sync first in every order, though they are due last', () => {
    for (const sort of ['due_asc', 'due_desc', 'risk_desc', 'name'] as const) expect(sortTasks(rows, sort)[0]!.task.id).toBe('new-1');
    expect(sortTasks(rows, 'due_asc').map((r) => r.task.id)).toEqual(['new-1', 'old-1', 'old-2']);
  });
});
