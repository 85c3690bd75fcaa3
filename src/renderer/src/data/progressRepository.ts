// The dashboard's figures, computed over the records synced to this machine with the endpoint's own computation.
import { computeProgress, type ProgressSummary } from '@shared/review/progress';
import type { OneVisitDb } from './db';
import { enterpriseDirectory } from './enterpriseDirectory';

export function progressRepository(db: OneVisitDb) {
  return {
    async summary(today: string): Promise<ProgressSummary> {
      const [tasks, sections, corrections] = await db.transaction('r', [db.tasks, db.sections, db.corrections], () =>
        Promise.all([db.tasks.toArray(), db.sections.toArray(), db.corrections.toArray()]),
      );
      const ids = [...new Set(tasks.map((t) => t.enterpriseId))];
      const keys = await enterpriseDirectory(db).keys(ids);
      const districts = new Map(ids.map((id, i) => [id, keys[i]?.districtCode] as const));
      return computeProgress({ tasks, sections, corrections, districtOf: (id) => districts.get(id), today });
    },
  };
}
