// Reference data the server owns: departments, units, officers and the check-item catalogue.
import type { CheckItem, Department, Officer, Unit } from '@shared/domain/model';
import type { OneVisitDb } from './db';

export interface ReferenceData {
  departments: Map<string, Department>;
  units: Map<string, Unit>;
  officers: Map<string, Officer>;
}

function byId<T extends { id: string }>(records: T[]): Map<string, T> {
  return new Map(records.map((r) => [r.id, r]));
}

export function referenceRepository(db: OneVisitDb) {
  return {
    async all(): Promise<ReferenceData> {
      return db.transaction('r', db.departments, db.units, db.officers, async () => ({
        departments: byId(await db.departments.toArray()),
        units: byId(await db.units.toArray()),
        officers: byId(await db.officers.toArray()),
      }));
    },

    /** The officers of a unit on this device (a supervisor's device holds its unit's), by name. */
    async unitOfficers(unitId: string): Promise<Officer[]> {
      const officers = await db.officers.filter((o) => o.unitId === unitId).toArray();
      return officers.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    },

    /** The check-item catalogue on this device by department id, each in catalogue (code) order. */
    async catalogue(): Promise<Map<string, CheckItem[]>> {
      const byDepartment = new Map<string, CheckItem[]>();
      for (const item of await db.checkItems.toArray())
        byDepartment.set(item.departmentId, [...(byDepartment.get(item.departmentId) ?? []), item]);
      for (const items of byDepartment.values()) items.sort((a, b) => a.code.localeCompare(b.code));
      return byDepartment;
    },

    async checkItems(ids: readonly string[]): Promise<Map<string, CheckItem>> {
      const items = await db.checkItems.bulkGet([...ids]);
      return byId(items.filter((i): i is CheckItem => i !== undefined));
    },
  };
}
