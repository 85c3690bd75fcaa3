import { describe, expect, it } from 'vitest';
import { reconcileCheckItemIds, type CatalogueEntry } from './catalogue';

const catalogue = new Map<string, CatalogueEntry>([
  ['a', { departmentId: 'd', retired: false, added: false }],
  ['b', { departmentId: 'd', retired: true, added: false }],
  ['c', { departmentId: 'd', retired: false, added: true }],
  ['x', { departmentId: 'other', retired: true, added: false }],
]);
const result = (checkItemId: string) => ({ checkItemId, outcome: 'compliant' as const, note: '' });

describe('reconciling a draft with the catalogue', () => {
  it('drops a retired item without a result and adds a new item to a draft', () => {
    const sent = { checkItemIds: ['a', 'b'], itemResults: [result('a')], status: 'draft' as const };
    expect(reconcileCheckItemIds(['a', 'c'], sent, 'd', catalogue)).toEqual({ ok: true, checkItemIds: ['a', 'c'] });
  });

  it('keeps a retired item the officer recorded a result for', () => {
    const sent = { checkItemIds: ['a', 'b'], itemResults: [result('b')], status: 'draft' as const };
    expect(reconcileCheckItemIds(['a', 'c'], sent, 'd', catalogue)).toEqual({ ok: true, checkItemIds: ['a', 'c', 'b'] });
  });

  it('leaves new items out of a record completed before they existed', () => {
    const sent = { checkItemIds: ['a'], itemResults: [result('a')], status: 'completed' as const };
    expect(reconcileCheckItemIds(['a', 'c'], sent, 'd', catalogue)).toEqual({ ok: true, checkItemIds: ['a'] });
  });

  it('refuses items the catalogue does not explain', () => {
    const sent = { checkItemIds: ['a', 'x', 'zz'], itemResults: [], status: 'draft' as const };
    const reconciled = reconcileCheckItemIds(['a'], sent, 'd', catalogue);
    expect(reconciled.ok).toBe(false);
    expect(!reconciled.ok && reconciled.problems).toHaveLength(2);
  });

  it('refuses a draft leaving out an item the plan set', () => {
    const sent = { checkItemIds: ['c'], itemResults: [], status: 'draft' as const };
    expect(reconcileCheckItemIds(['a', 'c'], sent, 'd', catalogue).ok).toBe(false);
  });

  it('is the identity when nothing changed', () => {
    const sent = { checkItemIds: ['c', 'a'], itemResults: [], status: 'draft' as const };
    expect(reconcileCheckItemIds(['c', 'a'], sent, 'd', catalogue)).toEqual({ ok: true, checkItemIds: ['c', 'a'] });
  });
});
