// Sign-in and bearer sessions. Only the sha256 of a token is stored, so a leaked database does not leak sessions.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { LoginRequest, LoginResponse } from '../../shared/api/contract';
import type { Officer } from '../../shared/domain/model';
import type { Database } from '../db/open';
import { officers, sessions } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { unauthorized } from '../http/errors';

export const LOGIN_FAILED_MESSAGE = 'unknown username or wrong password';

function hashToken(token: string): string {
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
  if (!row || !valid) throw unauthorized(LOGIN_FAILED_MESSAGE);

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + tokenTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.officerId, row.id), lte(sessions.expiresAt, now)));
    await tx.insert(sessions).values({ tokenHash: hashToken(token), officerId: row.id, deviceId: request.deviceId, createdAt: now, expiresAt });
  });
  const officer: Officer = { id: row.id, name: row.name, departmentId: row.departmentId, unitId: row.unitId, role: row.role };
  return { token, officer, expiresAt: expiresAt.toISOString() };
}

/** The officer of a valid, unexpired bearer token; 401 otherwise. */
export async function authenticate(db: Database, authorization: string | undefined, now = new Date()): Promise<Officer> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization?.trim() ?? '');
  if (!authorization) throw unauthorized('sign-in required: send the session token as "Authorization: Bearer <token>"');
  if (!match?.[1]) throw unauthorized('malformed Authorization header: expected "Bearer <token>"');
  const [officer] = await db
    .select(publicOfficerColumns)
    .from(sessions)
    .innerJoin(officers, eq(officers.id, sessions.officerId))
    .where(and(eq(sessions.tokenHash, hashToken(match[1])), gt(sessions.expiresAt, now)));
  if (!officer) throw unauthorized('session expired or unknown: sign in again');
  return officer;
}
