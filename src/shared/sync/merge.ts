// Field-level three-way merge of what an officer records in a section (or in a section's correction), used when a push
// meets a `conflict`: base = the server version the local edit started from, local = the officer's record, server =
// the server's current row. A record is cut into slots (each check item's result, each section-level field, each
// signature kind, each photo, each team member's presence); a slot changed on one side only takes that side, a slot
// changed differently on both sides is a conflict the officer settles. Pure: no storage, no clock.
import type { AttachmentMeta, InspectionSection, ItemResult, OfficerWritableField } from '../domain/model';
import { SIGNATURE_KINDS, sectionCompletionProblems, type SignatureKind } from '../domain/sectionRules';

/** Section-level fields merged as whole values. */
const FIELD_SLOTS = ['resultCategory', 'checkIn', 'representativeName', 'findings', 'inspectionRefusal', 'signatureRefusal'] as const;
type FieldSlot = (typeof FIELD_SLOTS)[number];

/** The recorded content and the server-owned fields the merge reads; sections and corrections both have them. */
export type RecordedContent = Pick<InspectionSection, 'checkItemIds' | OfficerWritableField | 'version'>;

/**
 * One mergeable part of a record. `item:<checkItemId>` is an item result as a whole value (outcome, note and whatever
 * else an item result carries); `signature:<kind>` the signature of that kind (officer signatures by their signer:
 * `signature:officer_signature:<officerId>`; the bare key is a signature without one); `photo:<id>` any other attachment;
 * `team:<officerId>` whether that officer was present; `completion` is status, completedBy and completedAt together.
 */
export type SlotKey =
  | `item:${string}`
  | FieldSlot
  | 'completion'
  | `signature:${SignatureKind}`
  | `signature:officer_signature:${string}`
  | `photo:${string}`
  | `team:${string}`;

export interface Completion {
  status: InspectionSection['status'];
  completedBy: string | null;
  completedAt: string | null;
}

export interface MergeConflict {
  key: SlotKey;
  /** The slot's value in the base (undefined when there was no base to compare with). */
  base?: unknown;
  local: unknown;
  server: unknown;
}

export type MergeOutcome<R extends RecordedContent> =
  /** `merged` stands on the server's version; where conflicts remain it holds the local value until the officer picks. */
  | { kind: 'merged'; merged: R; conflicts: MergeConflict[] }
  /** The server's copy is completed: nobody may change it any more (a correction is a new, linked record). */
  | { kind: 'locked' };

export type ConflictChoice = 'local' | 'server';

/** Stable JSON (sorted keys), so values are compared by content whatever order their fields were written in. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? 'undefined'
  );
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

const isSignature = (a: AttachmentMeta): a is AttachmentMeta & { kind: SignatureKind } =>
  (SIGNATURE_KINDS as readonly string[]).includes(a.kind);

/** The slot id of a signature: its kind, and for an officer signature with a signer, the signer too. */
const signatureSlot = (a: AttachmentMeta) => (a.kind === 'officer_signature' && a.signedBy ? `officer_signature:${a.signedBy}` : a.kind);

/** Every slot a record has a value in. */
function slotsOf(record: RecordedContent): SlotKey[] {
  return [
    ...record.itemResults.map((r) => `item:${r.checkItemId}` as const),
    ...FIELD_SLOTS,
    'completion',
    ...SIGNATURE_KINDS.map((kind) => `signature:${kind}` as const),
    ...record.attachments
      .filter((a) => a.kind === 'officer_signature' && a.signedBy)
      .map((a) => `signature:${signatureSlot(a)}` as SlotKey),
    ...record.attachments.filter((a) => !isSignature(a)).map((a) => `photo:${a.id}` as const),
    ...record.teamPresent.map((id) => `team:${id}` as const),
  ];
}

/** A slot's value in a record; absent items, photos and signatures are null, an absent team member false. */
export function slotValue(record: RecordedContent, key: SlotKey): unknown {
  const [kind, id] = splitKey(key);
  switch (kind) {
    case 'item':
      return record.itemResults.find((r) => r.checkItemId === id) ?? null;
    case 'resultCategory':
    case 'checkIn':
    case 'representativeName':
    case 'findings':
    case 'inspectionRefusal':
    case 'signatureRefusal':
      return record[kind];
    case 'completion':
      return { status: record.status, completedBy: record.completedBy, completedAt: record.completedAt } satisfies Completion;
    case 'signature':
      return record.attachments.find((a) => isSignature(a) && signatureSlot(a) === id) ?? null;
    case 'photo':
      return record.attachments.find((a) => a.id === id) ?? null;
    case 'team':
      return record.teamPresent.includes(id);
  }
}

/** The record with one slot set; item results stay in the order of the record's check items. */
export function withSlotValue<R extends RecordedContent>(record: R, key: SlotKey, value: unknown): R {
  const [kind, id] = splitKey(key);
  switch (kind) {
    case 'item': {
      const others = record.itemResults.filter((r) => r.checkItemId !== id);
      const itemResults = value ? [...others, value as ItemResult] : others;
      const order = (r: ItemResult) => {
        const at = record.checkItemIds.indexOf(r.checkItemId);
        return at < 0 ? Number.MAX_SAFE_INTEGER : at;
      };
      return { ...record, itemResults: itemResults.sort((a, b) => order(a) - order(b)) };
    }
    case 'resultCategory':
    case 'checkIn':
    case 'representativeName':
    case 'findings':
    case 'inspectionRefusal':
    case 'signatureRefusal':
      return { ...record, [kind]: value };
    case 'completion':
      return { ...record, ...(value as Completion) };
    case 'signature':
    case 'photo': {
      const replaced = (a: AttachmentMeta) => (kind === 'signature' ? isSignature(a) && signatureSlot(a) === id : a.id === id);
      const at = record.attachments.findIndex(replaced);
      const others = record.attachments.filter((a) => !replaced(a));
      if (!value) return { ...record, attachments: others };
      // Keep the attachment's place when it is replaced; new ones go last.
      others.splice(at < 0 ? others.length : at, 0, value as AttachmentMeta);
      return { ...record, attachments: others };
    }
    case 'team': {
      const others = record.teamPresent.filter((officerId) => officerId !== id);
      return { ...record, teamPresent: value ? [...others, id] : others };
    }
  }
}

type SlotKind = 'item' | FieldSlot | 'completion' | 'signature' | 'photo' | 'team';

function splitKey(key: SlotKey): [SlotKind, string] {
  const colon = key.indexOf(':');
  return colon < 0 ? [key as SlotKind, ''] : [key.slice(0, colon) as SlotKind, key.slice(colon + 1)];
}

/** Whether two records hold the same recorded content (structure and version aside). */
export function sameRecordedContent(a: RecordedContent, b: RecordedContent): boolean {
  return [...new Set([...slotsOf(a), ...slotsOf(b)])].every((key) => sameValue(slotValue(a, key), slotValue(b, key)));
}

/**
 * Merges the officer's record into the server's. `base` is null when the local edit's starting point is unknown (a
 * mutation queued by an older app version): then every slot where the two sides differ is a conflict.
 */
export function mergeRecorded<R extends RecordedContent>(base: RecordedContent | null, local: RecordedContent, server: R): MergeOutcome<R> {
  if (server.status === 'completed') return { kind: 'locked' };
  // Conflicts are listed as the form shows them: the items in the section's order, then the rest of the record.
  const kinds: SlotKind[] = [
    'item',
    'resultCategory',
    'checkIn',
    'team',
    'findings',
    'inspectionRefusal',
    'representativeName',
    'signatureRefusal',
    'signature',
    'photo',
    'completion',
  ];
  const rank = (key: SlotKey) => {
    const [kind, id] = splitKey(key);
    const at = kind === 'item' ? server.checkItemIds.indexOf(id) : -1;
    return kinds.indexOf(kind) * 10_000 + (at < 0 ? 9_999 : at);
  };
  const keys = [...new Set([...(base ? slotsOf(base) : []), ...slotsOf(local), ...slotsOf(server)])]
    .map((key, i) => ({ key, i }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
    .map(({ key }) => key);
  let merged = server;
  const conflicts: MergeConflict[] = [];
  for (const key of keys) {
    const l = slotValue(local, key);
    const s = slotValue(server, key);
    if (sameValue(l, s)) continue;
    if (base) {
      const b = slotValue(base, key);
      if (sameValue(l, b)) continue; // only the server changed it: the server's value is already in `merged`
      if (sameValue(s, b)) {
        merged = withSlotValue(merged, key, l);
        continue;
      }
      conflicts.push({ key, base: b, local: l, server: s });
    } else {
      conflicts.push({ key, local: l, server: s });
    }
    merged = withSlotValue(merged, key, l);
  }
  // A completion is the officer's statement about the whole record: once the server's changes are mixed in, it holds
  // only if the merged record still passes the completion rules; otherwise the officer decides.
  const completedLocally = local.status === 'completed' && !conflicts.some((c) => c.key === 'completion');
  const serverChangedSomething = keys.some((key) => !sameValue(slotValue(merged, key), slotValue(local, key)));
  if (completedLocally && serverChangedSomething && sectionCompletionProblems(merged).length > 0) {
    conflicts.push({
      key: 'completion',
      ...(base ? { base: slotValue(base, 'completion') } : {}),
      local: slotValue(local, 'completion'),
      server: slotValue(server, 'completion'),
    });
  }
  return { kind: 'merged', merged, conflicts };
}

/**
 * Settles conflicts on a record that holds the local values: every slot the officer gives to the server takes the
 * server's value. Slots without a choice keep the record's (local) value.
 */
export function resolveConflicts<R extends RecordedContent>(
  record: R,
  conflicts: readonly MergeConflict[],
  choices: Readonly<Partial<Record<SlotKey, ConflictChoice>>>,
): R {
  let resolved = record;
  for (const conflict of conflicts) {
    if (choices[conflict.key] === 'server') resolved = withSlotValue(resolved, conflict.key, conflict.server);
  }
  return resolved;
}
