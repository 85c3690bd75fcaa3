// Sign-in and bearer sessions. Only the sha256 of a token is stored, so a leaked database does not leak sessions.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { HealthResponse, LoginRequest, LoginResponse } from '@shared/api/auth';
import { DEVICE_REVOKED } from '@shared/api/errors';
import type { Officer } from '@shared/domain/model';
import type { Database, OpenedDatabase } from '../db/open';
import { deviceRevocations, officers, sessions } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { DomainError, unauthenticated } from '../domain/errors';

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

export async function login(db: Database, request: LoginRequest, tokenTtlHours: number, now = new Date()): Promise<LoginResponse> {
  const [row] = await db.select().from(officers).where(eq(officers.username, request.username));
  // Same work and same message whether the user is unknown or the password is wrong.
  const valid = await verifyPassword(request.password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (!row || !valid) throw unauthenticated(LOGIN_FAILED_MESSAGE);
  // Checked after the password, so the answer tells nothing about the device to someone who does not know it.
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

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + tokenTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.officerId, row.id), lte(sessions.expiresAt, now)));
    await tx
      .insert(sessions)
      .values({ tokenHash: hashToken(token), officerId: row.id, deviceId: request.deviceId, createdAt: now, expiresAt });
  });
  const officer: Officer = { id: row.id, name: row.name, departmentId: row.departmentId, unitId: row.unitId, role: row.role };
  return { token, officer, expiresAt: expiresAt.toISOString() };
}

export interface AuthenticateOptions {
  /**
   * Uploads (push, attachment bytes) of a revoked device are still accepted until the device has been told of the
   * revocation after delivering them, so its queued work reaches the server before the device wipes it.
   */
  upload?: boolean;
  now?: Date;
}

export interface Session {
  officer: Officer;
  deviceId: string;
}

/** The officer and device of a valid, unexpired bearer token; 401 otherwise (`device_revoked` for a revoked device). */
export async function authenticate(
  db: Database,
  authorization: string | undefined,
  { upload = false, now = new Date() }: AuthenticateOptions = {},
): Promise<Session> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization?.trim() ?? '');
  if (!authorization) throw unauthenticated('sign-in required: send the session token as "Authorization: Bearer <token>"');
  if (!match?.[1]) throw unauthenticated('malformed Authorization header: expected "Bearer <token>"');
  const [row] = await db
    .select({
      ...publicOfficerColumns,
      deviceId: sessions.deviceId,
      revokedAt: sessions.revokedAt,
      toldAt: sessions.revocationToldAt,
      uploadedAt: sessions.revocationUploadedAt,
      closedAt: sessions.revocationUploadsClosedAt,
    })
    .from(sessions)
    .innerJoin(officers, eq(officers.id, sessions.officerId))
    .where(and(eq(sessions.tokenHash, hashToken(match[1])), gt(sessions.expiresAt, now)));
  if (!row) throw unauthenticated('session expired or unknown: sign in again');
  const { deviceId, revokedAt, toldAt, uploadedAt, closedAt, ...officer } = row;
  if (!revokedAt) return { officer, deviceId };
  const ofDevice = eq(sessions.deviceId, deviceId);
  if (upload && !closedAt) {
    // Its queued work is taken, whichever request learnt the revocation first: uploads close only once the device
    // has been told after delivering (a sync pushes before it pulls, and the app wipes right after its last push).
    if (!uploadedAt) await db.update(sessions).set({ revocationUploadedAt: now }).where(ofDevice);
    return { officer, deviceId };
  }
  // Every session of the device keeps answering this until it expires, so whichever request comes first, the app
  // learns it and wipes.
  if (!toldAt)
    await db
      .update(sessions)
      .set({ revocationToldAt: now })
      .where(and(ofDevice, isNull(sessions.revocationToldAt)));
  if (uploadedAt && !closedAt) await db.update(sessions).set({ revocationUploadsClosedAt: now }).where(ofDevice);
  throw new DomainError(
    'unauthenticated',
    DEVICE_REVOKED,
    `this device was revoked on ${revokedAt.toISOString()}: its local data is to be wiped`,
  );
}
