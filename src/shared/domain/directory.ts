// A profile's directory entry: the few fields of an enterprise the instant check searches and shows, the lists and the
// map draw, computed once when the profile is stored so that a search never touches the full profiles (about 1 KB
// each) and never converts names to pinyin at query time. The device computes them for the profiles a pull brings, the
// endpoint for the snapshot chunks every officer of a jurisdiction shares (see sync/snapshotChunk.ts), both here.
import { z } from 'zod';
import type { pinyin as PinyinPro } from 'pinyin-pro';
import { enterpriseSchema, geoPointSchema, type Enterprise } from './model';

const profile = enterpriseSchema.shape;

export const enterpriseKeySchema = z.object({
  id: profile.id,
  name: profile.name,
  /** Upper-case pinyin initials of the name, e.g. 烟台海鲜酒楼 → YTHXJL. */
  initials: z.string().regex(/^[0-9A-Z]*$/),
  districtCode: profile.districtCode,
  riskClass: profile.riskClass,
  blackListed: z.boolean(),
  redListed: z.boolean(),
  dishonestDebtor: z.boolean(),
  penalties: z.number().int().nonnegative(),
  disputedPenalties: z.number().int().nonnegative(),
});
export type EnterpriseKey = z.infer<typeof enterpriseKeySchema>;

/** An enterprise's key with what lists and the map need, and its position (slot) among the profiles stored with it. */
export const profileEntrySchema = enterpriseKeySchema.extend({
  industry: profile.industry,
  lng: geoPointSchema.shape.lng,
  lat: geoPointSchema.shape.lat,
  slot: z.number().int().nonnegative(),
});
export type ProfileEntry = z.infer<typeof profileEntrySchema>;

export function isDisputedPenalty(penalty: Enterprise['penalties'][number]): boolean {
  return penalty.amountYuan > 1_000_000 && penalty.confirmations < 2;
}

const ASCII_ALNUM = /[0-9A-Za-z]/;

/**
 * The key functions over a pinyin-pro converter: the endpoint imports pinyin-pro, the app loads its ~450 KB of
 * dictionaries only where profiles are stored (renderer data/pinyin.ts).
 */
export function directoryKeys(pinyin: typeof PinyinPro) {
  /** What a non-ASCII character contributes when it has one reading ('' for punctuation); null for a polyphone. */
  const singleInitials = new Map<string, string | null>();

  /** Pinyin initials of the whole name, each character read in its context (words decide polyphones). */
  function initialsInContext(name: string): string {
    const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
    return letters
      .join('')
      .replace(/[^0-9A-Za-z]/g, '')
      .toUpperCase();
  }

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
   * dominated storing profiles, and enterprise names reuse a few hundred characters: characters with a single reading
   * come from a cache, and only names with a polyphone are converted in context.
   */
  function pinyinInitials(name: string): string {
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

  function enterpriseKeyOf(enterprise: Enterprise): EnterpriseKey {
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

  /** The entry of a profile stored at `slot`; `key` when it was computed before (pinyin is the costly part). */
  function profileEntryOf(enterprise: Enterprise, slot: number, key: EnterpriseKey = enterpriseKeyOf(enterprise)): ProfileEntry {
    return { ...key, industry: enterprise.industry, lng: enterprise.location.lng, lat: enterprise.location.lat, slot };
  }

  return { initialsInContext, pinyinInitials, enterpriseKeyOf, profileEntryOf };
}
