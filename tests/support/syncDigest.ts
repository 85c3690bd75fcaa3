// Count and checksum per collection, to prove a device holds exactly what the server holds. Records are hashed as
// canonical JSON (sorted keys) in id order, so storage order and key order (jsonb reorders keys) do not matter.
import { createHash } from 'node:crypto';

export interface CollectionDigest {
  count: number;
  checksum: string;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function digestRecords(records: readonly { id: string }[]): CollectionDigest {
  const hash = createHash('sha256');
  for (const record of [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    hash.update(canonicalJson(record)).update('\n');
  return { count: records.length, checksum: hash.digest('hex') };
}

export function digestCollections(groups: Readonly<Record<string, readonly { id: string }[]>>): Record<string, CollectionDigest> {
  return Object.fromEntries(Object.entries(groups).map(([collection, records]) => [collection, digestRecords(records)]));
}
