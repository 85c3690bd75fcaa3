import type { EnterpriseKey, OneVisitDb } from './db';

export function enterpriseKeysRepository(db: OneVisitDb) {
  return {
    all(): Promise<EnterpriseKey[]> {
      return db.enterpriseKeys.toArray();
    },
    /** Changes whenever a pull lands, so an index built over the keys knows when it is stale. */
    async generation(): Promise<string> {
      return (await db.meta.get('cursor'))?.value ?? '';
    },
  };
}
