// One string field of the directory, position by position. As a snapshot stores it, the column is one text with the
// end of each value in it: a cold start reads five texts and five offset arrays instead of parsing a string per profile
// and field (500,000 strings at 100,000 profiles, which the garbage collector then copies twice), and reads the few
// values it needs by slicing. The first change, or a scan of every value, turns it into an array of its own.

/** A column as the directory snapshot stores it: the values joined, and where each one ends. */
export interface PackedColumn {
  text: string;
  ends: Uint32Array;
}

export class StringColumn {
  private constructor(
    private packed: PackedColumn | undefined,
    private list: string[] | undefined,
  ) {}

  static of(values: string[]): StringColumn {
    return new StringColumn(undefined, values);
  }

  /** A stored column, trusted as it is only when its offsets fit its text. */
  static packed(column: PackedColumn): StringColumn {
    const { text, ends } = column;
    if (ends.length > 0 && ends[ends.length - 1] !== text.length) throw new Error('a packed column does not end with its text');
    return new StringColumn(column, undefined);
  }

  get length(): number {
    return this.list ? this.list.length : this.packed!.ends.length;
  }

  at(position: number): string | undefined {
    if (this.list) return this.list[position];
    const { text, ends } = this.packed!;
    if (position < 0 || position >= ends.length) return undefined;
    return text.slice(position === 0 ? 0 : ends[position - 1], ends[position]);
  }

  /** Whether the value at a position starts with `prefix`, without slicing it out of a packed text. */
  startsWith(position: number, prefix: string): boolean {
    if (this.list) return this.list[position]!.startsWith(prefix);
    const { text, ends } = this.packed!;
    const start = position === 0 ? 0 : ends[position - 1]!;
    return ends[position]! - start >= prefix.length && text.startsWith(prefix, start);
  }

  /** Every value as this column's own array, which its owner may change in place. */
  array(): string[] {
    if (!this.list) {
      const { text, ends } = this.packed!;
      const list: string[] = [];
      let start = 0;
      for (const end of ends) {
        list.push(text.slice(start, end));
        start = end;
      }
      this.list = list;
      this.packed = undefined;
    }
    return this.list;
  }

  /** The column as a snapshot stores it. */
  pack(): PackedColumn {
    if (this.packed) return this.packed;
    const list = this.list!;
    const ends = new Uint32Array(list.length);
    let end = 0;
    for (let i = 0; i < list.length; i++) ends[i] = end += list[i]!.length;
    return { text: list.join(''), ends };
  }

  /** A column to change while this one stays as it is: a packed text is shared, as nothing changes it. */
  copy(): StringColumn {
    return new StringColumn(this.packed, this.list?.slice());
  }

  [Symbol.iterator](): Iterator<string> {
    return this.array()[Symbol.iterator]();
  }
}
