import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../data/enterpriseKeys';
import type { ReferenceData } from '../data/referenceRepository';
import { task } from '../../../../tests/support/memoryServer';
import { shareTaskList, type TaskList } from './shareTaskList';

const reference = (name = '市场监管') =>
  ({ departments: new Map([['d-1', { id: 'd-1', name }]]), units: new Map(), officers: new Map() }) as unknown as ReferenceData;
const enterprise = (id: string, name: string) => ({ id, name, districtCode: '370602', riskClass: 'C' }) as DirectoryEntry;
// A fresh read: new objects with the same content, as every live-query run returns.
const read = (names: Record<string, string | undefined>, ref = reference()): TaskList => ({
  rows: Object.entries(names).map(([id, name]) => ({
    task: task(id, { enterpriseId: `e-${id}` }),
    enterprise: name === undefined ? undefined : enterprise(`e-${id}`, name),
  })),
  reference: ref,
});

describe('shareTaskList', () => {
  it('keeps the previous list when a re-read changed nothing', () => {
    const first = read({ a: '甲', b: '乙' });
    expect(shareTaskList(first, read({ a: '甲', b: '乙' }))).toBe(first);
    expect(shareTaskList(undefined, first)).toBe(first);
  });

  it('keeps unchanged rows and takes changed, new and moved ones', () => {
    const first = read({ a: '甲', b: undefined });
    const next = shareTaskList(first, read({ c: '丙', a: '甲', b: '乙' }));
    expect(next).not.toBe(first);
    expect(next.rows.map((r) => r.task.id)).toEqual(['c', 'a', 'b']);
    expect(next.rows[1]).toBe(first.rows[0]);
    expect(next.rows[2]).not.toBe(first.rows[1]);
    expect(next.rows[2]?.enterprise?.name).toBe('乙');
    expect(next.reference).toBe(first.reference);
    // The same rows in another order, or one row fewer, is a change too.
    const moved = shareTaskList(first, read({ b: undefined, a: '甲' }));
    expect(moved.rows).toEqual([first.rows[1], first.rows[0]]);
    expect(moved).not.toBe(first);
    expect(shareTaskList(first, read({ a: '甲' })).rows).toEqual([first.rows[0]]);
  });

  it('shares nothing when the reference data changed (department names are in the rows)', () => {
    const first = read({ a: '甲' });
    const renamed = read({ a: '甲' }, reference('食品安全'));
    expect(shareTaskList(first, renamed)).toBe(renamed);
  });
});
