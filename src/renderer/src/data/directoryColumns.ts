// The enterprise directory as columns: one array per field, a profile at the same position in each (strings in string
// arrays, numbers in typed arrays, the risk class and the credit flags a byte each). 1,000,000 profiles are a few dozen
// arrays rather than a million objects, load from their snapshot without building any, and are searched in place.
// Readers get an entry (an object) made on demand for the few positions they ask for.
import type { EnterpriseKey } from '@shared/domain/directory';
import type { DirectoryChunk, DirectoryEntry } from './enterpriseKeys';

export interface StringColumns {
  id: string[];
  name: string[];
  initials: string[];
  districtCode: string[];
  industry: string[];
}

export interface NumberColumns {
  /** The risk class letter's code. */
  riskClass: Uint8Array;
  /** Bits: 1 black-listed, 2 red-listed, 4 dishonest debtor. */
  flags: Uint8Array;
  penalties: Uint32Array;
  disputedPenalties: Uint32Array;
  lng: Float64Array;
  lat: Float64Array;
  chunk: Uint32Array;
  slot: Uint32Array;
}

/** Positions sorted by id (the USCC) and by pinyin initials, for prefix lookups by binary search. */
export interface SearchOrders {
  byId: Int32Array;
  byInitials: Int32Array;
}

const BLACK_LISTED = 1;
const RED_LISTED = 2;
const DISHONEST_DEBTOR = 4;

const STRING_FIELDS = ['id', 'name', 'initials', 'districtCode', 'industry'] as const satisfies readonly (keyof StringColumns)[];
const NUMBER_FIELDS = [
  'riskClass',
  'flags',
  'penalties',
  'disputedPenalties',
  'lng',
  'lat',
  'chunk',
  'slot',
] as const satisfies readonly (keyof NumberColumns)[];

function numberColumns(capacity: number): NumberColumns {
  return {
    riskClass: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
    penalties: new Uint32Array(capacity),
    disputedPenalties: new Uint32Array(capacity),
    lng: new Float64Array(capacity),
    lat: new Float64Array(capacity),
    chunk: new Uint32Array(capacity),
    slot: new Uint32Array(capacity),
  };
}

/** The same columns in arrays of `capacity`, the first `size` values copied. */
function resized(numbers: NumberColumns, size: number, capacity: number): NumberColumns {
  const copy = numberColumns(capacity);
  for (const field of NUMBER_FIELDS) copy[field].set(numbers[field].subarray(0, size));
  return copy;
}

/**
 * Positions of `values` sorted in code-unit order (as the prefix search compares). An Array of positions is sorted
 * rather than the typed array: about twice as fast at 100,000 values in V8.
 */
export function sortedOrder(values: readonly string[]): Int32Array {
  const positions = Array.from(values.keys());
  positions.sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return Int32Array.from(positions);
}

/** The first place in `order` (positions sorted by their values) whose value is not below `value`. */
export function lowerBound(values: readonly string[], order: Int32Array, value: string): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[order[mid]!]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function searchOrders({ id, initials }: Pick<StringColumns, 'id' | 'initials'>): SearchOrders {
  return { byId: sortedOrder(id), byInitials: sortedOrder(initials) };
}

/**
 * The live profiles of a directory. Folding a chunk writes a changed profile in its place and appends a new one; a
 * deleted profile's place is taken by the last one, so the columns stay dense (positions are not stable across chunks,
 * which is why the search orders are dropped when one is applied).
 */
export class DirectoryColumns {
  private constructor(
    readonly strings: StringColumns,
    private numbers: NumberColumns,
    private count: number,
    /** The search orders of the columns as they are, until a chunk changes them. */
    public orders?: SearchOrders,
  ) {}

  static empty(): DirectoryColumns {
    return new DirectoryColumns({ id: [], name: [], initials: [], districtCode: [], industry: [] }, numberColumns(0), 0);
  }

  /** Columns read from a snapshot, used as they are: the string arrays of equal length, each number column as long or longer. */
  static of(strings: StringColumns, numbers: NumberColumns, orders?: SearchOrders): DirectoryColumns {
    return new DirectoryColumns(strings, numbers, strings.id.length, orders);
  }

  /** Position by id, built when first needed: a cold start with its orders finds the few ids it asks for by binary search. */
  private index?: Map<string, number>;

  get size(): number {
    return this.count;
  }

  /** The number columns trimmed to the live profiles (copies: the columns change as chunks land). */
  numbersCopy(): NumberColumns {
    return resized(this.numbers, this.count, this.count);
  }

  /**
   * A copy to change while readers keep these columns as they are (see enterpriseDirectory.ts all()). The index moves to
   * the copy: these columns keep their orders, which is all their readers need.
   */
  copy(): DirectoryColumns {
    const strings = Object.fromEntries(STRING_FIELDS.map((field) => [field, this.strings[field].slice()])) as unknown as StringColumns;
    const copy = new DirectoryColumns(strings, resized(this.numbers, this.count, this.numbers.chunk.length), this.count, this.orders);
    copy.index = this.index;
    this.index = undefined;
    return copy;
  }

  /** The position of a profile, -1 when it is not in the directory. */
  private positionOf(id: string): number {
    if (!this.index && this.orders) {
      const { byId } = this.orders;
      const at = lowerBound(this.strings.id, byId, id);
      return at < byId.length && this.strings.id[byId[at]!] === id ? byId[at]! : -1;
    }
    return this.positions().get(id) ?? -1;
  }

  private positions(): Map<string, number> {
    if (!this.index) {
      const ids = this.strings.id;
      this.index = new Map();
      for (let i = 0; i < this.count; i++) this.index.set(ids[i]!, i);
    }
    return this.index;
  }

  /** The entry at a position, as a new object. */
  entry(position: number): DirectoryEntry {
    const { id, name, initials, districtCode, industry } = this.strings;
    const n = this.numbers;
    const flags = n.flags[position]!;
    return {
      id: id[position]!,
      name: name[position]!,
      initials: initials[position]!,
      districtCode: districtCode[position]!,
      riskClass: String.fromCharCode(n.riskClass[position]!) as EnterpriseKey['riskClass'],
      blackListed: (flags & BLACK_LISTED) !== 0,
      redListed: (flags & RED_LISTED) !== 0,
      dishonestDebtor: (flags & DISHONEST_DEBTOR) !== 0,
      penalties: n.penalties[position]!,
      disputedPenalties: n.disputedPenalties[position]!,
      industry: industry[position]!,
      lng: n.lng[position]!,
      lat: n.lat[position]!,
      slot: n.slot[position]!,
      chunk: n.chunk[position]!,
    };
  }

  /** The entries at positions `start` to `end`, as new objects. */
  entries(start = 0, end = this.count): DirectoryEntry[] {
    return Array.from({ length: end - start }, (_, i) => this.entry(start + i));
  }

  /** The entry of an id; undefined when it is not in the directory. */
  get(id: string): DirectoryEntry | undefined {
    const position = this.positionOf(id);
    return position < 0 ? undefined : this.entry(position);
  }

  /** Applies a directory chunk: later chunks win, deleted ids leave. */
  apply(chunk: DirectoryChunk): void {
    this.orders = undefined;
    const index = this.positions();
    for (const id of chunk.deleted) this.remove(index, id);
    for (const entry of JSON.parse(chunk.entries) as Omit<DirectoryEntry, 'chunk'>[]) {
      let position = index.get(entry.id);
      if (position === undefined) {
        position = this.count++;
        index.set(entry.id, position);
        if (position === this.numbers.chunk.length)
          this.numbers = resized(this.numbers, position, position + Math.max(position >> 3, 1024));
      }
      this.set(position, entry, chunk.id);
    }
  }

  private set(position: number, entry: Omit<DirectoryEntry, 'chunk'>, chunk: number): void {
    const s = this.strings;
    const n = this.numbers;
    s.id[position] = entry.id;
    s.name[position] = entry.name;
    s.initials[position] = entry.initials;
    s.districtCode[position] = entry.districtCode;
    s.industry[position] = entry.industry;
    n.riskClass[position] = entry.riskClass.charCodeAt(0);
    n.flags[position] =
      (entry.blackListed ? BLACK_LISTED : 0) | (entry.redListed ? RED_LISTED : 0) | (entry.dishonestDebtor ? DISHONEST_DEBTOR : 0);
    n.penalties[position] = entry.penalties;
    n.disputedPenalties[position] = entry.disputedPenalties;
    n.lng[position] = entry.lng;
    n.lat[position] = entry.lat;
    n.chunk[position] = chunk;
    n.slot[position] = entry.slot;
  }

  /** Removes an id: the last profile moves into its place. */
  private remove(index: Map<string, number>, id: string): void {
    const position = index.get(id);
    if (position === undefined) return;
    index.delete(id);
    const last = --this.count;
    if (position !== last) {
      for (const field of STRING_FIELDS) this.strings[field][position] = this.strings[field][last]!;
      for (const field of NUMBER_FIELDS) this.numbers[field][position] = this.numbers[field][last]!;
      index.set(this.strings.id[position]!, position);
    }
    for (const field of STRING_FIELDS) this.strings[field].pop();
  }

  /** The search orders, sorted once per state of the columns. */
  searchOrders(): SearchOrders {
    this.orders ??= searchOrders(this.strings);
    return this.orders;
  }
}
