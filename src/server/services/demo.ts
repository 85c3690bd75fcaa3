// The demo as `npm start` seeds it: the generated reference data and enterprises (through the intake), then the
// campaign from a real draw dated from the seeding day. One function, so the tests seed exactly what a newcomer sees.
import { loadDistrictOutlines } from '../demo/districts';
import { generateDemoData } from '../demo/generate';
import type { Database } from '../db/open';
import { seedDatabase, type PasswordHasher, type SeedProgress } from './seed';
import { seedDemoCampaign } from './demoCampaign';

export interface DemoOptions {
  seed: string;
  enterpriseCount: number;
  /** The seeding day (Asia/Shanghai), YYYY-MM-DD: the campaign's dates are relative to it. */
  today: string;
}

export async function seedDemo(
  db: Database,
  { seed, enterpriseCount, today }: DemoOptions,
  onProgress?: (progress: SeedProgress) => void,
  hash?: PasswordHasher,
): Promise<{ planId: string; tasks: number }> {
  const generated = generateDemoData({ seed, enterpriseCount }, loadDistrictOutlines());
  // The campaign comes from a real draw (seedDemoCampaign), not from the generator's tasks.
  await seedDatabase(db, { ...generated, plans: [], tasks: [], sections: [] }, onProgress, hash);
  return seedDemoCampaign(db, { seed, today });
}
