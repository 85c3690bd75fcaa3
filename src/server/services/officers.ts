// Officer accounts, for administrators: create, edit, disable and re-enable, reset a password. A disabled officer's
// sessions are revoked as a revoked device's are (services/devices.ts): their queued work is still taken once, then
// every device hears `account_disabled` and wipes the officer's local data. Every change is audited.
import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  createOfficerRequestSchema,
  type CreateOfficerRequest,
  type OfficerAccount,
  type OfficerAccountList,
  type OfficerFields,
  type TemporaryPasswordResponse,
} from '@shared/api/admin';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import { lockWrites, type Transaction } from '../db/writes';
import { departments, officers, sessions, units } from '../db/schema';
import { requireAdmin } from '../access/policy';
import { hashPassword } from '../auth/password';
import { conflict, invalid, notFound } from '../domain/errors';
import { recordActorAudit, recordAudit, type Actor } from './audit';
import { endSessionsOf, requireAcceptablePassword } from './auth';

const accountColumns = {
  id: officers.id,
  username: officers.username,
  name: officers.name,
  departmentId: officers.departmentId,
  unitId: officers.unitId,
  role: officers.role,
  disabledAt: officers.disabledAt,
  mustChangePassword: officers.mustChangePassword,
};

async function accounts(db: Pick<Database, 'select'>, now: Date, officerId?: string): Promise<OfficerAccount[]> {
  const active = db
    .select({ officerId: sessions.officerId, n: sql<number>`count(*)::int`.as('n') })
    .from(sessions)
    .where(and(gt(sessions.expiresAt, now), isNull(sessions.revokedAt)))
    .groupBy(sessions.officerId)
    .as('active');
  const rows = await db
    .select({ ...accountColumns, activeSessions: sql<number>`coalesce(${active.n}, 0)::int` })
    .from(officers)
    .leftJoin(active, eq(active.officerId, officers.id))
    .where(officerId === undefined ? undefined : eq(officers.id, officerId))
    .orderBy(officers.username);
  return rows.map((row) => ({ ...row, disabledAt: row.disabledAt?.toISOString() ?? null, activeSessions: Number(row.activeSessions) }));
}

async function account(db: Pick<Database, 'select'>, officerId: string, now = new Date()): Promise<OfficerAccount> {
  const [found] = await accounts(db, now, officerId);
  if (!found) throw notFound(`no officer ${officerId}`);
  return found;
}

export async function listOfficerAccounts(db: Database, actor: Officer): Promise<OfficerAccountList> {
  requireAdmin(actor, 'manage officers');
  return { officers: await accounts(db, new Date()) };
}

/** The department and unit named exist (a 400 naming the missing one, not a foreign-key failure). */
async function requirePlacement(tx: Pick<Database, 'select'>, fields: Pick<OfficerFields, 'departmentId' | 'unitId'>): Promise<void> {
  const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, fields.departmentId));
  if (!department) throw invalid(`no department ${fields.departmentId}`);
  const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, fields.unitId));
  if (!unit) throw invalid(`no unit ${fields.unitId}`);
}

// Letters and digits that cannot be mistaken for one another when read out or copied from the screen.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password of 14 random characters (about 80 bits): long enough for the policy, never common. */
export function temporaryPassword(): string {
  return Array.from({ length: 14 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
}

/** Inserts an officer placed in an existing department and unit under a free user name (409 when taken). */
async function insertOfficer(
  tx: Transaction,
  fields: Omit<typeof officers.$inferInsert, 'id'> & Pick<OfficerFields, 'departmentId' | 'unitId'>,
): Promise<OfficerAccount> {
  await requirePlacement(tx, fields);
  const [taken] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.username, fields.username));
  if (taken) throw conflict(`the user name ${fields.username} is taken`);
  const id = `off-${randomUUID()}`;
  await tx.insert(officers).values({ id, ...fields });
  return account(tx, id);
}

/** A new officer with a one-time password they must change at their first sign-in. */
export async function createOfficer(db: Database, actor: Actor, request: CreateOfficerRequest): Promise<TemporaryPasswordResponse> {
  requireAdmin(actor.officer, 'create officers');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const officer = await db.transaction(async (tx) => {
    const created = await insertOfficer(tx, { ...request, passwordHash, mustChangePassword: true });
    await recordActorAudit(tx, actor, 'officer.created', { type: 'officer', id: created.id, content: created });
    return created;
  });
  return { officer, temporaryPassword: password };
}

/** Name, department, unit and role. An admin does not change their own role (so one admin always remains). */
export async function updateOfficer(db: Database, actor: Actor, officerId: string, fields: OfficerFields): Promise<OfficerAccount> {
  requireAdmin(actor.officer, 'edit officers');
  if (officerId === actor.officer.id && fields.role !== actor.officer.role) throw invalid('you cannot change your own role');
  return db.transaction(async (tx) => {
    const before = await account(tx, officerId);
    await requirePlacement(tx, fields);
    await tx.update(officers).set(fields).where(eq(officers.id, officerId));
    const after = await account(tx, officerId);
    const changed = (Object.keys(fields) as (keyof OfficerFields)[]).filter((key) => before[key] !== after[key]);
    await recordActorAudit(tx, actor, 'officer.updated', {
      type: 'officer',
      id: officerId,
      content: after,
      details: { changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])) },
    });
    return after;
  });
}

/**
 * Disables the account: sign-in is refused, and each of the officer's sessions is revoked (uploads of queued work are
 * taken until that device has been told; then it wipes). Idempotent.
 */
export async function disableOfficer(db: Database, actor: Actor, officerId: string, now = new Date()): Promise<OfficerAccount> {
  requireAdmin(actor.officer, 'disable officers');
  if (officerId === actor.officer.id) throw invalid('you cannot disable your own account');
  return db.transaction(async (tx) => {
    const before = await account(tx, officerId);
    if (before.disabledAt) return before;
    await tx.update(officers).set({ disabledAt: now }).where(eq(officers.id, officerId));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.officerId, officerId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .returning({ id: sessions.id });
    const after = await account(tx, officerId, now);
    await recordActorAudit(tx, actor, 'officer.disabled', {
      type: 'officer',
      id: officerId,
      content: after,
      details: { sessionsRevoked: revoked.length },
    });
    return after;
  });
}

/** Re-enables the account: the officer signs in again (sessions revoked by the disabling stay revoked). */
export async function enableOfficer(db: Database, actor: Actor, officerId: string): Promise<OfficerAccount> {
  requireAdmin(actor.officer, 're-enable officers');
  return db.transaction(async (tx) => {
    const before = await account(tx, officerId);
    if (!before.disabledAt) return before;
    await tx.update(officers).set({ disabledAt: null }).where(eq(officers.id, officerId));
    const after = await account(tx, officerId);
    await recordActorAudit(tx, actor, 'officer.enabled', { type: 'officer', id: officerId, content: after });
    return after;
  });
}

/** A new one-time password; the officer's sessions end, and they must change it at their next sign-in. */
export async function resetOfficerPassword(
  db: Database,
  actor: Actor,
  officerId: string,
  now = new Date(),
): Promise<TemporaryPasswordResponse> {
  requireAdmin(actor.officer, 'reset passwords');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const officer = await db.transaction(async (tx) => {
    await account(tx, officerId);
    await tx.update(officers).set({ passwordHash, mustChangePassword: true }).where(eq(officers.id, officerId));
    await endSessionsOf(tx, officerId, now);
    const after = await account(tx, officerId, now);
    await recordActorAudit(tx, actor, 'officer.password_reset', { type: 'officer', id: officerId, content: after });
    return after;
  });
  return { officer, temporaryPassword: password };
}

export interface FirstAdminRequest {
  username: string;
  name: string;
  password: string;
  /** Place the admin in these (they must exist); by default a department and unit "Administration" are created. */
  departmentId?: string;
  unitId?: string;
  /** Add an admin although one exists (the command line's --another). */
  another?: boolean;
}

const ADMINISTRATION = { departmentId: 'dept-administration', unitId: 'unit-administration', name: '系统管理 Administration' };

/**
 * `npm run admin:create`: the first administrator of a database taken into production, who then creates units,
 * departments and officers in the app. Refused when an admin exists (unless `another`); audited without an actor.
 */
export async function createAdminAccount(db: Database, request: FirstAdminRequest): Promise<OfficerAccount> {
  const username = createOfficerRequestSchema.shape.username.parse(request.username);
  requireAcceptablePassword(request.password, username);
  const passwordHash = await hashPassword(request.password);
  return db.transaction(async (tx) => {
    await lockWrites(tx);
    const [admin] = await tx.select({ username: officers.username }).from(officers).where(eq(officers.role, 'admin')).limit(1);
    if (admin && !request.another) throw conflict(`an administrator exists already (${admin.username}); add another with --another`);
    const departmentId = request.departmentId ?? ADMINISTRATION.departmentId;
    const unitId = request.unitId ?? ADMINISTRATION.unitId;
    if (!request.departmentId)
      await tx.insert(departments).values({ id: departmentId, code: 'ADMIN', name: ADMINISTRATION.name }).onConflictDoNothing();
    if (!request.unitId) await tx.insert(units).values({ id: unitId, name: ADMINISTRATION.name, districtCodes: [] }).onConflictDoNothing();
    const created = await insertOfficer(tx, { username, name: request.name, departmentId, unitId, role: 'admin', passwordHash });
    await recordAudit(tx, {
      actorId: null,
      action: 'officer.created',
      recordType: 'officer',
      recordId: created.id,
      content: created,
      details: { by: 'npm run admin:create' },
    });
    return created;
  });
}
