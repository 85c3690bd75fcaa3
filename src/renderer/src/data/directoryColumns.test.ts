import { describe, expect, it } from 'vitest';
import type { ProfileEntry } from '@shared/domain/directory';
import { directoryChunkOf, DirectoryColumns, searchOrders, unpackedStrings, type DirectoryChunk } from './directoryColumns';
import type { DirectoryEntry } from './enterpriseKeys';
import { seededRandom as random } from '../../../../tests/support/seededRandom';

const id = (n: number) => `91370602MA${String(n).padStart(8, '0')}`;

function entry(n: number, version: number, slot: number): ProfileEntry {
  return {
    id: id(n),
    name: `烟台第${n}号企业${version}`,
    initials: `YTD${n}HQY${version}`,
    districtCode: ['370602', '370611', '370683'][n % 3]!,
    riskClass: (['A', 'B', 'C', 'D', 'E'] as const)[(n + version) % 5]!,
    blackListed: (n + version) % 2 === 0,
    redListed: (n + version) % 3 === 0,
    dishonestDebtor: (n + version) % 5 === 0,
    penalties: (n * version) % 7,
    disputedPenalties: version % 2,
    industry: ['餐饮业', '批发和零售业', '制造业'][version % 3]!,
    lng: 121 + n / 1e5 + version / 1e9,
    lat: 37 + n / 1e5,
    slot,
  };
}

/** Ids 0 to IDS - 1 are stored; those up to IDS + 20 are deleted too, as ids never stored. */
const IDS = 3000;

/** The entries each chunk of a history was made of. */
const entriesOfChunk = new WeakMap<DirectoryChunk, ProfileEntry[]>();

/**
 * Chunks of upserts (new ids and changes of earlier ones) and deletes, some of ids deleted before or never stored.
 * With `ties`, the initials are one of a few, so that many profiles share them.
 */
function history(seed: number, ties = false): DirectoryChunk[] {
  const pick = random(seed);
  return Array.from({ length: 40 }, (_, c) => {
    const ids = [...new Set(Array.from({ length: 1 + pick(200) }, () => pick(IDS)))];
    const deleted = Array.from({ length: pick(60) }, () => id(pick(IDS + 20)));
    const entries = ids.map((n, slot) => (ties ? { ...entry(n, c, slot), initials: ['YTQY', 'YT', 'ZFQY'][pick(3)]! } : entry(n, c, slot)));
    const chunk = directoryChunkOf(c + 1, 0, entries, deleted);
    entriesOfChunk.set(chunk, entries);
    return chunk;
  });
}

/** The directory's meaning: chunks folded in order, a later one overriding an id, a deleted id leaving. */
function folded(chunks: DirectoryChunk[]): Map<string, DirectoryEntry> {
  const entries = new Map<string, DirectoryEntry>();
  for (const chunk of chunks) {
    for (const gone of chunk.deleted) entries.delete(gone);
    for (const e of entriesOfChunk.get(chunk)!) entries.set(e.id, { ...e, chunk: chunk.id });
  }
  return entries;
}

const byId = (entries: DirectoryEntry[]) => [...entries].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('directory columns', () => {
  it('hold what folding the chunks in order leaves, every id found or not as it should be', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const chunks = history(seed);
      const expected = folded(chunks);
      const columns = DirectoryColumns.empty();
      for (const chunk of chunks) columns.apply(chunk);

      expect(columns.size).toBe(expected.size);
      expect(byId(columns.entries())).toEqual(byId([...expected.values()]));
      for (let n = 0; n < IDS + 20; n++) expect(columns.get(id(n))).toEqual(expected.get(id(n)));
      expect(Object.values(columns.strings).map((column) => column.length)).toEqual(Array(5).fill(expected.size));
    }
  });

  it('keep their search orders as sorting every value would after each chunk: new ids, changes, deletions, equal initials', () => {
    for (const [seed, ties] of [
      [11, false],
      [12, true],
      [13, true],
    ] as const) {
      const columns = DirectoryColumns.empty();
      for (const chunk of history(seed, ties)) {
        columns.apply(chunk);
        expect(columns.searchOrders()).toEqual(searchOrders(columns.strings));
      }
    }
  });

  it('are stored a chunk at a time as columns, each entry at its slot', () => {
    const chunk = directoryChunkOf(4, 0, [entry(1, 2, 0), entry(7, 2, 1)], []);
    // What IndexedDB hands back: a structured clone, every string a new one.
    const columns = DirectoryColumns.empty();
    columns.apply(structuredClone(chunk));
    expect(columns.entries()).toEqual([
      { ...entry(1, 2, 0), chunk: 4 },
      { ...entry(7, 2, 1), chunk: 4 },
    ]);
    expect(() => directoryChunkOf(5, 0, [entry(1, 2, 1)], [])).toThrow(/at slot 1, not 0/);
  });

  it('find ids through their search orders when loaded with them, as a snapshot loads them', () => {
    const chunks = history(7);
    const live = DirectoryColumns.empty();
    for (const chunk of chunks) live.apply(chunk);
    const expected = folded(chunks);

    // The string columns packed, a text and its offsets each, as the snapshot stores them.
    const packed = live.packedStrings();
    expect(packed.id.ends).toHaveLength(live.size);
    const loaded = DirectoryColumns.of(unpackedStrings(structuredClone(packed)), live.numbersCopy(), searchOrders(live.strings));
    expect(loaded.entries()).toEqual(live.entries());
    expect(unpackedStrings(DirectoryColumns.empty().packedStrings()).id.length).toBe(0);
    for (let n = 0; n < IDS + 20; n++) expect(loaded.get(id(n))).toEqual(expected.get(id(n)));
    // Columns of different lengths are not a directory.
    expect(() => unpackedStrings({ ...packed, name: { text: '', ends: new Uint32Array(0) } })).toThrow(/differ in length/);
    // Chunks apply on top of loaded columns, which have room for none beyond their own.
    const next = chunks.length + 1;
    loaded.apply(directoryChunkOf(next, 0, [entry(500, next, 0), entry(1, next, 1)], [id(2)]));
    expect(loaded.searchOrders()).toEqual(searchOrders(loaded.strings));
    expect(loaded.get(id(500))).toEqual({ ...entry(500, next, 0), chunk: next });
    expect(loaded.get(id(1))).toEqual({ ...entry(1, next, 1), chunk: next });
    expect(loaded.get(id(2))).toBeUndefined();
  });

  it('keep their entries and orders as they were while a copy of them changes', () => {
    const columns = DirectoryColumns.empty();
    columns.apply(
      directoryChunkOf(
        1,
        0,
        [0, 1, 2, 3].map((n) => entry(n, 0, n)),
        [],
      ),
    );
    const orders = columns.searchOrders();
    const ordersBefore = columns.ordersCopy();
    const before = columns.entries();

    const changed = columns.copy();
    changed.apply(directoryChunkOf(2, 0, [entry(1, 1, 0), entry(9, 1, 1)], [id(0)]));

    expect(columns.entries()).toEqual(before);
    expect(orders).toEqual(ordersBefore);
    expect(columns.searchOrders()).toEqual(ordersBefore);
    expect(columns.get(id(0))).toEqual(before[0]);
    expect(changed.size).toBe(4);
    expect(changed.get(id(0))).toBeUndefined();
    expect(changed.get(id(1))).toMatchObject({ name: entry(1, 1, 0).name, chunk: 2 });
    expect(changed.searchOrders()).toEqual(searchOrders(changed.strings));
  });
});
