// Positions of a string column in the order of their values (code-unit order, as the prefix search compares; equal
// values by position, as a stable sort leaves them), kept as the column changes. Sorting 1,000,000 values takes some
// 1.5 s of CPU, so it is done only when many changed (a first sync), in pieces the caller can pause between; a few
// changes are put in their places by binary search.
import { atOnce, inPieces, PIECE_MS } from './inPieces';

/** Values compared between pauses: each piece of sorting or merging takes a few milliseconds. */
const RUN = 4096;
const MERGED = 32_768;
const INSERTED = 1024;

const byValue = (values: readonly string[]) => (a: number, b: number) => {
  const x = values[a]!;
  const y = values[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Positions of `values` sorted in code-unit order. An Array of positions is sorted rather than the typed array: about
 * twice as fast at 100,000 values in V8.
 */
export function sortedOrder(values: readonly string[]): Int32Array {
  return Int32Array.from(Array.from(values.keys()).sort(byValue(values)));
}

/** A column's values by position: an array, or a string column that slices the few values asked for. */
interface Values {
  at(position: number): string | undefined;
}

/** A column that hands over every value as an array when a sort needs them all. */
interface Column {
  values(): readonly string[];
}

/** The first place in `order` (positions sorted by their values) whose value is not below `value`. */
export function lowerBound(values: Values, order: Int32Array, value: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values.at(order[mid]!)! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `positions` (ascending) sorted by their values, stably: runs sorted apart, then merged in pairs. Yields between
 * pieces of some milliseconds.
 */
function* sorting(values: readonly string[], positions: Int32Array): Generator<void, Int32Array> {
  const n = positions.length;
  let from = new Int32Array(n);
  for (let start = 0; start < n; start += RUN) {
    from.set(Array.from(positions.subarray(start, start + RUN)).sort(byValue(values)), start);
    yield;
  }
  let to = new Int32Array(n);
  let merged = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(left + width, n);
      const right = Math.min(left + 2 * width, n);
      let i = left;
      let j = middle;
      let out = left;
      while (i < middle && j < right) {
        const a = from[i]!;
        const b = from[j]!;
        // Equal values: the left one first, as it was first in `positions`.
        if (values[b]! < values[a]!) {
          to[out++] = b;
          j++;
        } else {
          to[out++] = a;
          i++;
        }
        if (++merged === MERGED) {
          merged = 0;
          yield;
        }
      }
      to.set(from.subarray(i, middle), out);
      to.set(from.subarray(j, right), out + middle - i);
    }
    [from, to] = [to, from];
  }
  return from;
}

const NONE = new Int32Array(0);

/**
 * A search order over a column that changes: the positions whose value changed (or that came or left) are noted, and
 * the order is brought up to date when it is read. Few changes (a pull's) leave the order and are put back in their
 * places by binary search; many (a quarter of the positions or more) mean sorting every value again.
 */
export class KeptOrder {
  /** Positions changed since the order was right, until more changed than it holds: then every one is sorted. */
  private changed = new Set<number>();
  private everything = false;
  /** The order being brought up to date in pieces (the column stays as it is meanwhile), and its length then. */
  private building?: Promise<KeptOrder>;
  private built = 0;

  private constructor(
    private buffer: Int32Array,
    private length: number,
    /** The order this one was copied from while it was being brought up to date: this one starts from its result. */
    private before?: Promise<KeptOrder>,
  ) {}

  static of(order: Int32Array): KeptOrder {
    return new KeptOrder(order, order.length);
  }

  note(position: number): void {
    if (this.everything) return;
    this.changed.add(position);
    // A first fold notes every position: not kept one by one (some 20 MB at 1,000,000).
    if (this.changed.size > this.length) {
      this.everything = true;
      this.changed.clear();
    }
  }

  get current(): boolean {
    return this.changed.size === 0 && !this.everything && !this.building && !this.before;
  }

  /** The positions in order (a view, as long as the column stays as it is): the order must be current. */
  view(): Int32Array {
    if (!this.current) throw new Error('the search order is not up to date');
    return this.buffer.subarray(0, this.length);
  }

  copy(): KeptOrder {
    const copy = this.building
      ? new KeptOrder(NONE, this.built, this.building)
      : new KeptOrder(this.before ? NONE : this.buffer.slice(0, this.length), this.length, this.before);
    for (const position of this.changed) copy.changed.add(position);
    copy.everything = this.everything;
    return copy;
  }

  /**
   * Brings the order up to date with the `count` first values, which stay as they are until it resolves, pausing
   * after every `pieceMs` of work.
   */
  update(column: Column, count: number, pause: () => Promise<void>, pieceMs = PIECE_MS): Promise<void> {
    if (this.current) return Promise.resolve();
    if (!this.building) this.built = count;
    this.building ??= (async () => {
      try {
        if (this.before) {
          const base = await this.before;
          this.buffer = base.buffer.slice(0, base.length);
          this.length = base.length;
          this.before = undefined;
        }
        await inPieces(this.steps(column.values(), count), pause, pieceMs);
        return this;
      } finally {
        this.building = undefined;
      }
    })();
    return this.building.then(() => undefined);
  }

  /** The same at once, for a caller that cannot wait (none may be under way). */
  updateNow(column: Column, count: number): void {
    if (this.building || this.before) throw new Error('the search order is being brought up to date');
    // A current order needs no value: a column loaded from a snapshot is not read into a million strings.
    if (this.current) return;
    atOnce(this.steps(column.values(), count));
  }

  private *steps(values: readonly string[], count: number): Generator<void, void> {
    const changed = Int32Array.from(this.changed).sort();
    const everything = this.everything;
    this.changed = new Set();
    this.everything = false;
    if (everything || changed.length * 4 > count) {
      const every = new Int32Array(count);
      for (let position = 0; position < count; position++) every[position] = position;
      this.buffer = yield* sorting(values, every);
      this.length = count;
      return;
    }
    let kept = this.length;
    if (changed.length > 0 && changed[0]! < this.length) {
      const leaving = new Uint8Array(this.length);
      for (const position of changed) if (position < this.length) leaving[position] = 1;
      kept = 0;
      for (let i = 0; i < this.length; i++) {
        const position = this.buffer[i]!;
        if (leaving[position] === 0) this.buffer[kept++] = position;
      }
    }
    let live = changed.length;
    while (live > 0 && changed[live - 1]! >= count) live--;
    const coming = yield* sorting(values, changed.subarray(0, live));
    if (count > this.buffer.length) {
      const grown = new Int32Array(count + Math.max(count >> 3, 1024));
      grown.set(this.buffer.subarray(0, kept));
      this.buffer = grown;
    }
    // From the last: each goes after every kept position sorting before it; the kept ones after it move up.
    let end = kept;
    for (let i = coming.length - 1; i >= 0; i--) {
      const position = coming[i]!;
      const value = values[position]!;
      let lo = 0;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const other = this.buffer[mid]!;
        const v = values[other]!;
        if (v < value || (v === value && other < position)) lo = mid + 1;
        else hi = mid;
      }
      this.buffer.copyWithin(lo + i + 1, lo, end);
      this.buffer[lo + i] = position;
      end = lo;
      if (i % INSERTED === 0) yield;
    }
    this.length = kept + coming.length;
  }
}
