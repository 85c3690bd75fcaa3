// Seeds an empty database with a demo dataset in one transaction: the reference data (departments, units, officers,
// check items) as batched multi-row inserts, the enterprises through the intake as their departments would send them
// (one batch per department and kind and slice of enterprises, profiles built once per slice), then plans and tasks.
import { sql } from 'drizzle-orm';
import type { Enterprise, Officer } from '@shared/domain/model';
import { halfMonthPeriodOf } from '@shared/intake/periods';
import { shanghaiDate } from '@shared/calendar/workingDays';
import type { IntakeKind } from '@shared/intake/kinds';
import { DEMO_INTAKE_ORDER, intakeRowsOf, type DemoIntakeRow } from '../demo/intakeRows';
import type { DemoDataset } from '../demo/types';
import { DEMO_PASSWORD } from '../demo/types';
import { queryRows, type Database } from '../db/open';
import { checkItems, departments, inspectionPlans, inspectionSections, inspectionTasks, officers, units } from '../db/schema';
import { hashPassword } from '../auth/password';
import { lockWrites, type Transaction } from '../db/writes';
import { applyDisputeDecision } from './intake/disputes';
import { ingestBatch } from './intake/ingest';
import { prepareRows } from './intake/prepare';
import { rebuildProfiles } from './intake/profiles';

const BATCH = 1000;
/** Enterprises sent per intake batch: one slice's rows of a kind and department are one batch. */
const SEED_SLICE = 20_000;

/** The id of the demo's intake batch of a kind from a department, for slice `slice` of the enterprises. */
export function demoBatchId(kind: IntakeKind, source: string, slice: number): string {
  return `ib-demo-${slice}-${kind}-${source}`;
}

export interface SeedProgress {
  stage: 'officers' | 'enterprises' | 'tasks' | 'done';
  done: number;
  total: number;
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db
    .select({ present: sql<number>`1` })
    .from(officers)
    .limit(1);
  return row === undefined;
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * How the seed hashes the officers' password: hashPassword, a salt of its own each. The endpoint tests, seeding often,
 * pass one that makes a hash once per password and hands it to every officer.
 */
export type PasswordHasher = (password: string) => Promise<string>;

/** Hashes on the libuv thread pool, a few at a time. */
async function hashAll(passwords: string[], hash: PasswordHasher): Promise<string[]> {
  const hashes: string[] = [];
  for (const batch of batches(passwords, 8)) hashes.push(...(await Promise.all(batch.map(hash))));
  return hashes;
}

export async function seedDatabase(
  db: Database,
  dataset: DemoDataset,
  onProgress: (progress: SeedProgress) => void = () => {},
  hash: PasswordHasher = hashPassword,
): Promise<void> {
  const enterpriseTotal = dataset.options.enterpriseCount;
  onProgress({ stage: 'officers', done: 0, total: dataset.officers.length });
  const hashes = await hashAll(
    dataset.officers.map(() => DEMO_PASSWORD),
    hash,
  );
  onProgress({ stage: 'officers', done: dataset.officers.length, total: dataset.officers.length });

  await db.transaction(async (tx) => {
    await lockWrites(tx);
    for (const batch of batches([...dataset.departments, ...dataset.feedDepartments], BATCH)) await tx.insert(departments).values(batch);
    for (const batch of batches(dataset.units, BATCH)) await tx.insert(units).values(batch);
    const officerRows = dataset.officers.map((o, i) => ({
      id: o.id,
      username: o.username,
      passwordHash: hashes[i]!,
      name: o.name,
      departmentId: o.departmentId,
      unitId: o.unitId,
      role: o.role,
    }));
    for (const batch of batches(officerRows, BATCH)) await tx.insert(officers).values(batch);
    // Demo items are current: a retirement is an admin's act (services/catalogue.ts).
    const itemRows = dataset.checkItems.map(({ id, departmentId, code, title, legalBasis }) => ({
      id,
      departmentId,
      code,
      title,
      legalBasis,
    }));
    for (const batch of batches(itemRows, BATCH)) await tx.insert(checkItems).values(batch);

    let done = 0;
    let slice = 0;
    for (const batch of batches(dataset.enterprises(), SEED_SLICE)) {
      await seedEnterprises(tx, dataset, batch, slice++);
      done += batch.length;
      onProgress({ stage: 'enterprises', done, total: enterpriseTotal });
    }

    for (const batch of batches(dataset.plans, BATCH)) await tx.insert(inspectionPlans).values(batch);
    // Demo tasks start unreviewed: only the columns of a fresh task are seeded.
    const taskRows = dataset.tasks.map(({ id, planId, enterpriseId, departmentIds, officerIds, dueDate, status }) => ({
      id,
      planId,
      enterpriseId,
      departmentIds,
      officerIds,
      dueDate,
      status,
    }));
    for (const batch of batches(taskRows, BATCH)) await tx.insert(inspectionTasks).values(batch);
    const sectionRows = dataset.sections.map((s) => ({ ...s, completedAt: s.completedAt === null ? null : new Date(s.completedAt) }));
    for (const batch of batches(sectionRows, BATCH)) await tx.insert(inspectionSections).values(batch);
    onProgress({ stage: 'tasks', done: dataset.tasks.length, total: dataset.tasks.length });
  });
  // Fresh statistics, so the planner uses the change_seq indexes for paged pulls right away.
  await db.execute(sql`ANALYZE`);
  onProgress({ stage: 'done', done: enterpriseTotal, total: enterpriseTotal });
}

/** Who sends a department's data in the demo: its data officer, or else an administrator. */
function uploaderOf(dataset: DemoDataset, source: string): Officer {
  const officer =
    dataset.officers.find((o) => o.role === 'data_officer' && o.departmentId === source) ??
    dataset.officers.find((o) => o.role === 'admin');
  if (!officer) throw new Error(`the demo has no data officer of ${source} and no administrator to send its data`);
  return officer;
}

/**
 * One slice of enterprises through the intake, kind by kind and department by department. Disputed penalties get the
 * generator's confirmations from the demo's credit reviewers; the slice's profiles are built once at the end, with
 * the platform's own inspection history.
 */
async function seedEnterprises(tx: Transaction, dataset: DemoDataset, slice: Enterprise[], index: number): Promise<void> {
  const rows = slice.flatMap(intakeRowsOf);
  const today = shanghaiDate(new Date());
  const periodStart = halfMonthPeriodOf(today).start;
  const reviewers = dataset.officers.filter((o) => o.role === 'credit_reviewer');
  for (const kind of DEMO_INTAKE_ORDER) {
    const ofKind = rows.filter((row) => row.kind === kind);
    for (const source of [...new Set(ofKind.map((row) => row.source))].sort()) {
      const sent = ofKind.filter((row) => row.source === source);
      const uploader = uploaderOf(dataset, source);
      const id = demoBatchId(kind, source, index);
      await ingestBatch(
        tx,
        { id, kind, source, uploadedBy: uploader.id, fileName: `${id}.json`, mediaType: 'application/json', encoding: null, periodStart },
        prepareRows(kind, asParsedRows(sent), today),
        { today, bytes: () => 0, rebuildProfiles: false },
      );
      if (kind === 'penalties') await confirmDemoDisputes(tx, id, sent, reviewers);
    }
  }
  await rebuildProfiles(
    tx,
    slice.map((enterprise) => enterprise.uscc),
    new Map(slice.map((enterprise) => [enterprise.uscc, enterprise.pastInspections])),
  );
}

async function* asParsedRows(rows: DemoIntakeRow[]) {
  yield rows.map((row, i) => ({ row: i + 1, values: row.values, returnId: null }));
}

/** The generator's confirmations of disputed penalties, given by the demo's reviewers (one, or both). */
async function confirmDemoDisputes(tx: Transaction, batchId: string, sent: DemoIntakeRow[], reviewers: Officer[]): Promise<void> {
  const disputed = await queryRows<{ id: string; row: number }>(
    tx,
    sql`SELECT id, row FROM intake_records WHERE batch_id = ${batchId} AND status = 'disputed'`,
  );
  for (const record of disputed) {
    const confirmations = Math.min(sent[record.row - 1]!.confirmations ?? 0, reviewers.length);
    for (const reviewer of reviewers.slice(0, confirmations)) await applyDisputeDecision(tx, reviewer, record.id, { decision: 'approve' });
  }
}
