// Seeds an empty database with a demo dataset: batched multi-row inserts in one transaction.
import { sql } from 'drizzle-orm';
import type { DemoDataset } from '../demo/types';
import { DEMO_PASSWORD } from '../demo/types';
import type { Database } from '../db/open';
import { checkItems, departments, enterprises, inspectionPlans, inspectionSections, inspectionTasks, officers, units } from '../db/schema';
import { hashPassword } from '../auth/password';
import { lockWrites } from '../db/writes';

const BATCH = 1000;
const ENTERPRISE_BATCH = 4000;

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

/** Hashes on the libuv thread pool, a few at a time. */
async function hashAll(passwords: string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const batch of batches(passwords, 8)) hashes.push(...(await Promise.all(batch.map(hashPassword))));
  return hashes;
}

export async function seedDatabase(
  db: Database,
  dataset: DemoDataset,
  onProgress: (progress: SeedProgress) => void = () => {},
): Promise<void> {
  const enterpriseTotal = dataset.options.enterpriseCount;
  onProgress({ stage: 'officers', done: 0, total: dataset.officers.length });
  const hashes = await hashAll(dataset.officers.map(() => DEMO_PASSWORD));
  onProgress({ stage: 'officers', done: dataset.officers.length, total: dataset.officers.length });

  await db.transaction(async (tx) => {
    await lockWrites(tx);
    for (const batch of batches(dataset.departments, BATCH)) await tx.insert(departments).values(batch);
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
    // One JSON array parameter per batch: about half the time of a multi-row VALUES list with five parameters a row.
    for (const batch of batches(dataset.enterprises(), ENTERPRISE_BATCH)) {
      await tx.execute(sql`INSERT INTO ${enterprises} (uscc, name, district_code, risk_class, profile)
        SELECT p->>'uscc', p->>'name', p->>'districtCode', p->>'riskClass', p FROM jsonb_array_elements(${JSON.stringify(batch)}::jsonb) AS p`);
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
