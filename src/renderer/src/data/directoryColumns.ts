// The enterprise directory as columns: one per field, a profile at the same position in each (strings in string
// columns, see stringColumn.ts, numbers in typed arrays, the risk class and the credit flags a byte each). 1,000,000
// profiles are a few dozen arrays rather than a million objects, load from their snapshot without building any, and
// are searched in place. Readers get an entry (an object) made on demand for the few positions they ask for.
import type { EnterpriseKey, ProfileEntry } from '@shared/domain/directory';
import type { DirectoryEntry } from './enterpriseKeys';
import { KeptOrder, lowerBound, sortedOrder } from './searchOrder';
import { StringColumn, type PackedColumn } from './stringColumn';

export { lowerBound } from './searchOrder';

export interface StringColumns {
  id: StringColumn;
  name: StringColumn;
  initials: StringColumn;
  districtCode: StringColumn;
  industry: StringColumn;
}

/** The string columns as the directory snapshot stores them. */
export type PackedStrings = Record<keyof StringColumns, PackedColumn>;

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

/**
 * A directory chunk's entries as it is stored: a column per field, the entry at slot i at index i of each, the numbers
 * coded as in NumberColumns. Read back, a chunk is a few arrays, not one JSON text to parse: at 1,000 entries that text
 * was some 1 MB (two bytes a character, the names being Chinese), too large for V8's young generation, so the thousand
 * a city-wide first sync reads stayed in the window's heap until a full collection.
 */
export type ChunkColumns = Record<keyof StringColumns, string[]> & Omit<NumberColumns, 'chunk' | 'slot'>;

/** The columns of a chunk's entries, which must be at their slots (entry i at slot i). */
export function chunkColumnsOf(entries: readonly ProfileEntry[]): ChunkColumns {
  const n = entries.length;
  // The chunk is the row's id, and an entry's slot its index.
  const { chunk: _chunk, slot: _slot, ...numbers } = numberColumns(n);
  const columns: ChunkColumns = {
    ...(Object.fromEntries(STRING_FIELDS.map((field) => [field, new Array<string>(n)])) as Record<keyof StringColumns, string[]>),
    ...numbers,
  };
  entries.forEach((entry, slot) => {
    if (entry.slot !== slot) throw new Error(`the entry of ${entry.id} is at slot ${entry.slot}, not ${slot}`);
    for (const field of STRING_FIELDS) columns[field][slot] = entry[field];
    columns.riskClass[slot] = entry.riskClass.charCodeAt(0);
    columns.flags[slot] =
      (entry.blackListed ? BLACK_LISTED : 0) | (entry.redListed ? RED_LISTED : 0) | (entry.dishonestDebtor ? DISHONEST_DEBTOR : 0);
    columns.penalties[slot] = entry.penalties;
    columns.disputedPenalties[slot] = entry.disputedPenalties;
    columns.lng[slot] = entry.lng;
    columns.lat[slot] = entry.lat;
  });
  return columns;
}

/**
 * A directory chunk as stored (a row of directoryChunks): the compact keys of one chunk of profiles (see ProfileBlock in
 * enterpriseKeys.ts) and the ids the same batch of changes deleted.
 */
export interface DirectoryChunk {
  id: number;
  epoch: number;
  /** The chunk's entries (without `chunk`, the row's id; the slot is the index), read without parsing. */
  columns: ChunkColumns;
  /** How many entries: chunks below a full page make up the overlay that compaction folds back. */
  size: number;
  deleted: string[];
}

/** The directory chunk of chunk `id`: its entries (each at its slot) and the ids the same batch of changes deleted. */
export function directoryChunkOf(id: number, epoch: number, entries: readonly ProfileEntry[], deleted: string[]): DirectoryChunk {
  return { id, epoch, columns: chunkColumnsOf(entries), size: entries.length, deleted };
}

/** Distinct values kept by sharedValue: district codes and industries are a few dozen. */
const SHARED_VALUES = 4096;
const sharedValues = new Map<string, string>();

/**
 * One string for every profile holding the same district code or industry: a stored chunk's strings come back from
 * IndexedDB as new ones, and so do the values sliced out of a snapshot's text, which at 1,000,000 profiles would be a
 * million of each in the window's heap.
 */
function sharedValue(value: string): string {
  const known = sharedValues.get(value);
  if (known !== undefined) return known;
  if (sharedValues.size < SHARED_VALUES) sharedValues.set(value, value);
  return value;
}

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

const stringColumns = (column: (field: keyof StringColumns) => StringColumn) =>
  Object.fromEntries(STRING_FIELDS.map((field) => [field, column(field)])) as unknown as StringColumns;

/** Stored string columns, each checked against its text and all of one length. */
export function unpackedStrings(packed: PackedStrings): StringColumns {
  const strings = stringColumns((field) =>
    StringColumn.packed(packed[field], field === 'districtCode' || field === 'industry' ? sharedValue : undefined),
  );
  if (STRING_FIELDS.some((field) => strings[field].length !== strings.id.length)) throw new Error('stored string columns differ in length');
  return strings;
}

export function searchOrders({ id, initials }: Pick<StringColumns, 'id' | 'initials'>): SearchOrders {
  return { byId: sortedOrder(id.values()), byInitials: sortedOrder(initials.values()) };
}

/** A 32-bit hash of an id (FNV-1a, then murmur3's finaliser so that the low bits a table uses are mixed). */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const EMPTY = -1;

/** The index's shard of a hash: its top 8 bits (a table's slots use its low bits). */
const shardOf = (hash: number): number => hash >>> 24;

/**
 * Positions by id: 256 open-addressing tables (linear probing) of positions in the id column, each at most half full.
 * At 1,000,000 ids in V8 the whole is built in about a quarter of a Map's time and holds 8 MB against some 28 MB. In
 * shards because a table that fills up is rebuilt at twice its size: one table rebuilt at 524,288 ids took some 150 ms
 * of a first sync's window (and twice that at the next doubling), a shard takes a 256th of that.
 */
class IdIndex {
  private readonly shards: IdTable[];

  /** Every position of `ids` below `count` (ids unique). */
  constructor(ids: readonly string[], count: number) {
    // Each id hashed once: the counts size the tables, then the positions go in.
    const hashes = new Uint32Array(count);
    const counts = new Int32Array(256);
    for (let position = 0; position < count; position++) {
      hashes[position] = hashOf(ids[position]!);
      counts[shardOf(hashes[position]!)]!++;
    }
    this.shards = Array.from(counts, (shardCount) => new IdTable(shardCount));
    for (let position = 0; position < count; position++) this.shard(hashes[position]!).place(hashes[position]!, position);
  }

  private shard(hash: number): IdTable {
    return this.shards[shardOf(hash)]!;
  }

  /** The position of an id, -1 when it has none. */
  get(ids: readonly string[], id: string): number {
    const hash = hashOf(id);
    return this.shard(hash).get(ids, id, hash);
  }

  /** Sets the position of an id, which `ids` may not hold yet when it is new. */
  set(ids: readonly string[], id: string, position: number): void {
    const hash = hashOf(id);
    this.shard(hash).set(ids, id, hash, position);
  }

  /** Removes an id. */
  delete(ids: readonly string[], id: string): void {
    const hash = hashOf(id);
    this.shard(hash).delete(ids, id, hash);
  }
}

/** One shard of an IdIndex: positions in slots by their id's hash, at most half full. */
class IdTable {
  private slots: Int32Array;
  private used: number;

  constructor(count: number) {
    this.slots = IdTable.table(count);
    this.used = count;
  }

  private static table(count: number): Int32Array {
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    return new Int32Array(capacity).fill(EMPTY);
  }

  /** Puts a position in the first free slot from its hash's (the id is not in the table). */
  place(hash: number, position: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = position;
  }

  /** The slot holding the id's position, or the free slot where its probe ends. */
  private slotOf(ids: readonly string[], id: string, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let at = this.slots[slot]!; at !== EMPTY && ids[at] !== id; at = this.slots[slot]!) slot = (slot + 1) & mask;
    return slot;
  }

  get(ids: readonly string[], id: string, hash: number): number {
    return this.slots[this.slotOf(ids, id, hash)]!;
  }

  set(ids: readonly string[], id: string, hash: number, position: number): void {
    const slot = this.slotOf(ids, id, hash);
    if (this.slots[slot] !== EMPTY) {
      this.slots[slot] = position;
      return;
    }
    if (++this.used * 2 > this.slots.length) {
      const old = this.slots;
      this.slots = IdTable.table(this.used);
      for (const at of old) if (at !== EMPTY) this.place(hashOf(ids[at]!), at);
      this.place(hash, position);
    } else this.slots[slot] = position;
  }

  /** Removes an id, shifting back the entries its slot was holding up (no tombstones). */
  delete(ids: readonly string[], id: string, hash: number): void {
    const mask = this.slots.length - 1;
    let hole = this.slotOf(ids, id, hash);
    if (this.slots[hole] === EMPTY) return;
    this.used--;
    for (let slot = (hole + 1) & mask; this.slots[slot] !== EMPTY; slot = (slot + 1) & mask) {
      const home = hashOf(ids[this.slots[slot]!]!) & mask;
      // An entry stays when its home lies cyclically in (hole, slot]: a probe for it never passes the hole.
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (!stays) {
        this.slots[hole] = this.slots[slot]!;
        hole = slot;
      }
    }
    this.slots[hole] = EMPTY;
  }
}

/**
 * The live profiles of a directory. Folding a chunk writes a changed profile in its place and appends a new one; a
 * deleted profile's place is taken by the last one, so the columns stay dense (positions are not stable across chunks:
 * the search orders follow what each chunk moved).
 */
export class DirectoryColumns {
  private constructor(
    readonly strings: StringColumns,
    private numbers: NumberColumns,
    private count: number,
    private byId: KeptOrder,
    private byInitials: KeptOrder,
  ) {}

  static empty(): DirectoryColumns {
    const none = () => KeptOrder.of(new Int32Array(0));
    return new DirectoryColumns(
      stringColumns(() => StringColumn.of([])),
      numberColumns(0),
      0,
      none(),
      none(),
    );
  }

  /**
   * Columns read from a snapshot, used as they are: the string arrays of equal length, each number column as long or
   * longer, the search orders those of these columns (sorted here when not given).
   */
  static of(strings: StringColumns, numbers: NumberColumns, orders: SearchOrders = searchOrders(strings)): DirectoryColumns {
    return new DirectoryColumns(strings, numbers, strings.id.length, KeptOrder.of(orders.byId), KeptOrder.of(orders.byInitials));
  }

  /** Position by id, built when first needed: a cold start with its orders finds the few ids it asks for by binary search. */
  private index?: IdIndex;

  get size(): number {
    return this.count;
  }

  /** The string columns as the snapshot stores them (see stringColumn.ts). */
  packedStrings(): PackedStrings {
    return Object.fromEntries(STRING_FIELDS.map((field) => [field, this.strings[field].pack()])) as PackedStrings;
  }

  /** The number columns trimmed to the live profiles (copies: the columns change as chunks land). */
  numbersCopy(): NumberColumns {
    return resized(this.numbers, this.count, this.count);
  }

  /** The search orders trimmed to the live profiles (copies, as numbersCopy). */
  ordersCopy(): SearchOrders {
    const { byId, byInitials } = this.searchOrders();
    return { byId: byId.slice(), byInitials: byInitials.slice() };
  }

  /**
   * A copy to change while readers keep these columns as they are (see enterpriseDirectory.ts all()). The index moves to
   * the copy: these columns keep their orders, which is all their readers need.
   */
  copy(): DirectoryColumns {
    const strings = stringColumns((field) => this.strings[field].copy());
    const numbers = resized(this.numbers, this.count, this.numbers.chunk.length);
    const copy = new DirectoryColumns(strings, numbers, this.count, this.byId.copy(), this.byInitials.copy());
    copy.index = this.index;
    this.index = undefined;
    return copy;
  }

  /** The position of a profile, -1 when it is not in the directory. */
  private positionOf(id: string): number {
    if (!this.index && this.byId.current) {
      const byId = this.byId.view();
      const at = lowerBound(this.strings.id, byId, id);
      return at < byId.length && this.strings.id.at(byId[at]!) === id ? byId[at]! : -1;
    }
    return this.positions().get(this.strings.id.values(), id);
  }

  private positions(): IdIndex {
    this.index ??= new IdIndex(this.strings.id.values(), this.count);
    return this.index;
  }

  /** The entry at a position, as a new object. */
  entry(position: number): DirectoryEntry {
    const { id, name, initials, districtCode, industry } = this.strings;
    const n = this.numbers;
    const flags = n.flags[position]!;
    return {
      id: id.at(position)!,
      name: name.at(position)!,
      initials: initials.at(position)!,
      districtCode: districtCode.at(position)!,
      riskClass: String.fromCharCode(n.riskClass[position]!) as EnterpriseKey['riskClass'],
      blackListed: (flags & BLACK_LISTED) !== 0,
      redListed: (flags & RED_LISTED) !== 0,
      dishonestDebtor: (flags & DISHONEST_DEBTOR) !== 0,
      penalties: n.penalties[position]!,
      disputedPenalties: n.disputedPenalties[position]!,
      industry: industry.at(position)!,
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
    const index = this.positions();
    const ids = this.strings.id.array();
    for (const id of chunk.deleted) this.remove(index, id);
    const { columns } = chunk;
    for (let slot = 0; slot < columns.id.length; slot++) {
      const id = columns.id[slot]!;
      let position = index.get(ids, id);
      if (position === EMPTY) {
        position = this.count++;
        index.set(ids, id, position);
        if (position === this.numbers.chunk.length)
          this.numbers = resized(this.numbers, position, position + Math.max(position >> 3, 1024));
        this.byId.note(position);
        this.byInitials.note(position);
      } else if (this.strings.initials.at(position) !== columns.initials[slot]) this.byInitials.note(position);
      this.set(position, columns, slot, chunk.id);
    }
  }

  /** Writes the entry at `slot` of a chunk's columns at `position`. */
  private set(position: number, columns: ChunkColumns, slot: number, chunk: number): void {
    const s = this.strings;
    const n = this.numbers;
    s.id.array()[position] = columns.id[slot]!;
    s.name.array()[position] = columns.name[slot]!;
    s.initials.array()[position] = columns.initials[slot]!;
    s.districtCode.array()[position] = sharedValue(columns.districtCode[slot]!);
    s.industry.array()[position] = sharedValue(columns.industry[slot]!);
    n.riskClass[position] = columns.riskClass[slot]!;
    n.flags[position] = columns.flags[slot]!;
    n.penalties[position] = columns.penalties[slot]!;
    n.disputedPenalties[position] = columns.disputedPenalties[slot]!;
    n.lng[position] = columns.lng[slot]!;
    n.lat[position] = columns.lat[slot]!;
    n.chunk[position] = chunk;
    n.slot[position] = slot;
  }

  /** Removes an id: the last profile moves into its place. */
  private remove(index: IdIndex, id: string): void {
    const ids = this.strings.id.array();
    const position = index.get(ids, id);
    if (position === EMPTY) return;
    index.delete(ids, id);
    const last = --this.count;
    for (const moved of [position, last]) {
      this.byId.note(moved);
      this.byInitials.note(moved);
    }
    if (position !== last) {
      // The moved id is found at its old position (still in the column) and pointed at the new one.
      index.set(ids, ids[last]!, position);
      for (const field of STRING_FIELDS) {
        const values = this.strings[field].array();
        values[position] = values[last]!;
      }
      for (const field of NUMBER_FIELDS) this.numbers[field][position] = this.numbers[field][last]!;
    }
    for (const field of STRING_FIELDS) this.strings[field].array().pop();
  }

  /**
   * Brings the search orders up to date in pieces, pausing between them (`pause`); the columns must stay as they are
   * until it resolves (see enterpriseDirectory.ts, which shares them for that).
   */
  async sortOrders(pause: () => Promise<void>): Promise<void> {
    // Both at once: a copy made while one was still waiting would sort the other again from scratch.
    await Promise.all([
      this.byId.update(this.strings.id, this.count, pause),
      this.byInitials.update(this.strings.initials, this.count, pause),
    ]);
  }

  /**
   * Readies the columns for the instant check in pieces, pausing between them: the search orders brought up to date,
   * and the names and initials kept packed as well, so that a fragment is found by one search of a text (see
   * StringColumn.find). The columns must stay as they are until it resolves, as for sortOrders.
   */
  async readyForSearch(pause: () => Promise<void>): Promise<void> {
    await this.sortOrders(pause);
    await this.strings.name.keepPacked(pause);
    await this.strings.initials.keepPacked(pause);
  }

  /** The search orders of the columns as they are (views, valid until a chunk is applied), brought up to date at once. */
  searchOrders(): SearchOrders {
    this.byId.updateNow(this.strings.id, this.count);
    this.byInitials.updateNow(this.strings.initials, this.count);
    return { byId: this.byId.view(), byInitials: this.byInitials.view() };
  }
}
