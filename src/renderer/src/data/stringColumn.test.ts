import { describe, expect, it } from 'vitest';
import { StringColumn } from './stringColumn';

// Values as a directory holds them: empty ones, CJK (one code unit each), a character outside the BMP (two), equal ones.
const VALUES = ['91370602MA3C4XYZ1A', '', '烟台𠀀海鲜有限公司', 'ytsx', 'ytsx', '餐饮业'];

describe('string column', () => {
  it('reads each value of its packed text as the array it was packed from, and packs back to the same text', () => {
    const packed = StringColumn.of([...VALUES]).pack();
    expect(packed.text).toBe(VALUES.join(''));
    const column = StringColumn.packed(structuredClone(packed));
    expect(column.length).toBe(VALUES.length);
    expect(VALUES.map((_, i) => column.at(i))).toEqual(VALUES);
    expect([column.at(-1), column.at(VALUES.length)]).toEqual([undefined, undefined]);
    expect(column.pack()).toEqual(packed);
    expect([...column]).toEqual(VALUES);
    expect(column.pack()).toEqual(packed);
  });

  it('tells whether a value starts with a prefix without reaching into the next value', () => {
    for (const column of [StringColumn.packed(StringColumn.of([...VALUES]).pack()), StringColumn.of([...VALUES])]) {
      expect(column.startsWith(0, '91370602')).toBe(true);
      expect(column.startsWith(1, '')).toBe(true);
      // '' + the next value would start with '烟', but the empty value does not.
      expect(column.startsWith(1, '烟')).toBe(false);
      expect(column.startsWith(2, '烟台𠀀')).toBe(true);
      expect(column.startsWith(3, 'ytsxy')).toBe(false);
      expect(column.startsWith(5, '餐饮业')).toBe(true);
    }
  });

  it('changes in an array of its own, leaving a copy made before as it was', () => {
    const column = StringColumn.packed(StringColumn.of([...VALUES]).pack());
    const copy = column.copy();
    column.array()[0] = 'changed';
    column.array().pop();
    expect(column.length).toBe(VALUES.length - 1);
    expect(column.at(0)).toBe('changed');
    expect([...copy]).toEqual(VALUES);
    copy.array().push('added');
    expect(copy.at(VALUES.length)).toBe('added');
    expect(column.length).toBe(VALUES.length - 1);
  });

  it('finds the values holding a fragment in order, each once, packed or not, never across two values', () => {
    const values = ['烟台海鲜', '', '海鲜海鲜', '台海', '鲜烟', 'ytsx', '台'];
    const found = (column: StringColumn, needle: string, stopAfter = Infinity) => {
      const positions: number[] = [];
      column.find(needle, (position) => positions.push(position) < stopAfter);
      return positions;
    };
    const list = StringColumn.of([...values]);
    const packed = StringColumn.packed(StringColumn.of([...values]).pack());
    for (const column of [list, packed]) {
      // '台海' + '鲜烟' would hold '海鲜', and '鲜烟' + 'ytsx' '烟y': neither is in one value.
      expect(found(column, '海鲜')).toEqual([0, 2]);
      expect(found(column, '烟y')).toEqual([]);
      expect(found(column, '台海')).toEqual([0, 3]);
      expect(found(column, '台')).toEqual([0, 3, 6]);
      expect(found(column, '台', 2)).toEqual([0, 3]);
      expect(found(column, 'sx')).toEqual([5]);
    }
    expect(found(StringColumn.of([]), '台')).toEqual([]);
    // Every value holds the empty fragment, as String.includes says.
    expect(found(packed, '')).toEqual(values.map((_, i) => i));
    expect(found(packed, '', 2)).toEqual([0, 1]);
  });

  it('keeps its packed text beside its values until it changes', async () => {
    const column = StringColumn.of([...VALUES]);
    let pauses = 0;
    await column.keepPacked(async () => void pauses++, 0);
    expect(column.pack()).toEqual(StringColumn.of([...VALUES]).pack());
    expect(column.values()).toEqual(VALUES);
    expect(column.pack()).toBe(column.pack());
    // A change drops the packed text, which would no longer match.
    column.array()[3] = 'changed';
    expect(column.pack().text).toBe(VALUES.map((v, i) => (i === 3 ? 'changed' : v)).join(''));
    expect(column.pack()).not.toBe(column.pack());
    // Two callers at once: one packing, which both wait for.
    const twice = StringColumn.of(Array.from({ length: 200_000 }, (_, i) => String(i)));
    pauses = 0;
    await Promise.all([0, 1].map(() => twice.keepPacked(async () => void pauses++, 0)));
    expect(pauses).toBe(4);
    expect(twice.pack()).toBe(twice.pack());
    // Packed in pieces (a pause after each here); a change meanwhile leaves nothing packed.
    const many = StringColumn.of(Array.from({ length: 200_000 }, (_, i) => String(i)));
    pauses = 0;
    await many.keepPacked(async () => {
      pauses++;
      many.array()[0] = 'changed';
    }, 0);
    expect(pauses).toBe(4);
    expect(many.pack()).not.toBe(many.pack());
    expect(many.pack().text.startsWith('changed1')).toBe(true);
  });

  it('maps each value read out of a stored column through its share function, copies too', () => {
    const shared = (value: string) => (value === 'ytsx' ? 'YTSX' : value);
    const column = StringColumn.packed(StringColumn.of([...VALUES]).pack(), shared);
    expect(column.values()).toEqual(VALUES.map(shared));
    expect(
      StringColumn.packed(StringColumn.of([...VALUES]).pack(), shared)
        .copy()
        .values(),
    ).toEqual(VALUES.map(shared));
  });

  it('refuses a stored column whose offsets do not end with its text', () => {
    expect(() => StringColumn.packed({ text: 'abc', ends: Uint32Array.of(1, 2) })).toThrow(/does not end with its text/);
    expect(StringColumn.packed({ text: '', ends: new Uint32Array(0) }).length).toBe(0);
  });
});
