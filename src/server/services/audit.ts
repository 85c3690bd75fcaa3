// The audit trail: an append-only, hash-chained log of what officers and administrators did. Each entry's hash is the
// sha256 of the previous entry's hash and the entry's canonical JSON (RFC 8785), so changing, removing or reordering an
// entry breaks every hash after it; the database refuses UPDATE, DELETE and TRUNCATE (migration 0012_administration),
// and a rewrite by the database owner, who can lift that guard and recompute the chain, is caught against a head
// exported earlier (exportAuditHead, `npm run audit:verify -- --head`).
//
// Services call recordAudit inside their own transaction, as its LAST write: the entry commits with the change it
// records or not at all. It locks the chain's head (an advisory lock of its own) so concurrent writers never fork the
// chain; being last, a transaction that also took the write lock of the change sequence takes the two in one order.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { and, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import {
  exportedAuditHeadSchema,
  type AuditEntry,
  type AuditExport,
  type AuditHead,
  type AuditList,
  type AuditQueryData,
  type AuditExportRange,
  type ExportedAuditHead,
} from '@shared/api/audit';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import type { Transaction } from '../db/writes';
import { auditLog } from '../db/schema';
import { requireAdmin } from '../access/policy';

const AUDIT_HEAD_LOCK_KEY = 0x0a0d;
export const GENESIS_HASH = '0'.repeat(64);

/** Who acts, from which device: what an audited service needs of the request. */
export interface Actor {
  officer: Officer;
  deviceId: string | null;
}

export interface AuditRecord {
  /** Null when no signed-in officer acted (a failed sign-in, the command line). */
  actorId: string | null;
  action: string;
  recordType: string;
  recordId: string;
  deviceId?: string | null;
  /** The record as the action left it: only its hash is kept (contentHash), to be checked against the record. */
  content?: unknown;
  /** Small facts worth reading in the log (the fields changed, a reason); hashed with the entry. */
  details?: Record<string, unknown>;
  at?: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** sha256 of a value's canonical JSON (RFC 8785): equal content, equal hash, whatever the key order. */
export function contentHash(value: unknown): string {
  return sha256(canonicalize(value) ?? 'null');
}

type Chained = Omit<AuditEntry, 'hash'>;

/** The hash of an entry: its previous hash and the canonical JSON of everything else it says. */
export function entryHash(entry: Chained): string {
  const { prevHash, ...fields } = entry;
  return sha256(`${prevHash}\n${canonicalize(fields)}`);
}

type Row = typeof auditLog.$inferSelect;
const entryOf = (row: Row): AuditEntry => ({ ...row, at: row.at.toISOString() });

/** Appends one entry to the chain, inside the caller's transaction (call it last: see the file's header). */
export async function recordAudit(tx: Transaction | Database, record: AuditRecord): Promise<AuditEntry> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_HEAD_LOCK_KEY})`);
  const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  // Millisecond precision, as the hash sees it: a timestamp column keeps exactly what was hashed.
  const at = new Date(Math.floor((record.at ?? new Date()).getTime()));
  const chained: Chained = {
    seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: record.actorId,
    action: record.action,
    recordType: record.recordType,
    recordId: record.recordId,
    deviceId: record.deviceId ?? null,
    contentHash: record.content === undefined ? null : contentHash(record.content),
    details: record.details ?? {},
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const entry = { ...chained, hash: entryHash(chained) };
  await tx.insert(auditLog).values({ ...entry, at });
  return entry;
}

/** The entry of an officer's act on a record, from the device of their session. */
export function recordActorAudit(
  tx: Transaction,
  actor: Actor,
  action: string,
  record: { type: string; id: string; content?: unknown; details?: Record<string, unknown> },
): Promise<AuditEntry> {
  return recordAudit(tx, {
    actorId: actor.officer.id,
    deviceId: actor.deviceId,
    action,
    recordType: record.type,
    recordId: record.id,
    content: record.content,
    details: record.details,
  });
}

/** A transaction of its own for an entry that records no other write (a sign-in, a failed one). */
export function recordAuditAlone(db: Database, record: AuditRecord): Promise<AuditEntry> {
  return db.transaction((tx) => recordAudit(tx, record));
}

export async function auditHead(db: Pick<Database, 'select'>): Promise<AuditHead> {
  const [head] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash, at: auditLog.at })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return head ? { seq: head.seq, hash: head.hash, at: head.at.toISOString() } : { seq: 0, hash: GENESIS_HASH, at: null };
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

export interface ChainVerification {
  entries: number;
  head: AuditHead;
  /** The first entry that does not match, or null when the whole chain holds. */
  firstMismatch: ChainProblem | null;
}

const VERIFY_PAGE = 1000;

/**
 * Checks entries in seq order, one at a time, from a starting point (the genesis, or the entry before an exported
 * range): seq without gaps, each prevHash the hash before it, each hash the hash of its content. With `expectedHead`
 * (exported earlier), the entry at its seq must still carry its hash, so a chain rewritten from scratch is caught too.
 */
export class ChainChecker {
  private prevHash: string;
  private expectedSeq: number;
  entries = 0;
  head: AuditHead;
  firstMismatch: ChainProblem | null = null;

  constructor(
    start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
    private readonly expectedHead?: { seq: number; hash: string },
  ) {
    this.prevHash = start.hash;
    this.expectedSeq = start.seq + 1;
    this.head = { seq: start.seq, hash: start.hash, at: null };
  }

  check(entry: AuditEntry): void {
    const { hash, ...chained } = entry;
    const recomputed = entryHash(chained);
    const problem =
      entry.seq !== this.expectedSeq
        ? entry.seq > this.expectedSeq
          ? `entries ${this.expectedSeq}–${entry.seq - 1} are missing`
          : `it repeats or reorders seq ${entry.seq} (expected ${this.expectedSeq})`
        : entry.prevHash !== this.prevHash
          ? `its previous hash ${entry.prevHash} is not the hash of entry ${this.expectedSeq - 1} (${this.prevHash})`
          : recomputed !== hash
            ? `its content does not match its hash ${hash} (recomputed ${recomputed})`
            : this.expectedHead && entry.seq === this.expectedHead.seq && hash !== this.expectedHead.hash
              ? `its hash ${hash} differs from the head exported earlier (${this.expectedHead.hash})`
              : null;
    if (problem && !this.firstMismatch) this.firstMismatch = { seq: entry.seq, problem };
    // Continue from what is stored, so one bad entry is named once and the rest is still checked against it.
    this.prevHash = hash;
    this.expectedSeq = entry.seq + 1;
    this.entries++;
    this.head = { seq: entry.seq, hash, at: entry.at };
  }

  result(): ChainVerification {
    if (this.expectedHead && this.expectedHead.seq > this.head.seq && !this.firstMismatch)
      this.firstMismatch = {
        seq: this.expectedHead.seq,
        problem: `the chain ends at ${this.head.seq}, before the head exported earlier (${this.expectedHead.seq})`,
      };
    return { entries: this.entries, head: this.head, firstMismatch: this.firstMismatch };
  }
}

/** Recomputes the whole stored chain (see ChainChecker), a page at a time. */
export async function verifyAuditChain(db: Database, expectedHead?: { seq: number; hash: string }): Promise<ChainVerification> {
  const checker = new ChainChecker(undefined, expectedHead);
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(auditLog.seq).limit(VERIFY_PAGE);
    for (const row of rows) checker.check(entryOf(row));
    const last = rows.at(-1);
    if (!last || rows.length < VERIFY_PAGE) break;
    after = last.seq;
  }
  return checker.result();
}

// The chain's head, exported to the data folder once a day: copies kept outside the database anchor the chain.
const HEAD_FILE = /^audit-head-(\d{4}-\d{2}-\d{2})\.json$/;

/** Writes `audit-head-<date>.json` into the folder unless today's exists; answers the file written, or null. */
export async function exportAuditHead(db: Database, folder: string, now = new Date()): Promise<string | null> {
  const file = path.join(folder, `audit-head-${now.toISOString().slice(0, 10)}.json`);
  mkdirSync(folder, { recursive: true });
  if (readdirSync(folder).includes(path.basename(file))) return null;
  const head: ExportedAuditHead = { ...(await auditHead(db)), exportedAt: now.toISOString() };
  // Endpoint instances sharing the folder write temporary files of their own: the file is never a mix of two heads.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(head, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

/**
 * The newest readable head exported to the folder, or null when there is none (or the folder is not set). A damaged
 * file is skipped with a log line rather than failing the audit page: the files are a check kept outside the database,
 * and `audit:verify --head` names the damage when an auditor points it at that file.
 */
function lastExportedHead(folder: string | undefined): ExportedAuditHead | null {
  if (!folder) return null;
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => HEAD_FILE.test(name));
  } catch {
    return null;
  }
  for (const name of names.sort().reverse()) {
    const file = path.join(folder, name);
    try {
      return readExportedHead(file);
    } catch (error) {
      console.error(`skipping the damaged audit head ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return null;
}

/** An exported head file, checked; throws naming the file when it is not one. */
export function readExportedHead(file: string): ExportedAuditHead {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = exportedAuditHeadSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not an exported audit head: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function filters(query: AuditQueryData): SQL | undefined {
  return and(
    query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
    query.to ? lte(auditLog.at, new Date(query.to)) : undefined,
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.recordType ? eq(auditLog.recordType, query.recordType) : undefined,
    query.recordId ? eq(auditLog.recordId, query.recordId) : undefined,
    query.before ? lt(auditLog.seq, query.before) : undefined,
  );
}

/** The log for admins, newest first, filtered; with the head now and the last exported one. */
export async function listAudit(db: Database, actor: Officer, query: AuditQueryData, headFolder: string | undefined): Promise<AuditList> {
  requireAdmin(actor, 'read the audit trail');
  const rows = await db.select().from(auditLog).where(filters(query)).orderBy(desc(auditLog.seq)).limit(query.limit);
  return { entries: rows.map(entryOf), head: await auditHead(db), lastExportedHead: lastExportedHead(headFolder) };
}

export const AUDIT_EXPORT_MAX_ENTRIES = 50_000;

/** A contiguous range by seq, oldest first, with every hash: an auditor re-checks it from the first entry's prevHash. */
export async function exportAudit(db: Database, actor: Officer, range: AuditExportRange): Promise<AuditExport> {
  requireAdmin(actor, 'export the audit trail');
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(gte(auditLog.seq, range.fromSeq), range.toSeq === undefined ? undefined : lte(auditLog.seq, range.toSeq)))
    .orderBy(auditLog.seq)
    .limit(AUDIT_EXPORT_MAX_ENTRIES);
  return { exportedAt: new Date().toISOString(), head: await auditHead(db), entries: rows.map(entryOf) };
}
