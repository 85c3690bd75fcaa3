// Device revocation: a lost or handed-over laptop stops syncing and wipes its officer's local data. The device's
// sessions are marked revoked rather than deleted: they answer `device_revoked` (so the app learns it whatever request
// comes first) until they expire, and still accept uploads until that first answer, so a sync (push, then pull) delivers
// the queued work once before the client wipes (see authenticate's `upload`). Sign-in from the device is refused.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DeviceRevocation } from '../../shared/api/contract';
import type { Officer } from '../../shared/domain/model';
import type { Database } from '../db/open';
import { appliedMutations, deviceRevocations, officers, sessions } from '../db/schema';
import { HttpError } from '../http/errors';

/** Officers who used the device (signed in on it, or pushed from it). */
async function officersOfDevice(db: Database, deviceId: string): Promise<{ id: string; unitId: string }[]> {
  const users = db.select({ id: sessions.officerId }).from(sessions).where(eq(sessions.deviceId, deviceId))
    .union(db.select({ id: appliedMutations.officerId }).from(appliedMutations).where(eq(appliedMutations.deviceId, deviceId)));
  return db.select({ id: officers.id, unitId: officers.unitId }).from(officers).where(inArray(officers.id, users));
}

/** Admins revoke any device; supervisors only devices their unit's officers used. Idempotent. */
export async function revokeDevice(db: Database, actor: Officer, deviceId: string, now = new Date()): Promise<DeviceRevocation> {
  if (actor.role === 'inspector') throw new HttpError(403, 'forbidden', 'only supervisors and administrators revoke devices');
  const users = await officersOfDevice(db, deviceId);
  if (users.length === 0 || (actor.role === 'supervisor' && !users.some((u) => u.unitId === actor.unitId))) {
    throw new HttpError(404, 'not_found', actor.role === 'supervisor' ? `no device ${deviceId} used by an officer of your unit` : `no device ${deviceId} has been used`);
  }
  return db.transaction(async (tx) => {
    await tx.insert(deviceRevocations).values({ deviceId, revokedBy: actor.id, revokedAt: now }).onConflictDoNothing();
    const [revocation] = await tx.select().from(deviceRevocations).where(eq(deviceRevocations.deviceId, deviceId));
    const revoked = await tx.update(sessions).set({ revokedAt: revocation?.revokedAt ?? now })
      .where(and(eq(sessions.deviceId, deviceId), isNull(sessions.revokedAt)))
      .returning({ tokenHash: sessions.tokenHash });
    return { deviceId, revokedAt: (revocation?.revokedAt ?? now).toISOString(), sessionsRevoked: revoked.length };
  });
}
