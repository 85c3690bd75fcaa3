// Where enterprise profiles are stored (see ProfileBlock in enterpriseKeys.ts for the layout): the chunks in IndexedDB, how a pull
// writes them, how an epoch is dropped and how the overlay of small chunks is compacted. enterpriseDirectory.ts reads them.
import type { Enterprise } from '@shared/domain/model';
import type { OneVisitDb } from './db';
import type { DecodedSnapshotChunk, SnapshotChunkContent } from '@shared/sync/snapshotChunk';
import { directoryChunkOf, DirectoryColumns } from './directoryColumns';
import { blockOfSlot, blockTexts, profileBlocksOf, profileChunkOf } from './enterpriseKeys';

/**
 * A stored profile that cannot be shown: its block cannot be decompressed or lacks it, or it fails its schema (snapshot
 * chunks store profiles unchecked, see snapshotChunk.ts, so it is found when read).
 */
export class DamagedProfileError extends Error {}

/** Recently read profile blocks by `chunk:block`, most recently used last; blocks never change, so entries never go stale. */
const textCache = new WeakMap<OneVisitDb, Map<string, string[]>>();
const TEXT_CACHE_BLOCKS = 16;
const blockKey = (chunk: number, block: number) => `${chunk}:${block}`;

export async function activeProfileEpoch(db: OneVisitDb): Promise<number> {
  return Number((await db.meta.get('profileEpoch'))?.value ?? 0);
}

/** The directory chunks of an epoch above chunk `after`, in write order (the first `limit` of them). */
export const directoryChunksAfter = (db: OneVisitDb, epoch: number, after: number, limit = Infinity) =>
  db.directoryChunks
    .where('[epoch+id]')
    .between([epoch, after + 1], [epoch, Infinity])
    .limit(limit)
    .toArray();

/** The JSON text of the profile at `slot` of `chunk`: one block is read (then kept in a small cache), never the whole chunk. */
export async function profileText(db: OneVisitDb, chunk: number, slot: number): Promise<string | undefined> {
  let cache = textCache.get(db);
  if (!cache) textCache.set(db, (cache = new Map()));
  const { block, index } = blockOfSlot(slot);
  const key = blockKey(chunk, block);
  let texts = cache.get(key);
  if (texts) cache.delete(key);
  else {
    const stored = await db.profileBlocks.get([chunk, block]);
    if (!stored) return undefined;
    try {
      texts = blockTexts(stored);
    } catch (error) {
      throw new DamagedProfileError(`the profiles stored in block ${block} of chunk ${chunk} cannot be read: ${String(error)}`);
    }
  }
  cache.set(key, texts);
  if (cache.size > TEXT_CACHE_BLOCKS) cache.delete(cache.keys().next().value!);
  // Blocks are written whole and never shortened: a slot past a stored block's lines is damage, not a missing profile.
  const text = texts[index];
  if (text === undefined) throw new DamagedProfileError(`block ${block} of chunk ${chunk} holds no profile at slot ${slot}`);
  return text;
}

/**
 * Writes one batch of profile changes as a new chunk of `epoch`. Call inside a transaction over profileBlocks and
 * directoryChunks (the pull writes it together with its cursor).
 */
export async function writeProfileChanges(db: OneVisitDb, epoch: number, upserts: readonly Enterprise[], deleted: string[]): Promise<void> {
  await writeProfileChunk(db, epoch, profileChunkOf(upserts), deleted);
}

/** Writes profiles in their stored form (texts, or a snapshot chunk's compressed blocks, and entries) as a new chunk of `epoch`; same transaction rule. */
export async function writeProfileChunk(
  db: OneVisitDb,
  epoch: number,
  content: SnapshotChunkContent | DecodedSnapshotChunk,
  deleted: string[],
): Promise<void> {
  if (content.entries.length === 0 && deleted.length === 0) return;
  const id = Number((await db.directoryChunks.orderBy('id').lastKey()) ?? 0) + 1;
  await db.profileBlocks.bulkAdd(profileBlocksOf(id, epoch, 'texts' in content ? content.texts : content));
  await db.directoryChunks.add(directoryChunkOf(id, epoch, content.entries, deleted));
}

/** Removes every chunk of an epoch (the profiles a replacement sync superseded, or an abandoned staging). */
export async function dropProfileEpoch(db: OneVisitDb, epoch: number): Promise<void> {
  await db.profileBlocks.where('epoch').equals(epoch).delete();
  await db.directoryChunks.where('[epoch+id]').between([epoch, -Infinity], [epoch, Infinity]).delete();
}

/** Chunks of this size or more count as base chunks; smaller ones (incremental pulls) form the overlay. */
const FULL_CHUNK = 500;
const COMPACT_CHUNK = 1000;

/**
 * Keeps the overlay small: when more than `maxOverlay` small chunks have piled up, rewrites the live profiles into
 * full chunks under a new epoch (superseded and deleted profiles are dropped) and swaps it in, in one transaction.
 * Runs in the sync worker after a pull; skipped while a replacement sync is staged.
 */
export async function compactProfiles(db: OneVisitDb, maxOverlay = 64): Promise<boolean> {
  return db.transaction('rw', [db.meta, db.profileBlocks, db.directoryChunks], async () => {
    if (await db.meta.get('replacement')) return false;
    const epoch = await activeProfileEpoch(db);
    // Counted on the index: reading the chunks (every entry of the directory) is left to an actual compaction.
    if ((await db.directoryChunks.where('[epoch+size]').between([epoch, 0], [epoch, FULL_CHUNK]).count()) <= maxOverlay) return false;
    // The live profiles as columns, and their texts read a batch at a time: at 1,000,000 profiles, neither a million
    // entry objects nor every text of the epoch (about 1 GB) at once.
    const live = DirectoryColumns.empty();
    await db.directoryChunks
      .where('[epoch+id]')
      .between([epoch, -Infinity], [epoch, Infinity])
      .each((chunk) => live.apply(chunk));
    const next = epoch + 1;
    let id = Number((await db.directoryChunks.orderBy('id').lastKey()) ?? 0);
    for (let start = 0; start < live.size; start += COMPACT_CHUNK) {
      id++;
      const batch = live.entries(start, Math.min(start + COMPACT_CHUNK, live.size));
      const wanted = new Map(
        batch.map(({ chunk, slot }) => {
          const { block } = blockOfSlot(slot);
          return [blockKey(chunk, block), [chunk, block] as [number, number]];
        }),
      );
      const blocks = new Map(
        (await db.profileBlocks.bulkGet([...wanted.values()])).map((b) => [blockKey(b!.chunk, b!.block), blockTexts(b!)]),
      );
      const batchTexts = batch.map((e) => {
        const { block, index } = blockOfSlot(e.slot);
        return blocks.get(blockKey(e.chunk, block))![index]!;
      });
      await db.profileBlocks.bulkAdd(profileBlocksOf(id, next, batchTexts));
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the chunk is the row's id, not stored per entry
      const entries = batch.map(({ chunk, ...entry }, slot) => ({ ...entry, slot }));
      await db.directoryChunks.add(directoryChunkOf(id, next, entries, []));
    }
    await dropProfileEpoch(db, epoch);
    await db.meta.put({ key: 'profileEpoch', value: String(next) });
    return true;
  });
}
