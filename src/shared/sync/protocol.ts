// Sync protocol, version 1 (see README "Sync"). The cursor is opaque to clients: it comes from the
// server's change sequence, never from a client clock.
import { z } from 'zod';
import { lineText } from '../text/plainText';
import {
  EVIDENCE_FIELDS,
  idSchema,
  checkItemSchema,
  departmentSchema,
  enterpriseSchema,
  inspectionPlanSchema,
  inspectionSectionSchema,
  inspectionTaskSchema,
  officerSchema,
  sectionCorrectionSchema,
  sha256Schema,
  unitSchema,
  type EvidenceField,
} from '../domain/model';

/** Every collection the server hands out, with the schema of its records. */
export const collectionSchemas = {
  departments: departmentSchema,
  units: unitSchema,
  officers: officerSchema,
  checkItems: checkItemSchema,
  enterprises: enterpriseSchema,
  plans: inspectionPlanSchema,
  tasks: inspectionTaskSchema,
  sections: inspectionSectionSchema,
  corrections: sectionCorrectionSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export type CollectionRecord<C extends CollectionName> = z.infer<(typeof collectionSchemas)[C]>;
export const COLLECTION_NAMES = Object.keys(collectionSchemas) as CollectionName[];
export const collectionNameSchema = z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]]);

/**
 * Pull answers HTTP 410 `{ error: "cursor_reset" }` (a version-1 addition) when a well-formed cursor cannot be served
 * incrementally: it is older than the server's scope-event retention (deletes in between were pruned) or it was never
 * issued by this server (e.g. a restored database). The client then does a replacement sync without losing work:
 * 1. push the outbox as usual (unsent mutations stay queued until acknowledged; nothing local is dropped);
 * 2. pull from the empty cursor into a staging area (or mark every server-owned record as unconfirmed);
 * 3. when the full pull completes, replace the server-owned collections with it in one transaction, keeping records
 *    that still have queued mutations (their server copy arrives with the next pull after the push), then store the
 *    new cursor. Interrupted before step 3, the old data stays usable and the replacement restarts.
 */
export const PULL_CURSOR_RESET = 'cursor_reset';

/**
 * Collections added after the first release. A v1 client rejects a page holding a collection it does not know, so
 * the endpoint sends these only to clients that ask for them (`include=corrections`).
 */
export const OPTIONAL_COLLECTIONS = ['corrections'] as const satisfies readonly CollectionName[];
export type OptionalCollection = (typeof OPTIONAL_COLLECTIONS)[number];

export function includedCollections(include: string | undefined): OptionalCollection[] {
  return (include ? include.split(',').filter(Boolean) : []) as OptionalCollection[];
}

export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;

export const pullQuerySchema = z.object({
  cursor: z.string().max(40).regex(/^\d*$/, 'cursor must come from a previous pull').default(''),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
  /** Comma-separated optional collections the client understands, e.g. `corrections`. */
  include: lineText()
    .max(200)
    .optional()
    .refine((value) => includedCollections(value).every((n) => (OPTIONAL_COLLECTIONS as readonly string[]).includes(n)), {
      message: `include lists optional collections the endpoint knows: ${OPTIONAL_COLLECTIONS.join(', ')}`,
    }),
  /**
   * `remaining=1` (a version-1 addition) asks for `remaining` in the answer. Counting the scope costs a scan, so a client
   * asks once per sync round (on its first page) and adds what it receives to that figure.
   */
  remaining: z.enum(['1']).optional(),
  /**
   * Version-1 addition: the `seq` of the snapshot the device bootstrapped its jurisdiction's profiles from (see
   * SnapshotManifest). Profiles of the jurisdiction at or below it are not sent again; deletes after it are. Sent on
   * every page of the pull that completes the bootstrap; the last page's cursor is then at least this value.
   */
  snapshot: z.string().max(40).regex(/^\d+$/, 'snapshot must be the seq of a snapshot manifest').optional(),
});
export type PullQuery = z.input<typeof pullQuerySchema>;

// One schema per collection, so a change's data is checked against its own collection.
const changeSchema = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('upsert'), collection: collectionNameSchema, id: z.string(), data: z.unknown() }),
    z.object({ op: z.literal('delete'), collection: collectionNameSchema, id: z.string() }),
  ])
  .superRefine((change, ctx) => {
    if (change.op !== 'upsert') return;
    const parsed = collectionSchemas[change.collection].safeParse(change.data);
    if (!parsed.success)
      ctx.addIssue({ code: 'custom', message: `invalid ${change.collection} record ${change.id}: ${parsed.error.message}` });
  });

export type Change =
  | { [C in CollectionName]: { op: 'upsert'; collection: C; id: string; data: CollectionRecord<C> } }[CollectionName]
  | { op: 'delete'; collection: CollectionName; id: string };

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  /**
   * Version-1 addition, sent when asked (`remaining=1`): how many records of the caller's scope changed after `cursor`,
   * counted from the server's data when the page was built, with those that entered the scope unchanged (an officer
   * moved). Scope deletions are not counted, so it is an estimate for progress bars, never a completeness check (that
   * is `hasMore`). Old clients ignore it.
   */
  remaining: z.number().int().nonnegative().optional(),
});
export type PullResponse = { changes: Change[]; cursor: string; hasMore: boolean; remaining?: number };
/**
 * A pull page's outer shape only, its changes unchecked: for a host whose pages are checked in full by the one that
 * stores them (the web app's sync worker, see pullStore.ts), so the window's thread does not validate them twice.
 */
export const pullEnvelopeSchema = pullResponseSchema.extend({ changes: z.array(z.unknown()) });

/**
 * Bootstrap (version-1 addition): the profiles of the caller's jurisdiction as they stood at change sequence `seq`, in
 * immutable chunks shared by every officer of that jurisdiction. Each chunk is fetched by its address (`sha256` of its
 * bytes, in the layout of snapshotChunk.ts that the client names in `layout`; an endpoint answers 404 to a layout it
 * does not build, and the client then pulls the profiles) and can be stored in any order; the device then pulls with
 * `snapshot=seq` from the empty cursor. Chunks hold every profile of the jurisdiction exactly once.
 */
export const snapshotQuerySchema = z.object({ layout: lineText().max(40).optional() });
export const snapshotManifestSchema = z.object({
  seq: z.string().regex(/^\d+$/),
  profiles: z.number().int().nonnegative(),
  chunks: z.array(z.object({ sha256: sha256Schema, profiles: z.number().int().positive(), size: z.number().int().positive() })),
});
export type SnapshotManifest = z.infer<typeof snapshotManifestSchema>;
/** Snapshot chunks a client downloads at once: enough to keep the line busy; an interruption loses at most these. */
export const SNAPSHOT_DOWNLOADS = 4;
export const snapshotChunkParamsSchema = z.object({ sha256: sha256Schema });
/** A snapshot chunk as a host hands it over: its bytes, checked against its address by the store. */
export const snapshotChunkBytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (Uint8Array)');

export const PUSH_MAX_MUTATIONS = 500;

const mutationBase = {
  mutationId: lineText().min(8).max(100),
  id: idSchema,
  baseVersion: z.number().int().nonnegative(),
};

export const sectionMutationSchema = z.object({ ...mutationBase, collection: z.literal('sections'), data: inspectionSectionSchema });
export const correctionMutationSchema = z.object({ ...mutationBase, collection: z.literal('corrections'), data: sectionCorrectionSchema });
const mutationSchemas = { sections: sectionMutationSchema, corrections: correctionMutationSchema } as const;

/**
 * The evidence fields (v1 additions) a mutation's data leaves out. Parsing fills them with empty values, but a client
 * older than the fields must not wipe what a newer one recorded: the endpoint keeps its stored values for these.
 */
export function evidenceFieldsAbsent(data: unknown): EvidenceField[] {
  if (typeof data !== 'object' || data === null) return [];
  return EVIDENCE_FIELDS.filter((field) => !Object.hasOwn(data, field));
}

/**
 * v1 clients send only `sections`; `corrections` was added alongside. Checked field by field (not as a discriminated
 * union, which stops at an unknown collection), so a bad request hears about every problem at once.
 */
export const mutationSchema = z
  .object({ ...mutationBase, collection: z.enum(['sections', 'corrections']), data: z.unknown() })
  .superRefine((mutation, ctx) => {
    const parsed = mutationSchemas[mutation.collection].shape.data.safeParse(mutation.data);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['data', ...issue.path] });
  })
  .transform((mutation): SectionMutation | CorrectionMutation => {
    const parsed = mutationSchemas[mutation.collection].parse(mutation) as SectionMutation | CorrectionMutation;
    const keepStored = evidenceFieldsAbsent(mutation.data);
    return keepStored.length > 0 ? { ...parsed, keepStored } : parsed;
  });

/** Set by parsing on the endpoint only (never sent): the evidence fields the client left out, see evidenceFieldsAbsent. */
type KeepStored = { keepStored?: EvidenceField[] };
export type SectionMutation = z.infer<typeof sectionMutationSchema> & KeepStored;
export type CorrectionMutation = z.infer<typeof correctionMutationSchema> & KeepStored;
export type Mutation = SectionMutation | CorrectionMutation;

export const pushRequestSchema = z.object({
  deviceId: idSchema,
  mutations: z.array(mutationSchema).min(1).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationStatusSchema = z.enum(['applied', 'duplicate', 'conflict', 'rejected']);
export type MutationStatus = z.infer<typeof mutationStatusSchema>;

export const mutationResultSchema = z.object({
  mutationId: z.string(),
  status: mutationStatusSchema,
  version: z.number().int().optional(),
  /**
   * The server's record on a conflict, and (a v1 addition) when a write is refused because the record is completed and
   * locked: a section, or a correction for a correction mutation.
   */
  current: z.union([inspectionSectionSchema, sectionCorrectionSchema]).optional(),
  /** Version-1 addition: on a conflict, the officer whose push wrote the current row, when the server knows it. */
  changedBy: z.string().optional(),
  errors: z.array(z.string()).optional(),
  /**
   * Version-1 addition, on `rejected` only: the endpoint failed to store the mutation (its content was not refused).
   * The app holds it apart with the reason and offers to send it again; older apps hold it as rejected.
   */
  failed: z.literal(true).optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(mutationResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;
