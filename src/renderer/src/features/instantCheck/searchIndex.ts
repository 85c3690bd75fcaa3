// The instant credit check (无感核验) over the local profiles: searched in the directory's own columns of precomputed
// keys, nothing copied. USCC and pinyin-initial prefixes by binary search through the sorted orders; name fragments and
// initials inside a name are searched for in the packed string column (one text: at 1,000,000 names some 10 ms).
import { USCC_CHARSET, validateUscc, type UsccValidation } from '@shared/domain/uscc';
import type { EnterpriseKey } from '@shared/domain/directory';
import { lowerBound, type DirectoryColumns, type SearchOrders } from '../../data/directoryColumns';
import type { StringColumn } from '../../data/stringColumn';

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

/** A column read in the order of its positions in `order`. */
interface Sorted {
  values: StringColumn;
  order: Int32Array;
}

/** The columns must stay as they are while the index is used (enterpriseDirectory.ts all() hands out such columns). */
export function buildSearchIndex(keys: DirectoryColumns, orders: SearchOrders = keys.searchOrders()): SearchIndex {
  const { id: ids, name: names, initials } = keys.strings;
  const byUscc: Sorted = { values: ids, order: orders.byId };
  const byInitials: Sorted = { values: initials, order: orders.byInitials };

  function prefix({ values, order }: Sorted, value: string, limit: number, into: Set<number>): boolean {
    for (let i = lowerBound(values, order, value); i < order.length && values.startsWith(order[i]!, value); i++) {
      if (into.size >= limit) return true;
      into.add(order[i]!);
    }
    return false;
  }

  function scan(column: StringColumn, needle: string, limit: number, into: Set<number>): boolean {
    let more = false;
    column.find(needle, (i) => {
      if (into.has(i)) return true;
      more = into.size >= limit;
      if (!more) into.add(i);
      return !more;
    });
    return more;
  }

  const answer = (by: CheckMatchKind, found: Set<number>, more: boolean): CheckAnswer => ({
    kind: 'matches',
    by,
    matches: [...found].map((i): EnterpriseKey => keys.entry(i)),
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
    size: keys.size,
    search(query, limit = DEFAULT_LIMIT) {
      const text = query.trim();
      if (text === '') return { kind: 'empty' };
      if (HAN.test(text)) {
        const found = new Set<number>();
        return answer('name', found, scan(names, text, limit, found));
      }
      const compact = text.replace(/[\s-]/g, '').toUpperCase();
      if (compact === '') return { kind: 'empty' };
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
