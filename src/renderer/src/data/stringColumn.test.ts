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

  it('refuses a stored column whose offsets do not end with its text', () => {
    expect(() => StringColumn.packed({ text: 'abc', ends: Uint32Array.of(1, 2) })).toThrow(/does not end with its text/);
    expect(StringColumn.packed({ text: '', ends: new Uint32Array(0) }).length).toBe(0);
  });
});
