// Canonical JSON and SHA-256: what every published hash of a draw is computed over, so anyone can recompute it.
// Canonical JSON = JSON.stringify with object keys sorted by UTF-16 code unit order and no whitespace; arrays keep order.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('canonical JSON has no representation for a non-finite number');
    if (value === undefined) throw new Error('canonical JSON has no representation for undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-256 of the canonical JSON of an array, fed in slices so a million entries never build one huge string. */
export function sha256OfCanonicalArray(items: readonly unknown[], slice = 4096): string {
  const hash = sha256.create();
  hash.update(utf8ToBytes('['));
  for (let i = 0; i < items.length; i += slice) {
    const part = items
      .slice(i, i + slice)
      .map(canonicalJson)
      .join(',');
    hash.update(utf8ToBytes(i === 0 ? part : `,${part}`));
  }
  hash.update(utf8ToBytes(']'));
  return bytesToHex(hash.digest());
}
