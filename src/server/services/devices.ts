// Device revocation: a lost or handed-over laptop stops syncing and wipes its officer's local data. The device's
// sessions are marked revoked rather than deleted: they answer `device_revoked` (so the app learns it whatever request
// comes first) until they expire, and still accept uploads until that first answer, so a sync (push, then pull) delivers
// the queued work once before the client wipes (see authenticate's `upload`). Sign-in from the device is refused.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DeviceListResponse, DeviceRevocation, DeviceSummary } from '@shared/api/devices';
import type { Officer } from '@shared/domain/model';
import { queryRows, type Database } from '../db/open';
import { appliedMutations, deviceInfo, deviceRevocations, officers, sessions } from '../db/schema';
import { managesEveryUnit, mayRevokeDevice, requireDeviceManager } from '../access/policy';
import { notFound } from '../domain/errors';
import { recordActorAudit } from './audit';

/** Officers who used the device (signed in on it, or pushed from it). */
async function officersOfDevice(db: Database, deviceId: string): Promise<{ id: string; unitId: string }[]> {
  const users = db
    .select({ id: sessions.officerId })
    .from(sessions)
    .where(eq(sessions.deviceId, deviceId))
    .union(db.select({ id: appliedMutations.officerId }).from(appliedMutations).where(eq(appliedMutations.deviceId, deviceId)));
  return db.select({ id: officers.id, unitId: officers.unitId }).from(officers).where(inArray(officers.id, users));
}

/** Admins revoke any device; supervisors only devices their unit's officers used. Idempotent. */
export async function revokeDevice(
  db: Database,
  actor: Officer,
  deviceId: string,
  actorDeviceId: string | null,
  now = new Date(),
): Promise<DeviceRevocation> {
  requireDeviceManager(actor, 'revoke devices');
  const users = await officersOfDevice(db, deviceId);
  if (!mayRevokeDevice(actor, users)) {
    throw notFound(
      managesEveryUnit(actor) ? `no device ${deviceId} has been used` : `no device ${deviceId} used by an officer of your unit`,
    );
  }
  return db.transaction(async (tx) => {
    await tx.insert(deviceRevocations).values({ deviceId, revokedBy: actor.id, revokedAt: now }).onConflictDoNothing();
    const [revocation] = await tx.select().from(deviceRevocations).where(eq(deviceRevocations.deviceId, deviceId));
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: revocation?.revokedAt ?? now })
      .where(and(eq(sessions.deviceId, deviceId), isNull(sessions.revokedAt)))
      .returning({ tokenHash: sessions.tokenHash });
    const answer = { deviceId, revokedAt: (revocation?.revokedAt ?? now).toISOString(), sessionsRevoked: revoked.length };
    await recordActorAudit(tx, { officer: actor, deviceId: actorDeviceId }, 'device.revoked', {
      type: 'device',
      id: deviceId,
      content: answer,
    });
    return answer;
  });
}

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The devices an admin (all) or a supervisor (those their unit's officers used) may revoke, last seen first. A device is
 * seen when an officer signs in on it or pushes from it: the only device-bound events the endpoint records.
 */
export async function listDevices(db: Database, actor: Officer, now = new Date()): Promise<DeviceListResponse> {
  requireDeviceManager(actor, 'manage devices');
  // Per device and officer first, so the union stays as small as the number of (device, officer) pairs.
  const usage = sql`
    SELECT device_id, officer_id, min(created_at) AS first_seen, max(created_at) AS last_seen FROM sessions GROUP BY device_id, officer_id
    UNION ALL
    SELECT device_id, officer_id, min(applied_at), max(applied_at) FROM applied_mutations GROUP BY device_id, officer_id`;
  const ofUnit = managesEveryUnit(actor)
    ? sql``
    : sql`WHERE u.device_id IN (
    SELECT x.device_id FROM usage x JOIN officers xo ON xo.id = x.officer_id WHERE xo.unit_id = ${actor.unitId})`;
  const [users, active, revocations, infos] = await Promise.all([
    queryRows<{ device_id: string; officer_id: string; name: string; first_seen: Date | string; last_seen: Date | string }>(
      db,
      sql`
      WITH usage AS (${usage})
      SELECT u.device_id, u.officer_id, o.name, min(u.first_seen) AS first_seen, max(u.last_seen) AS last_seen
      FROM usage u JOIN officers o ON o.id = u.officer_id ${ofUnit}
      GROUP BY u.device_id, u.officer_id, o.name
      ORDER BY u.device_id, max(u.last_seen) DESC, u.officer_id`,
    ),
    queryRows<{ device_id: string; n: number }>(
      db,
      sql`
      SELECT device_id, count(*)::int AS n FROM sessions WHERE revoked_at IS NULL AND expires_at > ${now.toISOString()}::timestamptz GROUP BY device_id`,
    ),
    queryRows<{ device_id: string; revoked_at: Date | string; revoked_by: string; name: string }>(
      db,
      sql`
      SELECT r.device_id, r.revoked_at, r.revoked_by, o.name FROM device_revocations r JOIN officers o ON o.id = r.revoked_by`,
    ),
    db.select().from(deviceInfo),
  ]);
  const infoOf = new Map(infos.map((row) => [row.deviceId, row]));
  const activeOf = new Map(active.map((row) => [row.device_id, row.n]));
  const revocationOf = new Map(revocations.map((row) => [row.device_id, row]));
  const devices = new Map<string, DeviceSummary>();
  for (const row of users) {
    const device = devices.get(row.device_id);
    const [first, last] = [iso(row.first_seen), iso(row.last_seen)];
    if (device) {
      device.officers.push({ id: row.officer_id, name: row.name });
      if (first < device.firstSeenAt) device.firstSeenAt = first;
      if (last > device.lastSeenAt) device.lastSeenAt = last;
      continue;
    }
    const revocation = revocationOf.get(row.device_id);
    const info = infoOf.get(row.device_id);
    devices.set(row.device_id, {
      deviceId: row.device_id,
      hostName: info?.hostName ?? null,
      system: info?.system ?? null,
      appVersion: info?.appVersion ?? null,
      officers: [{ id: row.officer_id, name: row.name }],
      firstSeenAt: first,
      lastSeenAt: last,
      activeSessions: activeOf.get(row.device_id) ?? 0,
      revokedAt: revocation ? iso(revocation.revoked_at) : null,
      revokedBy: revocation ? { id: revocation.revoked_by, name: revocation.name } : null,
    });
  }
  return {
    devices: [...devices.values()].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || a.deviceId.localeCompare(b.deviceId)),
  };
}
