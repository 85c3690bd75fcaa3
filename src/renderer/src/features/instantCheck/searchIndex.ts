// The instant credit check (无感核验) over the local profiles: a compact in-memory index of the precomputed keys.
// USCC and pinyin-initial prefixes use sorted arrays (binary search); name fragments and initials inside a name scan
// one packed string array, which over 100,000 names stays in single-digit milliseconds.
import { USCC_CHARSET, validateUscc, type UsccValidation } from '@shared/domain/uscc';
import type { EnterpriseKey } from '@shared/domain/directory';
import { searchOrders, type SearchOrders } from '../../data/enterpriseDirectory';

export type CheckMatchKind = 'uscc' | 'uscc_prefix' | 'name' | 'initials';

export type CheckAnswer =
  | { kind: 'empty' }
  | { kind: 'invalid_uscc'; validation: Extract<UsccValidation, { ok: false }>; length: number }
  | { kind: 'uscc_not_found'; uscc: string }
  | { kind: 'partial_code_not_found'; length: number }
  | { kind: 'matches'; by: CheckMatchKind; matches: EnterpriseKey[]; more: boolean };

export const DEFAULT_LIMIT = 20;
const HAN = /[\u3400-\u9fff]/;

export interface SearchIndex {
  size: number;
  search(query: string, limit?: number): CheckAnswer;
}

function lowerBound(values: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `orders` (persisted with the directory, see searchOrders) spare the two sorts when they match `keys`. */
export function buildSearchIndex(keys: readonly EnterpriseKey[], orders: SearchOrders = searchOrders(keys)): SearchIndex {
  const sorted = (order: Int32Array, value: (k: EnterpriseKey) => string) => ({ values: Array.from(order, (i) => value(keys[i]!)), order });
  const byUscc = sorted(orders.byId, (k) => k.id);
  const byInitials = sorted(orders.byInitials, (k) => k.initials);
  const names = keys.map((k) => k.name);
  const initials = keys.map((k) => k.initials);

  function prefix(sorted: { values: string[]; order: Int32Array }, value: string, limit: number, into: Set<number>): boolean {
    for (let i = lowerBound(sorted.values, value); i < sorted.values.length && sorted.values[i]!.startsWith(value); i++) {
      if (into.size >= limit) return true;
      into.add(sorted.order[i]!);
    }
    return false;
  }

  function scan(haystack: readonly string[], needle: string, limit: number, into: Set<number>): boolean {
    for (let i = 0; i < haystack.length; i++) {
      if (haystack[i]!.includes(needle) && !into.has(i)) {
        if (into.size >= limit) return true;
        into.add(i);
      }
    }
    return false;
  }

  const answer = (by: CheckMatchKind, found: Set<number>, more: boolean): CheckAnswer => ({
    kind: 'matches',
    by,
    matches: [...found].map((i) => keys[i]!),
    more,
  });

  function searchCode(code: string, limit: number): CheckAnswer {
    if (code.length >= 18) {
      const validation = validateUscc(code);
      if (!validation.ok) return { kind: 'invalid_uscc', validation, length: code.length };
      const found = new Set<number>();
      prefix(byUscc, code, 1, found);
      return found.size > 0 ? answer('uscc', found, false) : { kind: 'uscc_not_found', uscc: code };
    }
    // Part of a code: its characters must still come from the USCC character set.
    for (let i = 0; i < code.length; i++) {
      if (!USCC_CHARSET.includes(code.charAt(i)))
        return { kind: 'invalid_uscc', validation: { ok: false, reason: 'charset', position: i + 1 }, length: code.length };
    }
    const found = new Set<number>();
    const more = prefix(byUscc, code, limit, found);
    return found.size > 0 ? answer('uscc_prefix', found, more) : { kind: 'partial_code_not_found', length: code.length };
  }

  return {
    size: keys.length,
    search(query, limit = DEFAULT_LIMIT) {
      const text = query.trim();
      if (text === '') return { kind: 'empty' };
      if (HAN.test(text)) {
        const found = new Set<number>();
        return answer('name', found, scan(names, text, limit, found));
      }
      const compact = text.replace(/[\s-]/g, '').toUpperCase();
      // A code starts with its registration authority, a digit or A/N/Y followed by a digit; pinyin initials have no digits.
      if (/^[0-9]/.test(compact) || (compact.length >= 17 && /\d/.test(compact))) return searchCode(compact, limit);
      const found = new Set<number>();
      let more = prefix(byInitials, compact, limit, found);
      if (!more) more = scan(initials, compact, limit, found);
      if (!more) more = scan(names, text, limit, found);
      return answer('initials', found, more);
    },
  };
}
