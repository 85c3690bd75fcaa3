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
  };
}
