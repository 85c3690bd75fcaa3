// Units and their jurisdictions (district codes), for administrators. Moving a district from one unit to another is
// two edits; the units' scope triggers (migration 0004_sync_triggers) turn each into scope events, so the profiles
// leave the old unit's devices and reach the new unit's with their next pull.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { UnitFields, UnitList } from '@shared/api/admin';
import type { Officer, Unit } from '@shared/domain/model';
import type { Database } from '../db/open';
import { units } from '../db/schema';
import { lockWrites } from '../db/writes';
import { requireAdmin } from '../access/policy';
import { notFound } from '../domain/errors';
import { recordActorAudit, type Actor } from './audit';

const unitColumns = { id: units.id, name: units.name, districtCodes: units.districtCodes };

export async function listUnits(db: Database, actor: Officer): Promise<UnitList> {
  requireAdmin(actor, 'manage units');
  return { units: await db.select(unitColumns).from(units).orderBy(units.name) };
}

export async function createUnit(db: Database, actor: Actor, fields: UnitFields): Promise<Unit> {
  requireAdmin(actor.officer, 'create units');
  return db.transaction(async (tx) => {
    const [unit] = await tx
      .insert(units)
      .values({ id: `unit-${randomUUID()}`, ...fields })
      .returning(unitColumns);
    await recordActorAudit(tx, actor, 'unit.created', { type: 'unit', id: unit!.id, content: unit });
    return unit!;
  });
}

export async function updateUnit(db: Database, actor: Actor, unitId: string, fields: UnitFields): Promise<Unit> {
  requireAdmin(actor.officer, 'edit units');
  return db.transaction(async (tx) => {
    // The write lock first (as every writer of synced tables): the unit read below stays as it is until the update.
    await lockWrites(tx);
    const [before] = await tx.select(unitColumns).from(units).where(eq(units.id, unitId));
    if (!before) throw notFound(`no unit ${unitId}`);
    const [unit] = await tx.update(units).set(fields).where(eq(units.id, unitId)).returning(unitColumns);
    await recordActorAudit(tx, actor, 'unit.updated', {
      type: 'unit',
      id: unitId,
      content: unit,
      details: {
        districtsAdded: fields.districtCodes.filter((code) => !before.districtCodes.includes(code)),
        districtsRemoved: before.districtCodes.filter((code) => !fields.districtCodes.includes(code)),
        ...(before.name === fields.name ? {} : { name: { from: before.name, to: fields.name } }),
      },
    });
    return unit!;
  });
}
