import { describe, expect, it } from 'vitest';
import type { Enterprise } from '@shared/domain/model';
import { task } from '../../testing/memoryServer';
import { filterTasks, type TaskFilter } from './taskFilter';

const enterprise = (id: string, name: string, districtCode: string) => ({ id, uscc: id, name, districtCode }) as Enterprise;
const rows = [
  { task: task('t-1', { enterpriseId: '91370602MA3C4XYZ0Q', officerIds: ['off-1', 'off-2'] }), enterprise: enterprise('91370602MA3C4XYZ0Q', '烟台海鲜酒楼有限公司', '370602') },
  { task: task('t-2', { enterpriseId: '91370681AAAAAAAA1X', officerIds: ['off-3', 'off-4'], status: 'completed' }), enterprise: enterprise('91370681AAAAAAAA1X', '龙口粉丝厂', '370681') },
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
