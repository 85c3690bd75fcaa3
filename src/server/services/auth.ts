// Sign-in and bearer sessions. Only the sha256 of a token is stored, so a leaked database does not leak sessions.
// Sign-in is throttled per user name and per client address before any password is hashed (auth/loginThrottle.ts);
// sign-ins, failed ones included, go to the audit trail.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import {
  ACCOUNT_DISABLED,
  PASSWORD_CHANGE_REQUIRED,
  type ChangePasswordRequest,
  type HealthResponse,
  type LoginRequest,
  type LoginResponse,
  type OwnSessionList,
} from '@shared/api/auth';
import { DEVICE_REVOKED } from '@shared/api/errors';
import { describePasswordProblem } from '@shared/domain/passwordPolicy';
import type { Officer } from '@shared/domain/model';
import { perDatabase, type Database, type OpenedDatabase } from '../db/open';
import type { Transaction } from '../db/writes';
import { deviceInfo, deviceRevocations, officers, sessions } from '../db/schema';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { serverPasswordProblems } from '../auth/commonPasswords';
import type { LoginThrottle } from '../auth/loginThrottle';
import { DomainError, invalid, notFound, tooManyRequests, unauthenticated } from '../domain/errors';
import { recordSignIn } from './attestations';
import { recordAudit, recordAuditAlone } from './audit';

export const LOGIN_FAILED_MESSAGE = 'unknown username or wrong password';

/** Answers once the database answers. */
export async function checkHealth(db: Database, kind: OpenedDatabase['kind']): Promise<HealthResponse> {
  await db.execute(sql`SELECT 1`);
  return { status: 'ok', db: kind };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const publicOfficerColumns = {
  id: officers.id,
  name: officers.name,
  departmentId: officers.departmentId,
  unitId: officers.unitId,
  role: officers.role,
};

export interface SignInContext {
  tokenTtlHours: number;
  clientAddress: string;
  throttle: LoginThrottle;
}

/** Runs a password check under the throttle: refused (429) before hashing when the name or address is held back. */
async function throttled<T>(throttle: LoginThrottle, username: string, clientAddress: string, check: () => Promise<T>): Promise<T> {
  const attempt = throttle.begin(username, clientAddress);
  if (typeof attempt !== 'function') {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    throw tooManyRequests(
      attempt.reason === 'username'
        ? `too many failed sign-ins for this user name: it is locked; try again in ${minutes} minutes`
        : `too many failed sign-ins from this address; try again in ${minutes} minutes`,
      attempt.retryAfterSeconds,
    );
  }
  let succeeded = false;
  try {
    const result = await check();
    succeeded = true;
    return result;
  } finally {
    attempt(succeeded);
  }
}

/** A new session on the device: its token (answered once, never stored) and expiry. */
async function openSession(tx: Transaction, officerId: string, deviceId: string, tokenTtlHours: number, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + tokenTtlHours * 3_600_000);
  await tx.delete(sessions).where(and(eq(sessions.officerId, officerId), lte(sessions.expiresAt, now)));
  await tx.insert(sessions).values({ tokenHash: hashToken(token), officerId, deviceId, createdAt: now, expiresAt });
  return { token, expiresAt: expiresAt.toISOString() };
}

export async function login(db: Database, request: LoginRequest, context: SignInContext, now = new Date()): Promise<LoginResponse> {
  const row = await throttled(context.throttle, request.username, context.clientAddress, async () => {
    const [found] = await db.select().from(officers).where(eq(officers.username, request.username));
    // Same work and same message whether the user is unknown or the password is wrong.
    const valid = await verifyPassword(request.password, found?.passwordHash ?? (await dummyPasswordHash()));
    if (found && valid) return found;
    await recordAuditAlone(db, {
      actorId: null,
      action: 'auth.login_failed',
      recordType: 'officer',
      recordId: found?.id ?? request.username,
      deviceId: request.deviceId,
      details: { username: request.username, clientAddress: context.clientAddress, knownUser: found !== undefined },
      at: now,
    });
    throw unauthenticated(LOGIN_FAILED_MESSAGE);
  });
  // Checked after the password, so the answer tells nothing about the account or device to someone who does not know it.
  if (row.disabledAt)
    throw new DomainError(
      'forbidden',
      ACCOUNT_DISABLED,
      `this account was disabled on ${row.disabledAt.toISOString()}: ask your administrator`,
    );
  const [revoked] = await db
    .select({ at: deviceRevocations.revokedAt })
    .from(deviceRevocations)
    .where(eq(deviceRevocations.deviceId, request.deviceId));
  if (revoked)
    throw new DomainError(
      'forbidden',
      DEVICE_REVOKED,
      `this device was revoked on ${revoked.at.toISOString()}: ask your unit's administrator`,
    );

  const session = await db.transaction(async (tx) => {
    const opened = await openSession(tx, row.id, request.deviceId, context.tokenTtlHours, now);
    if (request.device) {
      const reported = { ...request.device, reportedBy: row.id, reportedAt: now };
      await tx
        .insert(deviceInfo)
        .values({ deviceId: request.deviceId, ...reported })
        .onConflictDoUpdate({ target: deviceInfo.deviceId, set: reported });
    }
    await recordSignIn(tx, row.id, request.deviceId, now);
    await recordAudit(tx, {
      actorId: row.id,
      action: 'auth.login',
      recordType: 'officer',
      recordId: row.id,
      deviceId: request.deviceId,
      details: { clientAddress: context.clientAddress },
      at: now,
    });
    return opened;
  });
  const officer: Officer = { id: row.id, name: row.name, departmentId: row.departmentId, unitId: row.unitId, role: row.role };
  return { ...session, officer, ...(row.mustChangePassword ? { mustChangePassword: true } : {}) };
}

/**
 * How long after a revoked device's (or disabled officer's) first accepted upload its uploads are still taken: one
 * sync's push with the bytes of its photos and recordings, on a slow field connection. Past it, a token that only
 * uploads (and so is never told) is refused like any other request.
 */
export const REVOKED_UPLOAD_GRACE_MS = 15 * 60_000;

export interface AuthenticateOptions {
  /**
   * Uploads (push, attachment bytes) of a revoked device or a disabled officer are still accepted until the device has
   * been told of the revocation after delivering them, and at most REVOKED_UPLOAD_GRACE_MS after the first of them, so
   * its queued work reaches the server before the device wipes it.
   */
  upload?: boolean;
  /** The operation is answered while the officer must change their password (the change itself, sign-out). */
  beforePasswordChange?: boolean;
  now?: Date;
}

export interface Session {
  officer: Officer;
  deviceId: string;
  /** The session's id (sessions.id), as the officer's session list names it. */
  sessionId: string;
}

/** Every request's session lookup: built and planned once per database, not once per request. */
const sessionLookup = perDatabase((db) =>
  db
    .select({
      ...publicOfficerColumns,
      sessionId: sessions.id,
      deviceId: sessions.deviceId,
      revokedAt: sessions.revokedAt,
      toldAt: sessions.revocationToldAt,
      uploadedAt: sessions.revocationUploadedAt,
      closedAt: sessions.revocationUploadsClosedAt,
      disabledAt: officers.disabledAt,
      mustChangePassword: officers.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(officers, eq(officers.id, sessions.officerId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('session_lookup'),
);

/**
 * The officer and device of a valid, unexpired bearer token; 401 otherwise (`device_revoked` for a revoked device,
 * `account_disabled` for a disabled officer), 403 `password_change_required` while an admin's reset is pending.
 */
export async function authenticate(
  db: Database,
  authorization: string | undefined,
  { upload = false, beforePasswordChange = false, now = new Date() }: AuthenticateOptions = {},
): Promise<Session> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization?.trim() ?? '');
  if (!authorization) throw unauthenticated('sign-in required: send the session token as "Authorization: Bearer <token>"');
  if (!match?.[1]) throw unauthenticated('malformed Authorization header: expected "Bearer <token>"');
  const tokenHash = hashToken(match[1]);
  const [row] = await sessionLookup(db).execute({ tokenHash, now: now.toISOString() });
  if (!row) throw unauthenticated('session expired or unknown: sign in again');
  const { sessionId, deviceId, toldAt, uploadedAt, closedAt, disabledAt, mustChangePassword, ...officer } = row;
  // A session opened while the officer was being disabled is treated as revoked with the others.
  const revokedAt = row.revokedAt ?? disabledAt;
  if (revokedAt) {
    // A revoked device's sessions learn it together; a disabled officer's sessions one by one.
    const scope = disabledAt ? eq(sessions.tokenHash, tokenHash) : eq(sessions.deviceId, deviceId);
    const withinGrace = !uploadedAt || now.getTime() - uploadedAt.getTime() < REVOKED_UPLOAD_GRACE_MS;
    if (upload && !closedAt && withinGrace) {
      // Its queued work is taken, whichever request learnt the revocation first: uploads close once the device has
      // been told after delivering (a sync pushes before it pulls, and the app wipes right after its last push), or
      // when the grace after its first delivery is over, so a token that only ever uploads stops writing too.
      if (!uploadedAt) await db.update(sessions).set({ revocationUploadedAt: now }).where(scope);
      return { officer, deviceId, sessionId };
    }
    // Every session keeps answering this until it expires, so whichever request comes first, the app learns it and wipes.
    if (!toldAt)
      await db
        .update(sessions)
        .set({ revocationToldAt: now })
        .where(and(scope, isNull(sessions.revocationToldAt)));
    if (uploadedAt && !closedAt) await db.update(sessions).set({ revocationUploadsClosedAt: now }).where(scope);
    throw disabledAt
      ? new DomainError(
          'unauthenticated',
          ACCOUNT_DISABLED,
          `this account was disabled on ${disabledAt.toISOString()}: its local data is to be wiped`,
        )
      : new DomainError(
          'unauthenticated',
          DEVICE_REVOKED,
          `this device was revoked on ${revokedAt.toISOString()}: its local data is to be wiped`,
        );
  }
  if (mustChangePassword && !beforePasswordChange)
    throw new DomainError('forbidden', PASSWORD_CHANGE_REQUIRED, 'an administrator reset your password: change it before anything else');
  return { officer, deviceId, sessionId };
}

/** Ends the calling session: its token is refused from now on (the row stays, for the device's history). */
export function logout(db: Database, session: Session, now = new Date()): Promise<{ ended: number }> {
  return endOwnSession(db, session, session.sessionId, now, 'auth.logout');
}

/** Active sessions of the officer: unexpired, not ended, not revoked; the caller's marked `current`. */
export async function listOwnSessions(db: Database, session: Session, now = new Date()): Promise<OwnSessionList> {
  const rows = await db
    .select({
      id: sessions.id,
      deviceId: sessions.deviceId,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      hostName: deviceInfo.hostName,
      system: deviceInfo.system,
      appVersion: deviceInfo.appVersion,
    })
    .from(sessions)
    .leftJoin(deviceInfo, eq(deviceInfo.deviceId, sessions.deviceId))
    .where(and(eq(sessions.officerId, session.officer.id), gt(sessions.expiresAt, now), isNull(sessions.revokedAt)))
    .orderBy(sql`${sessions.createdAt} DESC`);
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      deviceId: row.deviceId,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      current: row.id === session.sessionId,
      hostName: row.hostName,
      system: row.system,
      appVersion: row.appVersion,
    })),
  };
}

/** Ends one of the officer's own active sessions (on a device left signed in elsewhere, or the calling one: a sign-out). */
export async function endOwnSession(
  db: Database,
  session: Session,
  sessionId: string,
  now = new Date(),
  action: 'auth.session_ended' | 'auth.logout' = 'auth.session_ended',
): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ expiresAt: now })
      .where(and(eq(sessions.id, sessionId), eq(sessions.officerId, session.officer.id), gt(sessions.expiresAt, now)))
      .returning({ deviceId: sessions.deviceId });
    if (ended.length === 0) throw notFound(`no active session ${sessionId} of yours`);
    await recordAudit(tx, {
      actorId: session.officer.id,
      action,
      recordType: 'session',
      recordId: sessionId,
      deviceId: session.deviceId,
      details: { sessionDeviceId: ended[0]!.deviceId },
      at: now,
    });
    return { ended: ended.length };
  });
}

/** Ends every active session of the officer: whoever held one of their tokens must sign in again. */
export async function endSessionsOf(tx: Transaction, officerId: string, now: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ expiresAt: now })
    .where(and(eq(sessions.officerId, officerId), gt(sessions.expiresAt, now)));
}

/** Refuses a password the policy does not allow for this user (400 naming each problem). */
export function requireAcceptablePassword(password: string, username: string): void {
  const problems = serverPasswordProblems(password, username).map(describePasswordProblem);
  if (problems.length > 0) throw invalid(`the new password cannot be used: ${problems.join('; ')}`, problems);
}

/**
 * Changes the caller's password after checking the current one (throttled like a sign-in). Every session of the
 * officer ends, this device gets a new one: whoever held a token with the old password is out.
 */
export async function changePassword(
  db: Database,
  session: Session,
  request: ChangePasswordRequest,
  context: SignInContext,
  now = new Date(),
): Promise<LoginResponse> {
  const [row] = await db.select().from(officers).where(eq(officers.id, session.officer.id));
  if (!row) throw unauthenticated('session expired or unknown: sign in again');
  await throttled(context.throttle, row.username, context.clientAddress, async () => {
    if (!(await verifyPassword(request.currentPassword, row.passwordHash))) throw unauthenticated('the current password is wrong');
  });
  if (request.newPassword === request.currentPassword) throw invalid('the new password must differ from the current one');
  requireAcceptablePassword(request.newPassword, row.username);
  const passwordHash = await hashPassword(request.newPassword);
  const opened = await db.transaction(async (tx) => {
    await tx.update(officers).set({ passwordHash, mustChangePassword: false }).where(eq(officers.id, row.id));
    await endSessionsOf(tx, row.id, now);
    // The caller's own device: a device id from the body could name a revoked one and get a session on it.
    const fresh = await openSession(tx, row.id, session.deviceId, context.tokenTtlHours, now);
    await recordAudit(tx, {
      actorId: row.id,
      action: 'auth.password_changed',
      recordType: 'officer',
      recordId: row.id,
      deviceId: session.deviceId,
      at: now,
    });
    return fresh;
  });
  return { ...opened, officer: session.officer };
}
