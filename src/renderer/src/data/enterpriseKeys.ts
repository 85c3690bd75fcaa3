// How enterprise profiles are stored: their rows (profile blocks; directory chunks in directoryColumns.ts), with the
// directory entries of shared/domain/directory.ts computed once when a profile is stored.
import { directoryKeys, type EnterpriseKey, type ProfileEntry } from '@shared/domain/directory';
import type { Enterprise } from '@shared/domain/model';
import { blockLines, PROFILE_BLOCK, type SnapshotChunkContent } from '@shared/sync/snapshotChunk';
import { pinyin } from './pinyin';

export const { initialsInContext, pinyinInitials, enterpriseKeyOf, profileEntryOf } = directoryKeys(pinyin);

/** An entry as the directory holds it: with the profile chunk holding the full profile (its slot is the position there). */
export interface DirectoryEntry extends ProfileEntry {
  chunk: number;
}

/**
 * Profiles are server-owned reference data the device only reads, so they are stored log-structured: every pulled page
 * (or snapshot chunk) with enterprise changes becomes one immutable chunk: its profiles' JSON texts, in blocks of
 * PROFILE_BLOCK, plus one directory chunk (their compact keys, and the ids the page deleted). Later chunks override
 * earlier ones. `epoch` separates the live profiles from a replacement sync being staged after a cursor reset.
 */
export interface ProfileBlock {
  /** The chunk's id (that of its directory chunk) and the block's position in it: a profile at slot s is in block s / PROFILE_BLOCK. */
  chunk: number;
  block: number;
  epoch: number;
  /** One JSON text per profile: a lookup parses only the profile it needs. Profiles the device serialised are stored so. */
  texts?: string[];
  /** Or the profiles' lines compressed, as a snapshot chunk brought them (see blockLines): a lookup decompresses the block it reads. */
  gzip?: Uint8Array;
  /** Or their UTF-8 bytes, one line each, as an earlier version stored a snapshot chunk's profiles. */
  bytes?: Uint8Array;
}

/** The JSON texts of a block, whichever form it was stored in. */
export function blockTexts(block: ProfileBlock): string[] {
  if (block.texts) return block.texts;
  return block.gzip ? blockLines(block.gzip) : new TextDecoder().decode(block.bytes).split('\n');
}

/** Where the profile at `slot` of a chunk is stored: its block, and its index among the block's texts. */
export function blockOfSlot(slot: number): { block: number; index: number } {
  return { block: Math.floor(slot / PROFILE_BLOCK), index: slot % PROFILE_BLOCK };
}

/** The blocks of one chunk's profiles: from their texts, or a snapshot chunk's compressed blocks. */
export function profileBlocksOf(
  chunk: number,
  epoch: number,
  profiles: readonly string[] | { blocks: readonly Uint8Array[] },
): ProfileBlock[] {
  // A copy of each compressed block: a view would have IndexedDB store the whole chunk's buffer with every block.
  if ('blocks' in profiles) return profiles.blocks.map((gzip, block) => ({ chunk, block, epoch, gzip: gzip.slice() }));
  const blocks: ProfileBlock[] = [];
  for (let start = 0; start < profiles.length; start += PROFILE_BLOCK) {
    blocks.push({ chunk, block: start / PROFILE_BLOCK, epoch, texts: profiles.slice(start, start + PROFILE_BLOCK) });
  }
  return blocks;
}

/**
 * A batch of profiles in their stored form: JSON texts (stored as profileBlocksOf them) and directory entries.
 * `knownKey` reuses keys computed earlier (pinyin is the costly part).
 */
export function profileChunkOf(
  upserts: readonly Enterprise[],
  knownKey: (enterprise: Enterprise) => EnterpriseKey | undefined = () => undefined,
): SnapshotChunkContent {
  return {
    texts: upserts.map((e) => JSON.stringify(e)),
    entries: upserts.map((enterprise, slot) => profileEntryOf(enterprise, slot, knownKey(enterprise))),
  };
}
