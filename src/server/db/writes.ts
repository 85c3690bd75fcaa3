// Writing helpers of the database layer: the write lock of the change sequence, bulk updates by id, bulk rows as JSON,
// bulk rows by COPY.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from './open';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

// The write lock of the change sequence: statement triggers (migration 0004_sync_triggers) take it on every write
// to a synced table, so change_seq values commit in the order they are drawn (see services/pull.ts, "Cursor"). Writers
// that lock rows (SELECT … FOR UPDATE) before writing take it first with lockWrites, so the lock order is always
// advisory lock → rows and two writers cannot deadlock.
const WRITE_LOCK_KEY = 0x0e51;

export async function lockWrites(tx: Pick<Database, 'execute'>): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
}

/**
 * Many rows of one table by id in one statement (UPDATE … FROM (VALUES …)); each value is encoded by its column (JSON,
 * arrays, timestamps) and cast to the column's type, as VALUES has no target type to infer. The row triggers stamp
 * each row with a new change_seq, as for single-row updates.
 */
export async function updateById(
  tx: Transaction,
  table: PgTable,
  columns: readonly PgColumn[],
  rows: readonly { id: string; values: readonly unknown[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    ({ id, values: row }) =>
      sql`(${sql.join([sql`${id}`, ...columns.map((column, i) => sql`${sql.param(row[i], column)}::${sql.raw(column.getSQLType())}`)], sql`, `)})`,
  );
  const names = columns.map((column) => column.name);
  const stored = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE ${table} AS r
    SET ${sql.raw(names.map((name) => `${name} = v.${name}`).join(', '))}
    FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, ${sql.raw(names.join(', '))})
    WHERE r.id = v.id RETURNING r.id`,
  );
  if (stored.length !== rows.length) throw new Error(`${rows.length - stored.length} rows vanished inside their own transaction`);
}

/**
 * Many rows as one text parameter of JSON objects (each row's JSON text), one per line (JSON.stringify writes no raw
 * line break), for `FROM ${jsonLines(lines)}, LATERAL jsonb_to_record(line::jsonb) AS r(…)`: PostgreSQL reads rows
 * this way about twice as fast as from one large array with jsonb_to_recordset.
 */
export function jsonLines(lines: readonly string[]): SQL {
  return sql`unnest(string_to_array(${lines.join('\n')}::text, E'\n')) AS line`;
}

/**
 * A text parameter given as its UTF-8 bytes. PostgreSQL takes them as they are (a binary parameter, which text's
 * receive function reads): no string to encode on the event loop. PGlite takes the text.
 */
export function textParam(tx: Transaction, utf8: Uint8Array): Uint8Array | string {
  return pgClient(tx) ? utf8 : new TextDecoder().decode(utf8);
}

/**
 * Bulk inserts by COPY … FROM STDIN on the transaction's PostgreSQL connection (drizzle's session's node-postgres
 * client), of rows already in COPY's text format as UTF-8 (a line each, values escaped by copyText.ts, `\N` for
 * NULL): PostgreSQL reads rows so with about a third less CPU than an INSERT parsing them from JSON lines. Null on
 * PGlite, which has no COPY stream: callers insert there.
 */
export function copier(tx: Transaction): ((table: string, columns: readonly string[], data: Uint8Array) => Promise<void>) | null {
  const client = pgClient(tx);
  if (!client) return null;
  return async (table, columns, data) => {
    if (data.byteLength === 0) return;
    await pipeline(Readable.from([data]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  };
}

/** The transaction's node-postgres client (PostgreSQL), or null (PGlite). */
function pgClient(tx: Transaction): pg.Client | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}
