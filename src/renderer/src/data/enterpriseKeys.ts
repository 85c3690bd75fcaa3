// How enterprise profiles are stored: their rows (profile and directory chunks), and the instant-check keys computed
// once when a profile is stored, so a search never touches the full profiles (about 1 KB each) and never runs pinyin
// conversion at query time.
import type { Enterprise } from '@shared/domain/model';
import { pinyin } from './pinyin';

/** The few fields of an enterprise the instant credit check searches and shows, precomputed when profiles are stored. */
export interface EnterpriseKey {
  id: string;
  name: string;
  /** Upper-case pinyin initials of the name, e.g. 烟台海鲜酒楼 → YTHXJL. */
  initials: string;
  districtCode: string;
  riskClass: Enterprise['riskClass'];
  blackListed: boolean;
  redListed: boolean;
  dishonestDebtor: boolean;
  penalties: number;
  disputedPenalties: number;
}

/** An enterprise key as the directory holds it: what lists, the map and the instant check need, and where the profile is. */
export interface DirectoryEntry extends EnterpriseKey {
  industry: string;
  lng: number;
  lat: number;
  /** The profile chunk holding the full profile, and its position there. */
  chunk: number;
  slot: number;
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
  /** One JSON text per profile: a lookup parses only the profile it needs. */
  texts: string[];
}

/**
 * Profiles per stored block: a dossier reads one block (a few tens of KB, kept inline by IndexedDB) instead of its
 * whole chunk (about 1 MB per 1,000 profiles), while a chunk is still written in one transaction of a few dozen rows.
 */
export const PROFILE_BLOCK = 16;

/** Where the profile at `slot` of a chunk is stored: its block, and its index among the block's texts. */
export function blockOfSlot(slot: number): { block: number; index: number } {
  return { block: Math.floor(slot / PROFILE_BLOCK), index: slot % PROFILE_BLOCK };
}

/** The blocks of one chunk's profile texts. */
export function profileBlocksOf(chunk: number, epoch: number, texts: readonly string[]): ProfileBlock[] {
  const blocks: ProfileBlock[] = [];
  for (let start = 0; start < texts.length; start += PROFILE_BLOCK)
    blocks.push({ chunk, block: start / PROFILE_BLOCK, epoch, texts: texts.slice(start, start + PROFILE_BLOCK) });
  return blocks;
}

export interface DirectoryChunk {
  id: number;
  epoch: number;
  /** JSON text of the chunk's entries without `chunk` (the row's id); one parse per chunk on load. */
  entries: string;
  /** How many entries: chunks below a full page make up the overlay that compaction folds back. */
  size: number;
  deleted: string[];
}

/** Pinyin initials of the whole name, each character read in its context (words decide polyphones). */
export function initialsInContext(name: string): string {
  const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return letters
    .join('')
    .replace(/[^0-9A-Za-z]/g, '')
    .toUpperCase();
}

const ASCII_ALNUM = /[0-9A-Za-z]/;
/** What a non-ASCII character contributes when it has one reading ('' for punctuation); null for a polyphone. */
const singleInitials = new Map<string, string | null>();

function singleInitial(char: string): string | null {
  let initial = singleInitials.get(char);
  if (initial === undefined) {
    const readings = pinyin(char, { pattern: 'first', toneType: 'none', type: 'array', multiple: true });
    initial = readings.length === 1 ? readings[0]!.replace(/[^0-9A-Za-z]/g, '').toUpperCase() : null;
    singleInitials.set(char, initial);
  }
  return initial;
}

/**
 * Pinyin initials of the Han characters; letters and digits in the name are kept as they are. Converting whole names
 * dominated storing a pulled page, and enterprise names reuse a few hundred characters: characters with a single
 * reading come from a cache, and only names with a polyphone are converted in context.
 */
export function pinyinInitials(name: string): string {
  let initials = '';
  for (const char of name) {
    if (char.charCodeAt(0) < 0x80) {
      if (ASCII_ALNUM.test(char)) initials += char.toUpperCase();
      continue;
    }
    const initial = singleInitial(char);
    if (initial === null) return initialsInContext(name);
    initials += initial;
  }
  return initials;
}

export function isDisputedPenalty(penalty: Enterprise['penalties'][number]): boolean {
  return penalty.amountYuan > 1_000_000 && penalty.confirmations < 2;
}

export function enterpriseKeyOf(enterprise: Enterprise): EnterpriseKey {
  return {
    id: enterprise.id,
    name: enterprise.name,
    initials: pinyinInitials(enterprise.name),
    districtCode: enterprise.districtCode,
    riskClass: enterprise.riskClass,
    blackListed: enterprise.blackList.some((e) => e.removedOn === null),
    redListed: enterprise.redList.some((e) => e.removedOn === null),
    dishonestDebtor: enterprise.dishonestDebtors.length > 0,
    penalties: enterprise.penalties.length,
    disputedPenalties: enterprise.penalties.filter(isDisputedPenalty).length,
  };
}

/**
 * What one batch of profile changes is stored as: the profiles' JSON texts (stored as profileBlocksOf them) and their
 * directory chunk (keys, industry, location, position in the chunk). `knownKey` reuses keys computed earlier (pinyin is
 * the costly part).
 */
export function profileChunkOf(
  id: number,
  epoch: number,
  upserts: readonly Enterprise[],
  deleted: string[],
  knownKey: (enterprise: Enterprise) => EnterpriseKey | undefined = () => undefined,
): { texts: string[]; directory: DirectoryChunk } {
  const entries: Omit<DirectoryEntry, 'chunk'>[] = upserts.map((enterprise, slot) => ({
    ...(knownKey(enterprise) ?? enterpriseKeyOf(enterprise)),
    industry: enterprise.industry,
    lng: enterprise.location.lng,
    lat: enterprise.location.lat,
    slot,
  }));
  return {
    texts: upserts.map((e) => JSON.stringify(e)),
    directory: { id, epoch, entries: JSON.stringify(entries), size: entries.length, deleted },
  };
}
