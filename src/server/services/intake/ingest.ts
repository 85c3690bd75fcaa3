// The one way records enter the platform: rows (from an uploaded file, or the demo) checked against the rule table,
// compared with what the platform holds under their natural key, stored as revisions with their status, and the
// profiles they change rebuilt. Runs inside the caller's transaction: a batch is stored whole or not at all.
import { sql } from 'drizzle-orm';
import { PERSONAL_ID_MASK, type IntakeCounts, type IntakeProblem } from '@shared/api/intake';
import { checkRecord, isDisputed, registerProblem, type CheckedRecord, type RawRecord } from '@shared/intake/check';
import { restoreCsvCell } from '@shared/text/csv';
import type { IntakeKind, IntakeRecordStatus } from '@shared/intake/kinds';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';
import { queryRows } from '../../db/open';
import { copier, jsonLines, type Transaction } from '../../db/writes';
import { fieldsText } from './fieldsText';
import type { ParsedRow } from './parse';
import { rebuildProfiles } from './profiles';

/** Rows checked and stored per round trip: a handful of statements per chunk, none per row. */
export const INGEST_CHUNK = 2000;
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
  /** The enterprise the revision is about ('' for none). */
  enterprise: string;
}

interface StoredRow {
  enterprise_uscc: string;
  id: string;
  row: number;
  natural_key: string | null;
  status: IntakeRecordStatus;
  fields: Record<string, string>;
  problems: IntakeProblem[];
  content_hash: string;
  current: boolean;
  return_state: 'open' | 'cleared' | null;
  cleared_by: string | null;
  clears: string | null;
  replaces: string | null;
}

export async function lockIntake(tx: Transaction): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${INTAKE_LOCK_KEY})`);
}

/** Stores a batch and its rows; answers its counts. The caller holds the transaction (and lockIntake). */
export async function ingestBatch(
  tx: Transaction,
  meta: BatchMeta,
  rows: AsyncIterable<readonly ParsedRow[]>,
  options: IngestOptions,
): Promise<IngestResult> {
  await tx.execute(sql`INSERT INTO intake_batches (id, kind, source, file_name, media_type, encoding, bytes, uploaded_by, period_start, counts)
    VALUES (${meta.id}, ${meta.kind}, ${meta.source}, ${meta.fileName}, ${meta.mediaType}, ${meta.encoding}, 0, ${meta.uploadedBy}, ${meta.periodStart}, ${JSON.stringify(emptyCounts())}::jsonb)`);
  const counts = emptyCounts();
  /** Enterprises whose current records the batch changes: its rows' that become current, and their replaced revisions'. */
  const changed = new Set<string>();
  const register: Register = new Map();
  // The next chunk is read and checked while the database stores the previous one: one chunk in flight at a time, so
  // each chunk's lookups still see every earlier chunk's rows.
  let inFlight: Promise<void> | null = null;
  const store = async (chunk: CheckedRow[]) => {
    if (inFlight) await inFlight;
    inFlight = ingestChunk(tx, meta, chunk, { counts, changed, register }, options.today);
    inFlight.catch(() => {}); // awaited below; a failure must not go unhandled while the next chunk is read
  };
  try {
    let chunk: CheckedRow[] = [];
    for await (const batch of rows) {
      for (const row of batch) {
        chunk.push({ ...row, checked: checkRecord(meta.kind, row.values, options.today) });
        if (chunk.length === INGEST_CHUNK) {
          await store(chunk);
          chunk = [];
        }
      }
    }
    if (chunk.length > 0) await store(chunk);
  } finally {
    // Settled before the transaction ends, whether the file was read to its end or refused halfway.
    await (inFlight as Promise<void> | null)?.catch(() => {});
  }
  await inFlight;
  await tx.execute(sql`UPDATE intake_batches SET counts = ${JSON.stringify(counts)}::jsonb, bytes = ${options.bytes()},
    open_returns = open_returns + ${counts.returned} WHERE id = ${meta.id}`);
  const profilesChanged = options.rebuildProfiles === false ? 0 : await rebuildProfiles(tx, changed);
  return { counts, profilesChanged };
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
    sql`SELECT natural_key AS key, id, content_hash AS hash, current, enterprise_uscc AS enterprise FROM intake_records
      WHERE kind = ${kind} AND natural_key = ANY(${sql.param(keys)}::text[]) AND (current OR status = 'disputed')`,
  );
  for (const row of rows) known.set(row.key, [...(known.get(row.key) ?? []), row]);
  return known;
}

/** Open returns of the source that these rows correct: named by a returns file's return id, or with the same key. */
async function openReturns(tx: Transaction, meta: BatchMeta, keys: string[], returnIds: string[]) {
  // One lookup per key (the index of keys) and per id (the index of ids), the test for an open return made outside
  // the lookup (OFFSET 0 keeps it out): PostgreSQL otherwise answered by the index of open returns, reading every open
  // return of the source and kind for each chunk, a cost that grew with the returns left uncorrected. A return found
  // by both comes twice and is kept once by the maps below.
  const open = sql`r.status = 'returned' AND r.return_state = 'open' AND r.source = ${meta.source} AND r.kind = ${meta.kind}`;
  const columns = sql`id, natural_key, fields, status, return_state, source, kind`;
  const rows = await queryRows<{ id: string; key: string | null; fields: Record<string, string> }>(
    tx,
    sql`SELECT r.id, r.natural_key AS key, r.fields FROM unnest(${sql.param(keys)}::text[]) AS k(key),
        LATERAL (SELECT ${columns} FROM intake_records WHERE kind = ${meta.kind} AND natural_key = k.key OFFSET 0) AS r WHERE ${open}
      UNION ALL SELECT r.id, r.natural_key, r.fields FROM unnest(${sql.param(returnIds)}::text[]) AS k(id),
        LATERAL (SELECT ${columns} FROM intake_records WHERE id = k.id OFFSET 0) AS r WHERE ${open}`,
  );
  return {
    byId: new Map(rows.map((row) => [row.id, row])),
    byKey: new Map(rows.filter((row) => row.key !== null).map((row) => [row.key!, row])),
  };
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

/** The written values of a row, as read back (trimmed, defused cells restored), empty ones left out. */
function writtenValues(values: RawRecord): Record<string, string> {
  const written: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const text = restoreCsvCell((value ?? '').trim());
    if (text !== '') written[name] = text;
  }
  return written;
}

const PERSONAL_FIELDS = (kind: IntakeKind) => INTAKE_TEMPLATES[kind].fields.filter((field) => field.personal).map((field) => field.name);

/** The columns of intake_records a StoredRow fills; the batch's own (BATCH_COLUMNS) follow them. */
const ROW_COLUMNS = [
  'enterprise_uscc',
  'id',
  'row',
  'natural_key',
  'status',
  'fields',
  'problems',
  'content_hash',
  'current',
  'return_state',
  'cleared_by',
  'clears',
  'replaces',
] as const satisfies readonly (keyof StoredRow)[];
const BATCH_COLUMNS = ['batch_id', 'kind', 'source', 'uploaded_by'] as const;

/** A row read from the file with its first check (before the register and what the platform holds). */
type CheckedRow = ParsedRow & { checked: CheckedRecord };

/** What a batch's chunks add up: its counts, the enterprises whose current records it changes, the register's lookups. */
interface BatchTotals {
  counts: IntakeCounts;
  changed: Set<string>;
  register: Register;
}

async function ingestChunk(
  tx: Transaction,
  meta: BatchMeta,
  rows: CheckedRow[],
  { counts, changed, register }: BatchTotals,
  today: string,
): Promise<void> {
  const template = INTAKE_TEMPLATES[meta.kind];
  const returnIds = rows.flatMap((row) => (row.returnId ? [row.returnId] : []));
  const firstPass = rows.map((row) => row.checked);
  const keys = [...new Set(firstPass.flatMap((record) => (record.key === null ? [] : [record.key])))];
  const returns = await openReturns(tx, meta, keys, returnIds);
  const personal = PERSONAL_FIELDS(meta.kind);

  // A returns file shows identity-card numbers masked: the masked cells of a correction keep the stored numbers.
  const checkedValues: RawRecord[] = rows.map((row) => {
    const corrected = row.returnId ? returns.byId.get(row.returnId) : undefined;
    if (!corrected) return row.values;
    const masked = personal.filter((name) => row.values[name]?.trim() === PERSONAL_ID_MASK);
    if (masked.length === 0) return row.values;
    const values = { ...row.values };
    for (const name of masked) values[name] = corrected.fields[name];
    return values;
  });
  const checked: CheckedRecord[] = checkedValues.map((values, i) =>
    values === rows[i]!.values ? firstPass[i]! : checkRecord(meta.kind, values, today),
  );

  const usccs = template.enterprise ? new Set(checked.flatMap((record) => (record.enterpriseUscc ? [record.enterpriseUscc] : []))) : [];
  // One after the other: a transaction's connection runs one statement at a time.
  await lookUpRegister(tx, register, usccs);
  const known = await knownRevisions(tx, meta.kind, keys);
  const penalties =
    meta.kind === 'repairs'
      ? await knownPenalties(tx, [...new Set(checked.map((r) => `${r.fields.penaltyAuthority} / ${r.fields.penaltyDecisionNumber}`))])
      : new Set<string>();

  const stored: StoredRow[] = [];
  /** The fields of each stored row as JSON text for COPY, where the checked fields are what is stored. */
  const storedFieldsJson: (string | null)[] = [];
  /** Rows of this chunk by id: a later row of the same file supersedes or clears them before they are stored. */
  const storedById = new Map<string, StoredRow>();
  const superseded: string[] = [];
  const cleared: { id: string; by: string }[] = [];
  rows.forEach((row, i) => {
    const record = checked[i]!;
    const problems: IntakeProblem[] = record.problems;
    const registerCheck = record.enterpriseUscc ? registerProblem(meta.kind, record, register.get(record.enterpriseUscc)) : null;
    if (registerCheck) problems.push(registerCheck);
    if (meta.kind === 'repairs' && record.fields.penaltyAuthority && record.fields.penaltyDecisionNumber) {
      const penaltyKey = `${record.fields.penaltyAuthority} / ${record.fields.penaltyDecisionNumber}`;
      if (!penalties.has(penaltyKey)) {
        problems.push({
          field: '行政处罚决定书文号',
          code: 'reference_unknown',
          message: `平台没有处罚机关「${record.fields.penaltyAuthority}」的行政处罚决定书「${record.fields.penaltyDecisionNumber}」`,
        });
      }
    }
    const id = `${meta.id}.${row.row}`;
    const { hash, json } = fieldsText(meta.kind, record.fields);
    const revisions = record.key === null ? [] : (known.get(record.key) ?? []);
    const current = revisions.find((revision) => revision.current);
    let status: IntakeRecordStatus;
    if (problems.length > 0) status = 'returned';
    else if (revisions.some((revision) => revision.hash === hash)) status = 'duplicate';
    else if (isDisputed(meta.kind, record.fields)) status = 'disputed';
    else status = current ? 'updated' : 'accepted';
    const becomesCurrent = status === 'accepted' || status === 'updated';

    // A resubmission (by return id, or of the same record) clears the department's open return, whatever its outcome.
    const corrected =
      (row.returnId ? returns.byId.get(row.returnId) : undefined) ?? (record.key ? returns.byKey.get(record.key) : undefined);
    if (corrected) {
      const earlier = storedById.get(corrected.id);
      if (earlier) Object.assign(earlier, { return_state: 'cleared', cleared_by: id });
      else cleared.push({ id: corrected.id, by: id });
      returns.byId.delete(corrected.id);
      if (corrected.key) returns.byKey.delete(corrected.key);
    }
    // Enterprises of no record ('') are left out by the rebuild.
    if (becomesCurrent) changed.add(record.enterpriseUscc ?? '');
    if (becomesCurrent && current) {
      const earlier = storedById.get(current.id);
      if (earlier) earlier.current = false;
      else superseded.push(current.id);
      current.current = false;
      changed.add(current.enterprise);
    }
    if (record.key !== null && (becomesCurrent || status === 'disputed')) {
      known.set(record.key, [...revisions, { id, hash, current: becomesCurrent, enterprise: record.enterpriseUscc ?? '' }]);
    }
    counts.received++;
    counts[status]++;
    const storedRow: StoredRow = {
      enterprise_uscc: record.enterpriseUscc ?? '',
      id,
      row: row.row,
      natural_key: record.key,
      status,
      // A returned row keeps what was written where a value failed its check, so the returns file shows it.
      fields: status === 'returned' ? { ...writtenValues(checkedValues[i]!), ...record.fields } : record.fields,
      problems,
      content_hash: hash,
      current: becomesCurrent,
      return_state: status === 'returned' ? 'open' : null,
      cleared_by: null,
      clears: corrected?.id ?? null,
      replaces: becomesCurrent && current ? current.id : null,
    };
    stored.push(storedRow);
    storedFieldsJson.push(status === 'returned' ? null : json);
    storedById.set(id, storedRow);
    if (status === 'returned' && record.key !== null) returns.byKey.set(record.key, { id, key: record.key, fields: storedRow.fields });
  });
  // Returns cleared within the file itself are counted at once; the batch's open returns add up at its end.
  const clearedHere = stored.filter((row) => row.return_state === 'cleared').length;
  if (clearedHere > 0) await tx.execute(sql`UPDATE intake_batches SET open_returns = open_returns - ${clearedHere} WHERE id = ${meta.id}`);

  if (superseded.length > 0)
    await tx.execute(sql`UPDATE intake_records SET current = false WHERE id = ANY(${sql.param(superseded)}::text[]) AND current`);
  const batchValues = [meta.id, meta.kind, meta.source, meta.uploadedBy];
  const copy = copier(tx);
  if (copy) {
    await copy(
      'intake_records',
      [...ROW_COLUMNS, ...BATCH_COLUMNS],
      stored.map((r, i) => [
        ...ROW_COLUMNS.map((column) => (column === 'fields' ? (storedFieldsJson[i] ?? r.fields) : r[column])),
        ...batchValues,
      ]),
    );
  } else {
    await tx.execute(sql`INSERT INTO intake_records (${sql.raw([...ROW_COLUMNS, ...BATCH_COLUMNS].join(', '))})
      SELECT ${sql.raw(ROW_COLUMNS.map((column) => `r.${column}`).join(', '))}, ${sql.join(
        batchValues.map((value) => sql`${value}`),
        sql`, `,
      )}
      FROM ${jsonLines(stored)}, LATERAL jsonb_populate_record(NULL::intake_records, line::jsonb) AS r`);
  }
  if (cleared.length > 0) {
    await tx.execute(sql`WITH cleared AS (
        UPDATE intake_records r SET return_state = 'cleared', cleared_by = c.by
        FROM jsonb_to_recordset(${JSON.stringify(cleared)}::jsonb) AS c(id text, by text)
        WHERE r.id = c.id AND r.status = 'returned' AND r.return_state = 'open' RETURNING r.batch_id)
      UPDATE intake_batches b SET open_returns = b.open_returns - c.n
      FROM (SELECT batch_id, count(*)::int AS n FROM cleared GROUP BY batch_id) c WHERE b.id = c.batch_id`);
  }
}
