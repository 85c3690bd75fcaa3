// `npm run bench:directory [-- 100000,1000000]`: the renderer's enterprise directory at 100,000 and 1,000,000 profiles,
// in Node over fake-indexeddb. Directory chunks of generated profiles (1,000 a chunk, then small chunks that rename
// and delete some) are written as a pull writes them; the directory is loaded by folding every chunk, its snapshot
// written as the sync worker writes it, loaded again from the snapshot as a cold start does, the instant check's index
// built over it, a pull's chunk applied while the index is kept, then a pull of 1 % renamed profiles and the index
// built again (the search orders follow the changes). Prints per step the CPU time of the process
// (user + system, all its threads: the machine is shared, wall time says little), the longest the event loop was held
// up, and the heap that stays in use after a full GC, V8's heap and ArrayBuffers apart (typed arrays live in the
// latter, which Chromium's JS heap figure omits).
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { pinyin } from 'pinyin-pro';
import { directoryKeys, type ProfileEntry } from '@shared/domain/directory';
import { createEnterpriseFactory } from '../../src/server/demo/enterprise';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { openOfficerDatabase, type OneVisitDb } from '../../src/renderer/src/data/db';
import { directorySnapshotSettled, enterpriseDirectory, scheduleDirectorySnapshot } from '../../src/renderer/src/data/enterpriseDirectory';
import { directoryChunkOf } from '../../src/renderer/src/data/directoryColumns';
import { buildSearchIndex } from '../../src/renderer/src/features/instantCheck/searchIndex';

const SIZES = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
const CHUNK = 1000;
/** Small chunks after the full ones, as incremental pulls leave them: each renames RENAMED profiles and deletes DELETED. */
const OVERLAY = 20;
const RENAMED = 40;
const DELETED = 10;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:directory does)');
const { profileEntryOf } = directoryKeys(pinyin);
const make = createEnterpriseFactory('bench-directory', loadDistrictOutlines());
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

interface Heap {
  heap: number;
  buffers: number;
}

function heapInUse(): Heap {
  gc!();
  gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, buffers: arrayBuffers };
}

/**
 * CPU milliseconds of `run`, the longest the event loop was held up meanwhile (a timer's longest wait, so wall time:
 * its longest task, or what the machine took from it), and the heap it left in use (what it returned is kept until
 * the heap is read).
 */
async function measure<T>(run: () => Promise<T>): Promise<{ cpuMs: number; longestMs: number; held: Heap; result: T }> {
  const before = heapInUse();
  let longest = 0;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    timer = setTimeout(tick, 0);
  };
  let timer = setTimeout(tick, 0);
  const cpu = process.cpuUsage();
  const result = await run();
  const { user, system } = process.cpuUsage(cpu);
  clearTimeout(timer);
  longest = Math.max(longest, performance.now() - last);
  const after = heapInUse();
  return {
    cpuMs: Math.round((user + system) / 1000),
    longestMs: Math.round(longest),
    held: { heap: after.heap - before.heap, buffers: after.buffers - before.buffers },
    result,
  };
}

/** Writes the chunks of `size` generated profiles; returns the expected entry (or undefined: deleted) of some ids. */
async function writeChunks(db: OneVisitDb, size: number): Promise<Map<string, ProfileEntry | undefined>> {
  const expected = new Map<string, ProfileEntry | undefined>();
  const ids: string[] = [];
  let id = 0;
  for (let start = 0; start < size; start += CHUNK) {
    const entries = Array.from({ length: Math.min(CHUNK, size - start) }, (_, slot) => profileEntryOf(make(start + slot), slot));
    for (const entry of entries) ids.push(entry.id);
    if (start % (CHUNK * 97) === 0) expected.set(entries[7]!.id, entries[7]);
    await db.directoryChunks.add(directoryChunkOf(++id, 0, entries, []));
  }
  for (let round = 0; round < OVERLAY; round++) {
    const at = (i: number) => (round * 7919 + i * 104_729) % size;
    const renamed = Array.from({ length: RENAMED }, (_, slot) => {
      const profile = make(at(slot));
      return profileEntryOf({ ...profile, name: `${profile.name}（第${round}次更名）`, riskClass: 'E' }, slot);
    });
    const deleted = Array.from({ length: DELETED }, (_, i) => ids[at(RENAMED + i)]!).filter((gone) => !renamed.some((e) => e.id === gone));
    for (const entry of renamed) expected.set(entry.id, entry);
    for (const gone of deleted) expected.set(gone, undefined);
    await db.directoryChunks.add(directoryChunkOf(++id, 0, renamed, deleted));
  }
  return expected;
}

async function verify(db: OneVisitDb, expected: Map<string, ProfileEntry | undefined>, size: number): Promise<void> {
  const live = [...expected.values()].filter(Boolean).length;
  const removed = expected.size - live;
  const directory = enterpriseDirectory(db);
  assert.equal(await directory.count(), size - removed);
  const keys = await directory.keys([...expected.keys()]);
  [...expected.values()].forEach((entry, i) => {
    if (entry) assert.deepEqual({ ...keys[i], chunk: 0 }, { ...entry, chunk: 0 });
    else assert.equal(keys[i], undefined);
  });
}

const rows: string[][] = [];
const row = (size: number, step: string, m: { cpuMs: number; longestMs: number; held: Heap }) =>
  rows.push([
    size.toLocaleString('en'),
    step,
    `${m.cpuMs.toLocaleString('en')} ms`,
    `${m.longestMs.toLocaleString('en')} ms`,
    `${mb(m.held.heap)} MB`,
    `${mb(m.held.buffers)} MB`,
  ]);

for (const size of SIZES) {
  const officer = `bench-directory-${size}`;
  const writer = openOfficerDatabase(officer);
  await writer.delete();
  await writer.open();
  console.log(`${size.toLocaleString('en')} profiles: generating and writing the chunks…`);
  const expected = await writeChunks(writer, size);
  writer.close();

  const folded = openOfficerDatabase(officer);
  const fold = await measure(() => enterpriseDirectory(folded).count());
  row(size, 'load by folding every chunk', fold);
  await verify(folded, expected, size);
  const snapshot = await measure(async () => {
    scheduleDirectorySnapshot(folded);
    await directorySnapshotSettled(folded);
  });
  assert.equal(await folded.directorySnapshots.count(), 1);
  row(size, 'write the snapshot', snapshot);
  folded.close();

  const cold = openOfficerDatabase(officer);
  const load = await measure(() => enterpriseDirectory(cold).count());
  assert.equal(load.result, fold.result);
  row(size, 'cold start: load the snapshot', load);
  await verify(cold, expected, size);
  const search = await measure(async () => {
    const all = await enterpriseDirectory(cold).all();
    return buildSearchIndex(all.columns, all.orders);
  });
  row(size, 'then the instant check index', search);
  const [someId, someEntry] = [...expected].find(([, entry]) => entry)!;
  const found = search.result.search(someId);
  assert.ok(found.kind === 'matches' && found.matches.length === 1 && found.matches[0]!.name === someEntry!.name);
  // A pull lands while the index is kept: the directory applies the new chunk (and the index keeps what it searches).
  const renamed = { ...someEntry!, name: `${someEntry!.name}（更名）` };
  await cold.directoryChunks.add(directoryChunkOf(Number(await cold.directoryChunks.orderBy('id').lastKey()) + 1, 0, [renamed], []));
  row(size, 'then a pull lands (one chunk of 1 profile)', await measure(() => enterpriseDirectory(cold).count()));
  assert.equal((await enterpriseDirectory(cold).keys([someId]))[0]?.name, renamed.name);
  const kept = search.result.search(someId);
  assert.ok(kept.kind === 'matches' && kept.matches[0]!.name === someEntry!.name);
  // A pull of 1 % renamed profiles (new initials), then the instant check opened again: its orders follow them.
  const pulled = Math.round(size / 100);
  let next = Number(await cold.directoryChunks.orderBy('id').lastKey());
  for (let start = 0; start < pulled; start += CHUNK) {
    const renamedHere = Array.from({ length: Math.min(CHUNK, pulled - start) }, (_, slot) => {
      const profile = make(((start + slot) * 104_729) % size);
      return profileEntryOf({ ...profile, name: `新${profile.name}` }, slot);
    });
    await cold.directoryChunks.add(directoryChunkOf(++next, 0, renamedHere, []));
  }
  const afterPull = await measure(async () => {
    const all = await enterpriseDirectory(cold).all();
    return buildSearchIndex(all.columns, all.orders);
  });
  row(size, `then a pull of ${pulled.toLocaleString('en')} renamed, the index again`, afterPull);
  const renamedId = profileEntryOf(make(0), 0).id;
  const again = afterPull.result.search(renamedId);
  assert.ok(again.kind === 'matches' && again.matches[0]!.name.startsWith('新'));
  await cold.delete();
}

const header = ['profiles', 'step', 'CPU time', 'longest task', 'V8 heap held', 'ArrayBuffers held'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const line of [header, ...rows]) console.log(line.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
