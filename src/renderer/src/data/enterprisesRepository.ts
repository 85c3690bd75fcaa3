import type { Enterprise } from '@shared/domain/model';
import type { OneVisitDb } from './db';

export function enterprisesRepository(db: OneVisitDb) {
  return {
    get(id: string): Promise<Enterprise | undefined> {
      return db.enterprises.get(id);
    },
    count(): Promise<number> {
      return db.enterprises.count();
    },
    /** The industries present among the enterprises on this device, sorted, each once. */
    async industries(): Promise<string[]> {
      const found = new Set<string>();
      await db.enterprises.each((e) => void found.add(e.industry));
      return [...found].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    },
  };
}
