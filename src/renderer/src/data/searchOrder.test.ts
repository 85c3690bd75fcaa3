import { describe, expect, it } from 'vitest';
import { KeptOrder, sortedOrder } from './searchOrder';
import { StringColumn } from './stringColumn';
import { seededRandom as random } from '../../../../tests/support/seededRandom';

/** Values of a few letters from a small alphabet: many are equal, some a prefix of others. */
const valueOf = (pick: (n: number) => number) => Array.from({ length: 1 + pick(4) }, () => 'ABCY'[pick(4)]).join('');

/** A column of `count` values, every position noted as changed, as a first fold leaves it. */
function column(seed: number, count: number) {
  const pick = random(seed);
  const values = Array.from({ length: count }, () => valueOf(pick));
  const order = KeptOrder.of(new Int32Array(0));
  for (let position = 0; position < count; position++) order.note(position);
  return { values, order, pick };
}

/** Changes `changes` values, removes the last `removed` and appends `added`, noting each position as the columns do. */
function change(values: string[], order: KeptOrder, pick: (n: number) => number, changes: number, removed: number, added: number) {
  for (let i = 0; i < changes; i++) {
    const position = pick(values.length);
    values[position] = valueOf(pick);
    order.note(position);
  }
  for (let i = 0; i < removed; i++) order.note(values.length - 1 - i);
  values.length -= removed;
  for (let i = 0; i < added; i++) {
    order.note(values.length);
    values.push(valueOf(pick));
  }
}

describe('kept search order', () => {
  it('is the order of a stable sort after every value came at once, sorted in runs merged in pairs', () => {
    for (const count of [0, 1, 4096, 4097, 30_000]) {
      const { values, order } = column(count, count);
      order.updateNow(StringColumn.of(values), count);
      expect(order.view()).toEqual(sortedOrder(values));
    }
  });

  it('stays that order as values change, leave and come, a few at a time or many', () => {
    const { values, order, pick } = column(5, 20_000);
    order.updateNow(StringColumn.of(values), values.length);
    for (const [changes, removed, added] of [
      [10, 0, 0],
      [0, 0, 1000],
      [300, 200, 0],
      [2000, 5000, 3000],
      [0, 0, 0],
      [6000, 0, 100],
    ] as const) {
      change(values, order, pick, changes, removed, added);
      order.updateNow(StringColumn.of(values), values.length);
      expect(order.view()).toEqual(sortedOrder(values));
    }
  });

  it('is sorted in pieces with pauses between them, and a copy made meanwhile starts from its result', async () => {
    const { values, order, pick } = column(9, 30_000);
    let pauses = 0;
    const pause = () => new Promise<void>((resolve) => setTimeout(() => resolve(void pauses++), 0));
    // A pause after every piece: the copy below is made while the order is being sorted.
    const sorted = order.update(StringColumn.of(values), values.length, pause, 0);
    expect(order.current).toBe(false);
    expect(() => order.view()).toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));

    const copy = order.copy();
    const copied = values.slice();
    change(copied, copy, pick, 50, 10, 20);
    await sorted;
    expect(pauses).toBeGreaterThan(0);
    expect(order.view()).toEqual(sortedOrder(values));
    await copy.update(StringColumn.of(copied), copied.length, pause, 0);
    expect(copy.view()).toEqual(sortedOrder(copied));
    expect(order.view()).toEqual(sortedOrder(values));
  });
});
