// Pull: every change in the officer's scope after a cursor, ordered by the global change sequence.
//
// Cursor: the change_seq of the last change handed out. It is safe because every write draws its change_seq under one
// transaction-long advisory lock (statement triggers of migration 0004_sync_triggers, and lockWrites in db/writes.ts):
// writers commit in the order they draw, so when a pull sees change N committed, every change below N is committed
// too and no later commit can land below the cursor. We chose this over handing out only changes below the oldest
// in-flight transaction (pg_snapshot_xmin): a sequence value is drawn before the writer's xid is known, so the xmin
// bound needs a per-row xid column and a two-part cursor, while the write volume here (section pushes of officers,
// occasional admin and seeding) is far below what one lock serialises. The triggers make the lock impossible to forget.
// PGlite has one connection and runs transactions one at a time anyway.
//
// Scope changes: scope_events (written by triggers) become `delete` changes for records that are no longer in the
// officer's scope, and `entered` events (an officer moved to another unit or role) upserts of records now in it. Events are pruned after a retention period (services/scope.ts); a cursor older than what remains, or
// one the server never issued, is answered 410 `cursor_reset` (see protocol.ts for what the client does then).
//
// A first (or replacement) pull walks the whole history of the scope, so its pages' sequences can lie far below the
// retention horizon. What it hands out reflects every scope event committed when it began, so only events after that
// point matter to the device: its cursors carry that point, the baseline, while their sequence is below it, and are
// served as long as no event after the baseline was pruned.
import { sql, type SQL } from 'drizzle-orm';
import type { Officer } from '@shared/domain/model';
import { OPTIONAL_COLLECTIONS, PULL_CURSOR_RESET, type Change, type CollectionName, type OptionalCollection } from '@shared/sync/protocol';
import { inJurisdiction, readsWholeUnit, visibleTasks } from '../access/scope';
import { queryRows, type Database } from '../db/open';
import { DomainError, invalid } from '../domain/errors';
import { RECORD_SOURCES } from './records';
import { RETENTION_HORIZON_KEY } from './scope';

const MAX_SEQ = 9_223_372_036_854_775_807n;

interface KeyRow {
  collection: CollectionName;
  id: string;
  seq: string;
}

interface PageItem extends KeyRow {
  /** `enter`: an `entered` scope event, sent as an upsert if the record is in scope now. */
  op: 'upsert' | 'delete' | 'enter';
}

interface EventRow extends KeyRow {
  op: 'left' | 'entered';
}

/**
 * Enterprises of the unit's jurisdiction (units.district_codes): the bulk of every scope (up to ~100,000 per district).
 * Queried on its own, so its page is an ordered scan of enterprises_change_seq_idx that stops after `limit` rows; inside
 * the UNION ALL of the small collections the planner sorted the whole scope for every page.
 */
function jurisdictionEnterprises(unitId: string, snapshot = 0n): SQL {
  const after = snapshot > 0n ? sql` AND e.change_seq > ${snapshot.toString()}::bigint` : sql``;
  return sql`SELECT 'enterprises' AS collection, e.uscc AS id, e.change_seq AS seq FROM enterprises e WHERE ${inJurisdiction(unitId)}${after}`;
}

/**
 * Enterprises of the given tasks that lie outside the jurisdiction, stamped with their task's sequence (see below).
 * Those inside are already in scope through the jurisdiction.
 */
function taskEnterprisesOutside(unitId: string, tasks: SQL): SQL {
  return sql`SELECT 'enterprises', e.uscc, GREATEST(e.change_seq, x.seq) FROM enterprises e
    JOIN (SELECT enterprise_id, max(change_seq) AS seq FROM ${tasks} GROUP BY enterprise_id) x ON x.enterprise_id = e.uscc
    WHERE NOT (${inJurisdiction(unitId)})`;
}

/**
 * The keys (collection, id, seq) of an inspector's scope besides the jurisdiction's profiles: the tasks they are on and
 * what those tasks need. Records reached through a task are stamped with GREATEST(own change_seq,
 * the task's change_seq), so when a task is newly assigned, its sections, plan, team and check items reach the
 * inspector even though those rows themselves did not change.
 */
function inspectorKeys(officer: Officer, include: ReadonlySet<OptionalCollection>): SQL {
  // Collections added after v1 go only to clients that ask for them (protocol.ts OPTIONAL_COLLECTIONS).
  const corrections = include.has('corrections')
    ? sql`UNION ALL
    SELECT 'corrections', c.id, GREATEST(c.change_seq, t.change_seq) FROM section_corrections c JOIN my_tasks t ON t.id = c.task_id`
    : sql``;
  return sql`
    WITH my_tasks AS MATERIALIZED (
      SELECT t.id, t.enterprise_id, t.plan_id, t.department_ids, t.officer_ids, t.change_seq FROM ${visibleTasks(officer)}
    )
    SELECT 'tasks' AS collection, t.id, t.change_seq AS seq FROM my_tasks t
    UNION ALL
    SELECT 'sections', s.id, GREATEST(s.change_seq, t.change_seq) FROM inspection_sections s JOIN my_tasks t ON t.id = s.task_id
    UNION ALL ${taskEnterprisesOutside(officer.unitId, sql`my_tasks`)}
    UNION ALL
    SELECT 'plans', p.id, GREATEST(p.change_seq, x.seq) FROM inspection_plans p
      JOIN (SELECT plan_id, max(change_seq) AS seq FROM my_tasks GROUP BY plan_id) x ON x.plan_id = p.id
    UNION ALL
    SELECT 'departments', d.id, d.change_seq FROM departments d
    UNION ALL
    SELECT 'checkItems', ci.id, GREATEST(ci.change_seq, x.seq) FROM check_items ci
      JOIN (SELECT department_id, max(seq) AS seq FROM (SELECT unnest(department_ids) AS department_id, change_seq AS seq FROM my_tasks) m
            GROUP BY department_id) x ON x.department_id = ci.department_id
    UNION ALL
    SELECT 'units', u.id, u.change_seq FROM units u WHERE u.id = ${officer.unitId}
    UNION ALL
    SELECT 'officers', o.id, GREATEST(o.change_seq, x.seq) FROM officers o
      JOIN (SELECT officer_id, max(seq) AS seq FROM (
              SELECT unnest(officer_ids) AS officer_id, change_seq AS seq FROM my_tasks
              UNION ALL SELECT ${officer.id}::text, 0::bigint
            ) m GROUP BY officer_id) x ON x.officer_id = o.id
    ${corrections}`;
}

/** A supervisor (or admin) sees everything of their unit: its plans, tasks, sections, officers (and jurisdiction). */
function unitKeys(officer: Officer, include: ReadonlySet<OptionalCollection>): SQL {
  const corrections = include.has('corrections')
    ? sql`UNION ALL
    SELECT 'corrections', c.id, c.change_seq FROM section_corrections c WHERE c.task_id IN (SELECT id FROM unit_tasks)`
    : sql``;
  return sql`
    WITH unit_tasks AS MATERIALIZED (
      SELECT t.id, t.enterprise_id, t.change_seq FROM ${visibleTasks(officer)}
    )
    SELECT 'tasks' AS collection, t.id, t.change_seq AS seq FROM unit_tasks t
    UNION ALL
    SELECT 'sections', s.id, s.change_seq FROM inspection_sections s WHERE s.task_id IN (SELECT id FROM unit_tasks)
    UNION ALL ${taskEnterprisesOutside(officer.unitId, sql`unit_tasks`)}
    UNION ALL
    SELECT 'plans', p.id, p.change_seq FROM inspection_plans p WHERE p.unit_id = ${officer.unitId}
    UNION ALL
    SELECT 'departments', d.id, d.change_seq FROM departments d
    UNION ALL
    SELECT 'checkItems', ci.id, ci.change_seq FROM check_items ci
    UNION ALL
    SELECT 'units', u.id, u.change_seq FROM units u WHERE u.id = ${officer.unitId}
    UNION ALL
    SELECT 'officers', o.id, o.change_seq FROM officers o WHERE o.unit_id = ${officer.unitId}
    ${corrections}`;
}

/** A pull page whose upserted records are JSON text; `pullPageJson` turns it into the PullResponse body. */
export interface PullPage {
  changes: ({ op: 'upsert'; collection: CollectionName; id: string; json: string } | Extract<Change, { op: 'delete' }>)[];
  cursor: string;
  hasMore: boolean;
  /** Records of the scope changed after `cursor`, when the client asked (protocol.ts `remaining`). */
  remaining?: number;
}

/** The PullResponse JSON of a page (protocol.ts), with the records' JSON text spliced in as `data`. */
export function pullPageJson(page: PullPage): string {
  const changes = page.changes.map((change) =>
    change.op === 'delete'
      ? JSON.stringify(change)
      : `{"op":"upsert","collection":${JSON.stringify(change.collection)},"id":${JSON.stringify(change.id)},"data":${change.json}}`,
  );
  const remaining = page.remaining === undefined ? '' : `,"remaining":${page.remaining}`;
  return `{"changes":[${changes.join(',')}],"cursor":${JSON.stringify(page.cursor)},"hasMore":${page.hasMore}${remaining}}`;
}

/**
 * A cursor: `after`, the last change handed out, and `reflected`, the sequence up to which the device misses no scope
 * event (`after` itself, or the baseline of the first pull it began with, whichever is higher).
 */
interface Cursor {
  after: bigint;
  reflected: bigint;
}

/** The digits of the largest sequence value: a longer cursor is a first pull's, its baseline then its sequence. */
const SEQ_DIGITS = MAX_SEQ.toString().length;

// Digits only, so every client's pull query schema (protocol.ts) accepts both forms.
export function parseCursor(cursor: string): Cursor {
  const split = Math.max(cursor.length - SEQ_DIGITS, 0);
  const baseline = BigInt(cursor.slice(0, split) || '0');
  const after = BigInt(cursor.slice(split) || '0');
  if (after > MAX_SEQ || baseline > MAX_SEQ) throw invalid('cursor is out of range: use the cursor of a previous pull');
  return cursorAt(after, baseline);
}

function cursorAt(after: bigint, baseline: bigint): Cursor {
  return { after, reflected: after > baseline ? after : baseline };
}

function formatCursor({ after, reflected }: Cursor): string {
  return reflected > after ? `${reflected}${after.toString().padStart(SEQ_DIGITS, '0')}` : after.toString();
}

export function cursorReset(reason: string): DomainError {
  return new DomainError('gone', PULL_CURSOR_RESET, `${reason}: start a replacement sync from an empty cursor (push unsent work first)`);
}

/**
 * A cursor the server can still serve incrementally: no scope event the device may miss was pruned (the horizon is the
 * last pruned one) and it is not from the future.
 */
async function checkCursor(db: Database, { reflected }: Cursor): Promise<void> {
  const [row] = await queryRows<{ horizon: string | null; last: string | null }>(
    db,
    sql`
    SELECT (SELECT value FROM sync_state WHERE key = ${RETENTION_HORIZON_KEY})::text AS horizon,
           pg_sequence_last_value('change_seq')::text AS last`,
  );
  if (row?.horizon && reflected < BigInt(row.horizon)) throw cursorReset('the cursor is older than the server keeps scope changes');
  if (reflected > BigInt(row?.last ?? '0')) throw cursorReset('the cursor was not issued by this server');
}

/**
 * The baseline of a first pull, read before its first page: the last scope event committed (or pruned) by then. Writers
 * commit in sequence order, so every event up to it is already reflected in what the pull reads.
 */
async function firstPullBaseline(db: Database): Promise<bigint> {
  const [row] = await queryRows<{ baseline: string }>(
    db,
    sql`
    SELECT GREATEST((SELECT value FROM sync_state WHERE key = ${RETENTION_HORIZON_KEY}), (SELECT max(change_seq) FROM scope_events), 0)::text AS baseline`,
  );
  return BigInt(row?.baseline ?? '0');
}

const bySeq = (a: KeyRow, b: KeyRow) =>
  Number(BigInt(a.seq) - BigInt(b.seq)) || a.collection.localeCompare(b.collection) || a.id.localeCompare(b.id);

export async function pullChanges(
  db: Database,
  officer: Officer,
  cursor: string,
  limit: number,
  include: readonly OptionalCollection[] = [],
  options: { remaining?: boolean; snapshot?: string } = {},
): Promise<PullPage> {
  // A device bootstrapped from a snapshot holds the jurisdiction's profiles up to its seq (services/snapshots.ts): every
  // scope event up to it is reflected there and in what this pull reads (the snapshot was served before the pull began),
  // so it is the pull's baseline; otherwise a first pull's baseline is read now.
  const snapshot = options.snapshot === undefined ? 0n : parseCursor(options.snapshot).after;
  const position = cursor === '' ? cursorAt(0n, snapshot > 0n ? snapshot : await firstPullBaseline(db)) : parseCursor(cursor);
  if (cursor !== '' || snapshot > 0n) await checkCursor(db, position);
  const { after, reflected } = position;
  const included = new Set(include);
  const others = readsWholeUnit(officer) ? unitKeys(officer, included) : inspectorKeys(officer, included);
  // `scope` is what the officer may hold, `keys` what this pull still sends of it.
  const scope: SQL[] = [jurisdictionEnterprises(officer.unitId), others];
  const keys: SQL[] = snapshot > 0n ? [jurisdictionEnterprises(officer.unitId, snapshot), others] : scope;
  // Each part ordered by seq alone, so the jurisdiction's part is an index scan that stops after `max` rows; the parts
  // are merged here, and ties (task stamps) ordered in JS, with the group rule below keeping them together.
  const selectKeys = async (where: SQL, max?: number) => {
    const parts = await Promise.all(
      keys.map((part) =>
        queryRows<KeyRow>(
          db,
          sql`
      SELECT collection, id, seq::text AS seq FROM (${part}) k
      WHERE ${where} ORDER BY k.seq ${max === undefined ? sql`` : sql`LIMIT ${max}`}`,
        ),
      ),
    );
    return parts.flat().sort(bySeq).slice(0, max);
  };

  const upserts = await selectKeys(sql`k.seq > ${after.toString()}::bigint`, limit + 1);
  // Events up to `reflected` changed nothing the device holds (a first pull has nothing to delete on the device, a
  // snapshot's first pull only profiles that left the scope after the snapshot).
  const events = await scopeEventsAfter(db, officer, reflected, limit + 1, included);
  const merged: PageItem[] = [
    ...upserts.map((row) => ({ ...row, op: 'upsert' as const })),
    ...events.map(({ op, ...row }) => ({ ...row, op: op === 'entered' ? ('enter' as const) : ('delete' as const) })),
  ]
    .sort(bySeq)
    .slice(0, limit + 1);

  let page = merged.slice(0, limit);
  const hasMore = merged.length > limit;
  const last = page.at(-1);
  // Records stamped with a task's sequence can share one value; a page never splits such a group, or the next
  // cursor would skip the rest of it. (Scope events each have their own sequence value.)
  if (hasMore && last && merged[limit]?.seq === last.seq) {
    const group = await selectKeys(sql`k.seq = ${last.seq}::bigint`);
    page = [...page.filter((row) => row.seq !== last.seq), ...group.map((row) => ({ ...row, op: 'upsert' as const }))].sort(bySeq);
  }

  const outOfScope = await stillOutOfScope(
    db,
    scope,
    page.filter((item) => item.op !== 'upsert'),
  );
  const keyOf = (item: KeyRow) => `${item.collection}/${item.id}`;
  // An entered record goes as an upsert when it is in scope now, once per page.
  const upserted = new Set(page.filter((item) => item.op === 'upsert').map(keyOf));
  const sent = page.filter((item) => {
    if (item.op !== 'enter') return true;
    if (outOfScope.has(keyOf(item)) || upserted.has(keyOf(item))) return false;
    upserted.add(keyOf(item));
    return true;
  });
  const records = await recordsOf(
    db,
    sent.filter((item) => item.op !== 'delete'),
  );
  const changes: PullPage['changes'] = [];
  for (const item of sent) {
    if (item.op === 'delete') {
      if (outOfScope.has(keyOf(item))) changes.push({ op: 'delete', collection: item.collection, id: item.id });
      continue;
    }
    const json = records.get(keyOf(item));
    // A row deleted between the two queries: its delete event follows in a later page.
    if (json !== undefined) changes.push({ op: 'upsert', collection: item.collection, id: item.id, json });
  }
  const handedOut = BigInt(page.at(-1)?.seq ?? after);
  // Once nothing more follows, every change up to the snapshot has reached the device: by the pull or the snapshot.
  const nextPosition = cursorAt(!hasMore && snapshot > handedOut ? snapshot : handedOut, reflected);
  if (!options.remaining) return { changes, cursor: formatCursor(nextPosition), hasMore };
  const remaining = hasMore ? await countAfter(db, officer, included, keys, nextPosition) : 0;
  return { changes, cursor: formatCursor(nextPosition), hasMore, remaining };
}

/**
 * How many records of the scope changed after a cursor, or entered it without changing (their `entered` events are
 * still to come): the `remaining` estimate of a page.
 */
async function countAfter(
  db: Database,
  officer: Officer,
  include: ReadonlySet<OptionalCollection>,
  scope: SQL[],
  { after, reflected }: Cursor,
): Promise<number> {
  const seq = sql`${after.toString()}::bigint`;
  const counts = await Promise.all(
    scope.map((keys) =>
      queryRows<{ n: string }>(
        db,
        sql`
    SELECT ((SELECT count(*) FROM (${keys}) k WHERE k.seq > ${seq})
          + (SELECT count(DISTINCT (ev.collection, ev.record_id)) FROM scope_events ev
             WHERE ev.change_seq > ${reflected.toString()}::bigint AND ev.op = 'entered' AND ${concerning(officer, include)}
               AND (ev.collection, ev.record_id) IN (SELECT k.collection, k.id FROM (${keys}) k WHERE k.seq <= ${seq})))::text AS n`,
      ),
    ),
  );
  return counts.reduce((sum, [row]) => sum + Number(row?.n ?? 0), 0);
}

/**
 * The scope events (alias `ev`) that concern this officer: their own, their unit's, and deletions that concern everyone;
 * none of an optional collection the client did not ask for (an older client would not know the collection).
 */
function concerning(officer: Officer, include: ReadonlySet<OptionalCollection>): SQL {
  const unknown = OPTIONAL_COLLECTIONS.filter((collection) => !include.has(collection));
  return sql`(ev.officer_id = ${officer.id} OR ev.unit_id = ${officer.unitId} OR (ev.officer_id IS NULL AND ev.unit_id IS NULL))
      ${unknown.length > 0 ? sql`AND ev.collection <> ALL(${sql.param([...unknown])}::text[])` : sql``}`;
}

function scopeEventsAfter(
  db: Database,
  officer: Officer,
  after: bigint,
  max: number,
  include: ReadonlySet<OptionalCollection>,
): Promise<EventRow[]> {
  return queryRows<EventRow>(
    db,
    sql`
    SELECT ev.collection, ev.record_id AS id, ev.change_seq::text AS seq, ev.op FROM scope_events ev
    WHERE ev.change_seq > ${after.toString()}::bigint AND ${concerning(officer, include)}
    ORDER BY ev.change_seq LIMIT ${max}`,
  );
}

/** The keys "collection/id" of those candidates (scope events) whose record is not in the officer's scope now. */
async function stillOutOfScope(db: Database, scope: SQL[], candidates: PageItem[]): Promise<Set<string>> {
  const out = new Set(candidates.map((item) => `${item.collection}/${item.id}`));
  if (candidates.length === 0) return out;
  for (const keys of scope) {
    const inScope = await queryRows<KeyRow>(
      db,
      sql`
      SELECT collection, id FROM (${keys}) k
      WHERE (collection, id) IN (SELECT * FROM unnest(${sql.param(candidates.map((c) => c.collection))}::text[], ${sql.param(candidates.map((c) => c.id))}::text[]))`,
    );
    for (const row of inScope) out.delete(`${row.collection}/${row.id}`);
  }
  return out;
}

/** The records of a page as JSON text, one query per collection present, keyed "collection/id". */
async function recordsOf(db: Database, items: PageItem[]): Promise<Map<string, string>> {
  const idsByCollection = new Map<CollectionName, string[]>();
  for (const item of items) idsByCollection.set(item.collection, [...(idsByCollection.get(item.collection) ?? []), item.id]);
  const records = new Map<string, string>();
  for (const [collection, ids] of idsByCollection) {
    const source = RECORD_SOURCES[collection];
    const rows = await queryRows<{ id: string; json: string }>(
      db,
      sql`
      SELECT ${source.id} AS id, ${source.json} AS json FROM ${source.from} WHERE ${source.id} = ANY(${sql.param(ids)}::text[])`,
    );
    for (const row of rows) records.set(`${collection}/${row.id}`, row.json);
  }
  return records;
}
