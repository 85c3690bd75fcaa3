// Departments and their check-item catalogue, for administrators. The catalogue is versioned: every change raises the
// department's catalogue_version and writes the item's new state to check_item_versions. Items are never deleted, only
// retired (completed sections name them). A change reaches open work in the same transaction: a new item joins the
// draft sections and the plans of its department; a retired item leaves them, except drafts that recorded a result for
// it (kept, and shown as retired). Devices learn it by pull; a push made against the older catalogue is reconciled by
// the one shared rule (src/shared/domain/catalogue.ts, used by services/push.ts).
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { CatalogueChange, CheckItemFields, DepartmentCatalogue, DepartmentCatalogueList, DepartmentFields } from '@shared/api/admin';
import type { Officer } from '@shared/domain/model';
import { queryRows, type Database } from '../db/open';
import { lockWrites, type Transaction } from '../db/writes';
import { checkItems, checkItemVersions, departments } from '../db/schema';
import { requireAdmin } from '../access/policy';
import { conflict, notFound } from '../domain/errors';
import { recordActorAudit, type Actor } from './audit';

async function catalogues(db: Pick<Database, 'select'>, departmentId?: string): Promise<DepartmentCatalogue[]> {
  const rows = await db
    .select()
    .from(departments)
    .where(departmentId === undefined ? undefined : eq(departments.id, departmentId))
    .orderBy(asc(departments.code));
  const items = await db
    .select()
    .from(checkItems)
    .where(departmentId === undefined ? undefined : eq(checkItems.departmentId, departmentId))
    .orderBy(asc(checkItems.code), asc(checkItems.id));
  const byDepartment = new Map<string, DepartmentCatalogue['checkItems']>();
  for (const item of items) {
    const list = byDepartment.get(item.departmentId) ?? [];
    list.push({
      id: item.id,
      departmentId: item.departmentId,
      code: item.code,
      title: item.title,
      legalBasis: item.legalBasis,
      retiredAt: item.retiredAt?.toISOString() ?? null,
      catalogueVersion: item.catalogueVersion,
    });
    byDepartment.set(item.departmentId, list);
  }
  return rows.map((d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    catalogueVersion: d.catalogueVersion,
    checkItems: byDepartment.get(d.id) ?? [],
  }));
}

/** The department's catalogue as it stands; call it once the department is known to exist. */
async function catalogue(db: Pick<Database, 'select'>, departmentId: string): Promise<DepartmentCatalogue> {
  const [found] = await catalogues(db, departmentId);
  return found!;
}

async function requireDepartment(tx: Transaction, departmentId: string): Promise<void> {
  const [found] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!found) throw notFound(`no department ${departmentId}`);
}

export async function listCatalogues(db: Database, actor: Officer): Promise<DepartmentCatalogueList> {
  requireAdmin(actor, 'manage departments and check items');
  return { departments: await catalogues(db) };
}

async function requireFreeDepartmentCode(tx: Transaction, code: string, except?: string): Promise<void> {
  const [taken] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  if (taken && taken.id !== except) throw conflict(`department code ${code} is taken`);
}

export async function createDepartment(db: Database, actor: Actor, fields: DepartmentFields): Promise<DepartmentCatalogue> {
  requireAdmin(actor.officer, 'create departments');
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    await requireFreeDepartmentCode(tx, fields.code);
    const id = `dept-${randomUUID()}`;
    await tx.insert(departments).values({ id, ...fields });
    const created = await catalogue(tx, id);
    await recordActorAudit(tx, actor, 'department.created', { type: 'department', id, content: { id, ...fields } });
    return created;
  });
}

export async function updateDepartment(
  db: Database,
  actor: Actor,
  departmentId: string,
  fields: DepartmentFields,
): Promise<DepartmentCatalogue> {
  requireAdmin(actor.officer, 'edit departments');
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    await requireDepartment(tx, departmentId);
    await requireFreeDepartmentCode(tx, fields.code, departmentId);
    await tx.update(departments).set(fields).where(eq(departments.id, departmentId));
    const updated = await catalogue(tx, departmentId);
    await recordActorAudit(tx, actor, 'department.updated', {
      type: 'department',
      id: departmentId,
      content: { id: departmentId, ...fields },
    });
    return updated;
  });
}

type ItemRow = typeof checkItems.$inferSelect;

/** Raises the department's catalogue version and records the item's new state under it (`added`: a new item). */
async function newVersion(tx: Transaction, actor: Actor, item: ItemRow, now: Date, added = false): Promise<number> {
  const [department] = await tx
    .update(departments)
    .set({ catalogueVersion: sql`${departments.catalogueVersion} + 1` })
    .where(eq(departments.id, item.departmentId))
    .returning({ version: departments.catalogueVersion });
  // The item's department exists: its foreign key says so.
  const version = department!.version;
  await tx.insert(checkItemVersions).values({
    checkItemId: item.id,
    catalogueVersion: version,
    departmentId: item.departmentId,
    code: item.code,
    title: item.title,
    legalBasis: item.legalBasis,
    retired: item.retiredAt !== null,
    changedBy: actor.officer.id,
    changedAt: now,
  });
  await tx
    .update(checkItems)
    .set({ catalogueVersion: version, ...(added ? { addedInVersion: version } : {}) })
    .where(eq(checkItems.id, item.id));
  return version;
}

async function requireFreeItemCode(tx: Transaction, departmentId: string, code: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: checkItems.id })
    .from(checkItems)
    .where(and(eq(checkItems.departmentId, departmentId), eq(checkItems.code, code), sql`${checkItems.retiredAt} IS NULL`));
  if (taken && taken.id !== except) throw conflict(`check item code ${code} is in use in this department`);
}

/** Draft sections, with their task not yet finished, that list (or, for a new item, could list) the item. */
const openDrafts = sql`s.status = 'draft' AND s.department_id = ci.department_id`;

/** A new item: it joins its department's plans and draft sections. */
export async function createCheckItem(
  db: Database,
  actor: Actor,
  departmentId: string,
  fields: CheckItemFields,
  now = new Date(),
): Promise<CatalogueChange> {
  requireAdmin(actor.officer, 'add check items');
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    await requireDepartment(tx, departmentId);
    await requireFreeItemCode(tx, departmentId, fields.code);
    const [item] = await tx
      .insert(checkItems)
      .values({ id: `ci-${randomUUID()}`, departmentId, ...fields })
      .returning();
    const version = await newVersion(tx, actor, item!, now, true);
    await tx.execute(sql`UPDATE inspection_plans SET check_item_ids = jsonb_set(check_item_ids, ARRAY[${departmentId}],
      (check_item_ids -> ${departmentId}) || to_jsonb(${item!.id}::text)) WHERE check_item_ids ? ${departmentId}`);
    const migrated = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE inspection_sections s SET check_item_ids = array_append(s.check_item_ids, ci.id)
        FROM check_items ci WHERE ci.id = ${item!.id} AND ${openDrafts} RETURNING s.id`,
    );
    const change = { department: await catalogue(tx, departmentId), sectionsMigrated: migrated.length };
    await recordActorAudit(tx, actor, 'check_item.created', {
      type: 'check_item',
      id: item!.id,
      content: { ...fields, id: item!.id, departmentId },
      details: {
        catalogueVersion: version,
        sectionsMigrated: migrated.length,
      },
    });
    return change;
  });
}

async function itemOf(tx: Transaction, checkItemId: string): Promise<ItemRow> {
  const [item] = await tx.select().from(checkItems).where(eq(checkItems.id, checkItemId));
  if (!item) throw notFound(`no check item ${checkItemId}`);
  return item;
}

/** Code, title, legal basis: the item keeps its id, so drafts and plans keep it. */
export async function updateCheckItem(
  db: Database,
  actor: Actor,
  checkItemId: string,
  fields: CheckItemFields,
  now = new Date(),
): Promise<CatalogueChange> {
  requireAdmin(actor.officer, 'edit check items');
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    const before = await itemOf(tx, checkItemId);
    await requireFreeItemCode(tx, before.departmentId, fields.code, checkItemId);
    const [item] = await tx.update(checkItems).set(fields).where(eq(checkItems.id, checkItemId)).returning();
    const version = await newVersion(tx, actor, item!, now);
    const change = { department: await catalogue(tx, before.departmentId), sectionsMigrated: 0 };
    await recordActorAudit(tx, actor, 'check_item.updated', {
      type: 'check_item',
      id: checkItemId,
      content: { ...fields, id: checkItemId, departmentId: before.departmentId },
      details: {
        catalogueVersion: version,
      },
    });
    return change;
  });
}

/** Retires an item: it leaves plans and drafts, except drafts that recorded a result for it. Idempotent. */
export async function retireCheckItem(db: Database, actor: Actor, checkItemId: string, now = new Date()): Promise<CatalogueChange> {
  requireAdmin(actor.officer, 'retire check items');
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    const before = await itemOf(tx, checkItemId);
    if (before.retiredAt) return { department: await catalogue(tx, before.departmentId), sectionsMigrated: 0 };
    const [item] = await tx.update(checkItems).set({ retiredAt: now }).where(eq(checkItems.id, checkItemId)).returning();
    const version = await newVersion(tx, actor, item!, now);
    const { departmentId } = before;
    await tx.execute(sql`UPDATE inspection_plans SET check_item_ids = jsonb_set(check_item_ids, ARRAY[${departmentId}],
      coalesce((SELECT jsonb_agg(x) FROM jsonb_array_elements(check_item_ids -> ${departmentId}) x WHERE x <> to_jsonb(${checkItemId}::text)), '[]'::jsonb))
      WHERE check_item_ids -> ${departmentId} ? ${checkItemId}`);
    const migrated = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE inspection_sections s SET check_item_ids = array_remove(s.check_item_ids, ci.id)
        FROM check_items ci WHERE ci.id = ${checkItemId} AND ${openDrafts} AND ci.id = ANY(s.check_item_ids)
        AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(s.item_results) r WHERE r ->> 'checkItemId' = ci.id) RETURNING s.id`,
    );
    const change = { department: await catalogue(tx, departmentId), sectionsMigrated: migrated.length };
    await recordActorAudit(tx, actor, 'check_item.retired', {
      type: 'check_item',
      id: checkItemId,
      content: { id: checkItemId, departmentId, retiredAt: now.toISOString() },
      details: {
        catalogueVersion: version,
        sectionsMigrated: migrated.length,
      },
    });
    return change;
  });
}
