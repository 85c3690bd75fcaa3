// The one way records enter the platform: rows (from an uploaded file, or the demo) checked against the rule table
// (prepare.ts), compared with what the platform holds under their natural key, stored as revisions with their status,
// and the profiles they change rebuilt. Runs inside the caller's transaction: a batch is stored whole or not at all.
import { sql } from 'drizzle-orm';
import { PERSONAL_ID_MASK, type IntakeCounts, type IntakeProblem } from '@shared/api/intake';
import { registerProblem } from '@shared/intake/check';
import type { IntakeKind, IntakeRecordStatus } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';
import { queryRows } from '../../db/open';
import { copyText } from '../../db/copyText';
import { copier, jsonLines, type Transaction } from '../../db/writes';
import { fieldsAt, replaceFields } from './fieldsColumn';
import { prepareRow, type PreparedRows } from './prepare';
import { rebuildProfiles } from './profiles';

/** One intake at a time: natural keys are matched against what earlier batches stored. */
const INTAKE_LOCK_KEY = 0x1a7e;

export interface BatchMeta {
  id: string;
  kind: IntakeKind;
  source: string;
  uploadedBy: string;
  fileName: string;
  mediaType: string;
  encoding: string | null;
  periodStart: string;
}

export interface IngestOptions {
  /** Asia/Shanghai date against which dates may not be in the future. */
  today: string;
  /** The file's size once read (the parser counts it). */
  bytes: () => number;
  /** False: leave the profiles to the caller (the demo rebuilds them once after all its batches). */
  rebuildProfiles?: boolean;
}

export interface IngestResult {
  counts: IntakeCounts;
  profilesChanged: number;
}

const emptyCounts = (): IntakeCounts => ({ received: 0, accepted: 0, updated: 0, duplicate: 0, returned: 0, disputed: 0 });

interface KnownRevision {
  id: string;
  hash: string;
  current: boolean;
  disputed: boolean;
  /** The enterprise the revision is about ('' for none). */
  enterprise: string;
}

export async function lockIntake(tx: Transaction): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${INTAKE_LOCK_KEY})`);
}

/** Stores a batch and its rows; answers its counts. The caller holds the transaction (and lockIntake). */
export async function ingestBatch(
  tx: Transaction,
  meta: BatchMeta,
  rows: AsyncIterable<PreparedRows>,
  options: IngestOptions,
): Promise<IngestResult> {
  await tx.execute(sql`INSERT INTO intake_batches (id, kind, source, file_name, media_type, encoding, bytes, uploaded_by, period_start, counts)
    VALUES (${meta.id}, ${meta.kind}, ${meta.source}, ${meta.fileName}, ${meta.mediaType}, ${meta.encoding}, 0, ${meta.uploadedBy}, ${meta.periodStart}, ${JSON.stringify(emptyCounts())}::jsonb)`);
  const counts = emptyCounts();
  /** Enterprises whose current records the batch changes: its rows' that become current, and their replaced revisions'. */
  const changed = new Set<string>();
  const register: Register = new Map();
  const db = serial();
  // A chunk's lookups are sent once the chunk before last is handed to the database, before the chunk before it is
  // stored: the event loop decides that chunk while the database stores the one before and answers the next one's
  // lookups. The lookups so miss at most the outcome of the chunk before, which corrects them (`correct`).
  let decided: Promise<Carried | null> = Promise.resolve(null);
  try {
    let before: Promise<unknown> = decided;
    for await (const chunk of rows) {
      await before;
      const answers = db(() => lookUp(tx, meta, chunk, register));
      const previous = decided;
      before = previous;
      decided = (async () => {
        const corrected = correct(await answers, await previous);
        return decideChunk(tx, db, meta, chunk, corrected, { counts, changed, register }, options.today);
      })();
      // Awaited in turn; a failure must not go unhandled while the next chunk is read.
      answers.catch(() => {});
      decided.catch(() => {});
    }
    await decided;
    await db(async () => {});
  } finally {
    // Settled before the transaction ends, whether the file was read to its end or refused halfway.
    await decided.catch(() => {});
    await db(async () => {}).catch(() => {});
  }
  await tx.execute(sql`UPDATE intake_batches SET counts = ${JSON.stringify(counts)}::jsonb, bytes = ${options.bytes()},
    open_returns = open_returns + ${counts.returned} WHERE id = ${meta.id}`);
  const profilesChanged = options.rebuildProfiles === false ? 0 : await rebuildProfiles(tx, changed);
  return { counts, profilesChanged };
}

/** Runs a transaction's work in jobs of statements, one job after another, as the connection runs one statement at a time. */
type Serial = <T>(job: () => Promise<T>) => Promise<T>;

/** A job after a failed one does not run: its promise rejects with the failure. */
function serial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>) => {
    const run = tail.then(job);
    tail = run;
    run.catch(() => {}); // its caller or a later job reports it
    return run;
  };
}

/**
 * Registered names by USCC (undefined: not registered), of the enterprises a batch's rows named so far. The register
 * (registrations accepted so far) stays as it is while a batch about other kinds is stored, as every writer of intake
 * records holds the intake lock: each enterprise is looked up once a batch, not once each chunk that names it (about
 * 4 µs of the database's CPU each, most of it taking the registration's fields out of their compression).
 */
type Register = Map<string, string | undefined>;

/** Adds these enterprises' registered names to the register's lookups. */
async function lookUpRegister(tx: Transaction, register: Register, usccs: Iterable<string>): Promise<void> {
  const unknown = [...usccs].filter((uscc) => !register.has(uscc));
  if (unknown.length === 0) return;
  const rows = await queryRows<{ uscc: string; name: string }>(
    tx,
    sql`SELECT enterprise_uscc AS uscc, fields->>'name' AS name FROM intake_records
      WHERE enterprise_uscc = ANY(${sql.param(unknown)}::text[]) AND kind = 'registrations' AND current`,
  );
  for (const uscc of unknown) register.set(uscc, undefined);
  for (const row of rows) register.set(row.uscc, row.name);
}

/** Current and disputed revisions of these keys: what a new revision is compared with. */
async function knownRevisions(tx: Transaction, kind: IntakeKind, keys: string[]): Promise<Map<string, KnownRevision[]>> {
  const known = new Map<string, KnownRevision[]>();
  if (keys.length === 0) return known;
  const rows = await queryRows<KnownRevision & { key: string }>(
    tx,
    sql`SELECT natural_key AS key, id, content_hash AS hash, current, status = 'disputed' AS disputed, enterprise_uscc AS enterprise
      FROM intake_records WHERE kind = ${kind} AND natural_key = ANY(${sql.param(keys)}::text[]) AND (current OR status = 'disputed')`,
  );
  for (const row of rows) known.set(row.key, [...(known.get(row.key) ?? []), row]);
  return known;
}

/** An open return of the source: a returned record not corrected yet. */
interface OpenReturn {
  id: string;
  key: string | null;
  fields: Record<string, string>;
}

/** Open returns of the source that these rows correct: named by a returns file's return id, or with the same key. */
async function openReturns(tx: Transaction, meta: BatchMeta, keys: string[], returnIds: string[]): Promise<OpenReturn[]> {
  // One lookup per key (the index of keys) and per id (the index of ids), the test for an open return made outside
  // the lookup (OFFSET 0 keeps it out): PostgreSQL otherwise answered by the index of open returns, reading every open
  // return of the source and kind for each chunk, a cost that grew with the returns left uncorrected. A return found
  // by both comes twice and is kept once by the maps of `decideChunk`.
  const open = sql`r.status = 'returned' AND r.return_state = 'open' AND r.source = ${meta.source} AND r.kind = ${meta.kind}`;
  const columns = sql`id, natural_key, fields, status, return_state, source, kind`;
  return queryRows<OpenReturn>(
    tx,
    sql`SELECT r.id, r.natural_key AS key, r.fields FROM unnest(${sql.param(keys)}::text[]) AS k(key),
        LATERAL (SELECT ${columns} FROM intake_records WHERE kind = ${meta.kind} AND natural_key = k.key OFFSET 0) AS r WHERE ${open}
      UNION ALL SELECT r.id, r.natural_key, r.fields FROM unnest(${sql.param(returnIds)}::text[]) AS k(id),
        LATERAL (SELECT ${columns} FROM intake_records WHERE id = k.id OFFSET 0) AS r WHERE ${open}`,
  );
}

/** Penalties a repair may refer to (authority / decision number). */
async function knownPenalties(tx: Transaction, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ key: string }>(
    tx,
    sql`SELECT natural_key AS key FROM intake_records WHERE kind = 'penalties' AND natural_key = ANY(${sql.param(keys)}::text[]) AND current`,
  );
  return new Set(rows.map((row) => row.key));
}

const penaltyKey = ([authority, decisionNumber]: readonly [string, string]) => `${authority} / ${decisionNumber}`;

/** What the database answers about a chunk's rows. */
interface Answers {
  /** The chunk's natural keys and the return ids its rows name, as asked. */
  keys: string[];
  returnIds: string[];
  returns: OpenReturn[];
  known: Map<string, KnownRevision[]>;
  /** Penalties the chunk's repairs refer to that the platform holds. */
  penalties: Set<string>;
}

/**
 * A chunk's lookups, one statement after another. A returns file shows identity-card numbers masked and the rows
 * with such cells are checked again once the stored numbers are known (decideChunk): the keys and USCCs asked for
 * here are not among those cells.
 */
async function lookUp(tx: Transaction, meta: BatchMeta, rows: PreparedRows, register: Register): Promise<Answers> {
  const keys = [...new Set(rows.key.filter((key) => key !== null))];
  const returnIds = rows.returnId.filter((id) => id !== null);
  const returns = await openReturns(tx, meta, keys, returnIds);
  if (INTAKE_TEMPLATES[meta.kind].enterprise) await lookUpRegister(tx, register, new Set(rows.uscc.filter((uscc) => uscc !== null)));
  const known = await knownRevisions(tx, meta.kind, keys);
  const penalties =
    meta.kind === 'repairs'
      ? await knownPenalties(tx, [...new Set(rows.penalty.flatMap((penalty) => (penalty ? [penaltyKey(penalty)] : [])))])
      : new Set<string>();
  return { keys, returnIds, returns, known, penalties };
}

/** What a chunk changed of the lookups' answers: the lookups of the chunk after it may have run before it was stored. */
interface Carried {
  /** The current and disputed revisions of the chunk's keys once it is stored. */
  known: Map<string, KnownRevision[]>;
  /** The chunk's returns left open, their fields as stored. */
  opened: { id: string; key: string | null; fields: string }[];
  /** Open returns of earlier chunks and batches that the chunk cleared. */
  cleared: Set<string>;
}

/** The answers as they would be once the chunk before is stored (whether or not they already saw it). */
function correct(answers: Answers, carried: Carried | null): Answers {
  if (!carried) return answers;
  for (const key of answers.keys) {
    const revisions = carried.known.get(key);
    if (revisions) answers.known.set(key, revisions);
  }
  const returns = answers.returns.filter((open) => !carried.cleared.has(open.id));
  const found = new Set(returns.map((open) => open.id));
  const keys = new Set(answers.keys);
  const ids = new Set(answers.returnIds);
  for (const { id, key, fields } of carried.opened) {
    if (!found.has(id) && ((key !== null && keys.has(key)) || ids.has(id))) returns.push({ id, key, fields: JSON.parse(fields) });
  }
  return { ...answers, returns };
}

const PERSONAL_FIELDS = (kind: IntakeKind) => INTAKE_TEMPLATES[kind].fields.filter((field) => field.personal).map((field) => field.name);

/** The columns of intake_records a chunk's COPY text fills, in its order: the fields last, as they come already in COPY's format. */
const COPY_COLUMNS = [
  'enterprise_uscc',
  'id',
  'row',
  'natural_key',
  'status',
  'problems',
  'content_hash',
  'current',
  'return_state',
  'cleared_by',
  'clears',
  'replaces',
  'batch_id',
  'kind',
  'source',
  'uploaded_by',
  'fields',
] as const;

/** What a batch's chunks add up: its counts, the enterprises whose current records it changes, the register's lookups. */
interface BatchTotals {
  counts: IntakeCounts;
  changed: Set<string>;
  register: Register;
}

/** What a chunk's rows become, besides what prepare.ts gave them: by the row's index in the chunk. */
interface Outcome {
  id: string[];
  status: IntakeRecordStatus[];
  problems: (IntakeProblem[] | null)[];
  current: boolean[];
  returnState: ('open' | 'cleared' | null)[];
  clearedBy: (string | null)[];
  clears: (string | null)[];
  replaces: (string | null)[];
}

/**
 * Rows decided between two turns of the event loop: the database's answers to other work (the chunk before's storing,
 * the next chunk's lookups) are taken up meanwhile, so that the database does not wait for a whole chunk's decisions.
 */
const ROWS_PER_TURN = 250;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Decides a chunk's rows from the database's answers and hands them to the database to store; answers what it changed. */
async function decideChunk(
  tx: Transaction,
  db: Serial,
  meta: BatchMeta,
  rows: PreparedRows,
  answers: Answers,
  { counts, changed, register }: BatchTotals,
  today: string,
): Promise<Carried> {
  const size = rows.row.length;
  const returns = {
    byId: new Map(answers.returns.map((open) => [open.id, open])),
    byKey: new Map<string, { id: string; key: string | null }>(
      answers.returns.filter((open) => open.key !== null).map((open) => [open.key!, open]),
    ),
  };
  const personal = PERSONAL_FIELDS(meta.kind);

  // A returns file shows identity-card numbers masked: the masked cells of a correction keep the stored numbers, and
  // the row is checked again with them.
  const unmaskedFields = new Map<number, string>();
  rows.returnId.forEach((returnId, i) => {
    const corrected = returnId ? returns.byId.get(returnId) : undefined;
    const values = rows.values[i];
    if (!corrected || !values) return;
    const masked = personal.filter((name) => values[name]?.trim() === PERSONAL_ID_MASK);
    if (masked.length === 0) return;
    const unmasked = { ...values };
    for (const name of masked) unmasked[name] = corrected.fields[name];
    unmaskedFields.set(i, prepareRow(rows, meta.kind, { row: rows.row[i]!, values: unmasked, returnId }, today, i));
  });
  if (unmaskedFields.size > 0) rows.fields = replaceFields(rows.fields, unmaskedFields);

  const { known, penalties } = answers;
  const out: Outcome = { id: [], status: [], problems: [], current: [], returnState: [], clearedBy: [], clears: [], replaces: [] };
  /** Rows of this chunk that a later row of the same file may supersede or clear before they are stored, by id. */
  const indexById = new Map<string, number>();
  const superseded: string[] = [];
  const cleared: { id: string; by: string }[] = [];
  for (let i = 0; i < size; i++) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
    const uscc = rows.uscc[i] ?? null;
    const key = rows.key[i] ?? null;
    const hash = rows.hash[i]!;
    let problems = rows.problems[i] ?? null;
    const registerCheck = uscc ? registerProblem(meta.kind, uscc, rows.name[i] ?? undefined, register.get(uscc)) : null;
    if (registerCheck) problems = [...(problems ?? []), registerCheck];
    const penalty = rows.penalty[i];
    if (penalty && !penalties.has(penaltyKey(penalty))) {
      problems = [
        ...(problems ?? []),
        {
          field: '行政处罚决定书文号',
          code: 'reference_unknown',
          message: `平台没有处罚机关「${penalty[0]}」的行政处罚决定书「${penalty[1]}」`,
        },
      ];
    }
    const id = `${meta.id}.${rows.row[i]}`;
    const revisions = key === null ? [] : (known.get(key) ?? []);
    const current = revisions.find((revision) => revision.current);
    let status: IntakeRecordStatus;
    if (problems) status = 'returned';
    else if (revisions.some((revision) => revision.hash === hash)) status = 'duplicate';
    else if (rows.disputed[i]) status = 'disputed';
    else status = current ? 'updated' : 'accepted';
    const becomesCurrent = status === 'accepted' || status === 'updated';

    // A resubmission (by return id, or of the same record) clears the department's open return, whatever its outcome.
    const returnId = rows.returnId[i];
    const corrected = (returnId ? returns.byId.get(returnId) : undefined) ?? (key ? returns.byKey.get(key) : undefined);
    if (corrected) {
      const earlier = indexById.get(corrected.id);
      if (earlier !== undefined) {
        out.returnState[earlier] = 'cleared';
        out.clearedBy[earlier] = id;
      } else cleared.push({ id: corrected.id, by: id });
      returns.byId.delete(corrected.id);
      if (corrected.key) returns.byKey.delete(corrected.key);
    }
    // Enterprises of no record ('') are left out by the rebuild.
    if (becomesCurrent) changed.add(uscc ?? '');
    if (becomesCurrent && current) {
      const earlier = indexById.get(current.id);
      if (earlier !== undefined) out.current[earlier] = false;
      else superseded.push(current.id);
      current.current = false;
      changed.add(current.enterprise);
    }
    if (key !== null && (becomesCurrent || status === 'disputed')) {
      known.set(key, [...revisions, { id, hash, current: becomesCurrent, disputed: status === 'disputed', enterprise: uscc ?? '' }]);
    }
    counts.received++;
    counts[status]++;
    out.id.push(id);
    out.status.push(status);
    out.problems.push(problems);
    out.current.push(becomesCurrent);
    out.returnState.push(status === 'returned' ? 'open' : null);
    out.clearedBy.push(null);
    out.clears.push(corrected?.id ?? null);
    out.replaces.push(becomesCurrent && current ? current.id : null);
    if (becomesCurrent || status === 'returned') indexById.set(id, i);
    if (status === 'returned' && key !== null) returns.byKey.set(key, { id, key });
  }

  const copy = copier(tx);
  const data = copy ? await copyData(meta, rows, out) : null;
  void db(async () => {
    // Returns cleared within the file itself are counted at once; the batch's open returns add up at its end.
    const clearedHere = out.returnState.filter((state) => state === 'cleared').length;
    if (clearedHere > 0)
      await tx.execute(sql`UPDATE intake_batches SET open_returns = open_returns - ${clearedHere} WHERE id = ${meta.id}`);
    if (superseded.length > 0)
      await tx.execute(sql`UPDATE intake_records SET current = false WHERE id = ANY(${sql.param(superseded)}::text[]) AND current`);
    if (copy) await copy('intake_records', COPY_COLUMNS, data!);
    else {
      await tx.execute(sql`INSERT INTO intake_records (${sql.raw(COPY_COLUMNS.join(', '))})
        SELECT ${sql.raw(COPY_COLUMNS.map((column) => `r.${column}`).join(', '))}
        FROM ${jsonLines(jsonRows(meta, rows, out))}, LATERAL jsonb_populate_record(NULL::intake_records, line::jsonb) AS r`);
    }
    if (cleared.length > 0) {
      await tx.execute(sql`WITH cleared AS (
          UPDATE intake_records r SET return_state = 'cleared', cleared_by = c.by
          FROM jsonb_to_recordset(${JSON.stringify(cleared)}::jsonb) AS c(id text, by text)
          WHERE r.id = c.id AND r.status = 'returned' AND r.return_state = 'open' RETURNING r.batch_id)
        UPDATE intake_batches b SET open_returns = b.open_returns - c.n
        FROM (SELECT batch_id, count(*)::int AS n FROM cleared GROUP BY batch_id) c WHERE b.id = c.batch_id`);
    }
  });

  return {
    known: new Map(answers.keys.map((key) => [key, (known.get(key) ?? []).filter((revision) => revision.current || revision.disputed)])),
    opened: out.id.flatMap((id, i) =>
      out.returnState[i] === 'open' ? [{ id, key: rows.key[i] ?? null, fields: fieldsAt(rows.fields, i) }] : [],
    ),
    cleared: new Set(cleared.map((return_) => return_.id)),
  };
}

/** A chunk's rows in COPY's text format, in the order of COPY_COLUMNS, as UTF-8: each row's other columns, then its fields. */
async function copyData(meta: BatchMeta, rows: PreparedRows, out: Outcome): Promise<Uint8Array> {
  const batch = [meta.id, meta.kind, meta.source, meta.uploadedBy].map(copyText).join('\t');
  const text = (value: string | null) => (value === null ? '\\N' : copyText(value));
  const { bytes: fields, ends } = rows.fields;
  const heads: string[] = [];
  // At most 3 bytes per UTF-16 unit.
  let bound = fields.byteLength;
  for (let i = 0; i < out.id.length; i++) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
    const head = `${[
      copyText(rows.uscc[i] ?? ''),
      copyText(out.id[i]!),
      rows.row[i],
      text(rows.key[i] ?? null),
      out.status[i],
      out.problems[i] ? copyText(JSON.stringify(out.problems[i])) : '[]',
      rows.hash[i],
      out.current[i] ? 't' : 'f',
      out.returnState[i] ?? '\\N',
      text(out.clearedBy[i] ?? null),
      text(out.clears[i] ?? null),
      text(out.replaces[i] ?? null),
      batch,
    ].join('\t')}\t`;
    heads.push(head);
    bound += head.length * 3;
  }
  const data = Buffer.allocUnsafe(bound);
  let at = 0;
  let start = 0;
  for (let i = 0; i < heads.length; i++) {
    at += data.write(heads[i]!, at);
    data.set(fields.subarray(start, ends[i]), at);
    at += ends[i]! - start;
    start = ends[i]!;
  }
  return data.subarray(0, at);
}

/** A chunk's rows as JSON objects with intake_records' column names (PGlite, which has no COPY), the fields spliced in. */
function jsonRows(meta: BatchMeta, rows: PreparedRows, out: Outcome): string[] {
  return out.id.map((id, i) => {
    const columns = {
      enterprise_uscc: rows.uscc[i] ?? '',
      id,
      row: rows.row[i],
      natural_key: rows.key[i],
      status: out.status[i],
      problems: out.problems[i] ?? [],
      content_hash: rows.hash[i],
      current: out.current[i],
      return_state: out.returnState[i],
      cleared_by: out.clearedBy[i],
      clears: out.clears[i],
      replaces: out.replaces[i],
      batch_id: meta.id,
      kind: meta.kind,
      source: meta.source,
      uploaded_by: meta.uploadedBy,
    };
    return `${JSON.stringify(columns).slice(0, -1)},"fields":${fieldsAt(rows.fields, i)}}`;
  });
}
