// One string field of the directory, position by position. As a snapshot stores it, the column is one text with the
// end of each value in it: a cold start reads five texts and five offset arrays instead of parsing a string per profile
// and field (500,000 strings at 100,000 profiles, which the garbage collector then copies twice), and reads the few
// values it needs by slicing, or searches the text for a fragment (find). Reading every value (a sort) adds an array of
// them; the first change drops the text; a column that stays as it is may keep both (keepPacked).
import { atOnce, inPieces, PIECE_MS } from './inPieces';

/** A column as the directory snapshot stores it: the values joined, and where each one ends. */
export interface PackedColumn {
  text: string;
  ends: Uint32Array;
}

export class StringColumn {
  /** How often the values were handed out to be changed (array()). */
  private handedOut = 0;

  /** The packing under way (keepPacked), which a second caller waits for. */
  private packing?: Promise<void>;

  private constructor(
    private packed: PackedColumn | undefined,
    private list: string[] | undefined,
    /** Maps a value sliced from the packed text to the string kept for it (see DirectoryColumns' shared values). */
    private readonly share: (value: string) => string = (value) => value,
  ) {}

  static of(values: string[]): StringColumn {
    return new StringColumn(undefined, values);
  }

  /** A stored column, trusted as it is only when its offsets fit its text; `share` maps each value read out of it. */
  static packed(column: PackedColumn, share?: (value: string) => string): StringColumn {
    const { text, ends } = column;
    if (ends.length > 0 && ends[ends.length - 1] !== text.length) throw new Error('a packed column does not end with its text');
    return new StringColumn(column, undefined, share);
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

  /** Every value, as an array nobody changes while this column stays as it is. */
  values(): readonly string[] {
    if (!this.list) {
      const { text, ends } = this.packed!;
      const list: string[] = [];
      let start = 0;
      for (const end of ends) {
        list.push(this.share(text.slice(start, end)));
        start = end;
      }
      this.list = list;
    }
    return this.list;
  }

  /** Every value as this column's own array, which its owner may change in place (the packed text then goes). */
  array(): string[] {
    this.values();
    this.packed = undefined;
    this.handedOut++;
    return this.list!;
  }

  /** The column as a snapshot stores it (made from the values when it is not packed, and not kept). */
  pack(): PackedColumn {
    return this.packed ?? atOnce(packing(this.list!));
  }

  /**
   * Keeps the column packed beside its values, made in pieces with a pause after every `pieceMs` of work, so that `find`
   * searches one text. For a column that stays as it is until its next change (array()).
   */
  keepPacked(pause: () => Promise<void>, pieceMs = PIECE_MS): Promise<void> {
    if (this.packed) return Promise.resolve();
    this.packing ??= (async () => {
      try {
        const handedOut = this.handedOut;
        const packed = await inPieces(packing(this.list!), pause, pieceMs);
        // Kept only if the values cannot have changed meanwhile.
        if (this.handedOut === handedOut) this.packed = packed;
      } finally {
        this.packing = undefined;
      }
    })();
    return this.packing;
  }

  /**
   * Visits the positions whose value holds `needle`, in order, each once, until `visit` returns false. A packed column
   * is searched as one text (V8's string search: some three times faster than searching each of 1,000,000 names in
   * turn), a match across two values skipped.
   */
  find(needle: string, visit: (position: number) => boolean): void {
    if (needle === '') {
      for (let i = 0; i < this.length; i++) if (!visit(i)) return;
      return;
    }
    if (!this.packed) {
      const list = this.list!;
      for (let i = 0; i < list.length; i++) if (list[i]!.includes(needle) && !visit(i)) return;
      return;
    }
    const { text, ends } = this.packed;
    for (let at = text.indexOf(needle); at >= 0;) {
      // The value holding the match's first character: the first that ends after it.
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ends[mid]! <= at) lo = mid + 1;
        else hi = mid;
      }
      if (at + needle.length > ends[lo]!) at = text.indexOf(needle, at + 1);
      else if (!visit(lo)) return;
      else at = text.indexOf(needle, ends[lo]!);
    }
  }

  /** A column to change while this one stays as it is: a packed text is shared, as nothing changes it. */
  copy(): StringColumn {
    return new StringColumn(this.packed, this.list?.slice(), this.share);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.values()[Symbol.iterator]();
  }
}

/** Values joined a piece at a time: 1,000,000 names joined at once take some 100 ms. */
const PACKED_PIECE = 65_536;

function* packing(list: readonly string[]): Generator<void, PackedColumn> {
  const ends = new Uint32Array(list.length);
  const pieces: string[] = [];
  let end = 0;
  for (let start = 0; start < list.length; start += PACKED_PIECE) {
    const stop = Math.min(start + PACKED_PIECE, list.length);
    for (let i = start; i < stop; i++) ends[i] = end += list[i]!.length;
    pieces.push(list.slice(start, stop).join(''));
    yield;
  }
  return { text: pieces.join(''), ends };
}
