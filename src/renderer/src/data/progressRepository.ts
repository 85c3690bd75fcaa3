// The dashboard's figures, computed over the records synced to this machine with the endpoint's own computation.
import { computeProgress, type ProgressSummary } from '@shared/review/progress';
import type { OneVisitDb } from './db';

export function progressRepository(db: OneVisitDb) {
  return {
    async summary(today: string): Promise<ProgressSummary> {
      return db.transaction('r', [db.tasks, db.sections, db.corrections, db.enterprises], async () => {
        const [tasks, sections, corrections] = await Promise.all([db.tasks.toArray(), db.sections.toArray(), db.corrections.toArray()]);
        const enterprises = await db.enterprises.bulkGet([...new Set(tasks.map((t) => t.enterpriseId))]);
        const districts = new Map(enterprises.flatMap((e) => (e ? [[e.id, e.districtCode] as const] : [])));
        return computeProgress({ tasks, sections, corrections, districtOf: (id) => districts.get(id), today });
      });
    },
  };
}
