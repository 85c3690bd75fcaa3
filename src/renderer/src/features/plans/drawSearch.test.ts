import { describe, expect, it } from 'vitest';
import type { DrawView } from '@shared/api/plans';
import { searchTeams } from './drawSearch';

const team = (enterpriseName: string, enterpriseId: string, ...officers: [string, string][]): DrawView['teams'][number] => ({
  taskId: `plan-${enterpriseId}`,
  enterpriseId,
  enterpriseName,
  districtCode: '370602',
  officers: officers.map(([name, username]) => ({ id: `off-${username}`, name, username, departmentId: 'dept-amr' })),
});

const teams = [
  team('烟台福山食品有限公司', '91370611MA3C000001', ['王芳', 'inspector01'], ['李强', 'inspector02']),
  team('芝罘区海鲜餐馆', '92370602MA3C000002', ['张伟', 'inspector03'], ['李强', 'inspector02']),
];

describe('draw result search', () => {
  it('finds teams by an officer’s name or user name, and by the enterprise’s name or USCC', () => {
    expect(searchTeams(teams, '李强')).toHaveLength(2);
    expect(searchTeams(teams, 'INSPECTOR03').map((t) => t.enterpriseName)).toEqual(['芝罘区海鲜餐馆']);
    expect(searchTeams(teams, '福山').map((t) => t.enterpriseName)).toEqual(['烟台福山食品有限公司']);
    expect(searchTeams(teams, '92370602')).toHaveLength(1);
    // Every word must match: an officer's tasks in one district.
    expect(searchTeams(teams, 'inspector02 海鲜')).toHaveLength(1);
    expect(searchTeams(teams, '  ')).toBe(teams);
    expect(searchTeams(teams, '赵')).toEqual([]);
  });
});
