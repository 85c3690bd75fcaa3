// The demo dataset: deterministic from a seed, documented in the README. Used to seed the endpoint and by benchmarks.
import type { MultiPolygon } from 'geojson';
import type {
  CheckItem,
  Department,
  Enterprise,
  InspectionPlan,
  InspectionSection,
  InspectionTask,
  Officer,
  Unit,
} from '@shared/domain/model';

/** Demo-only password of every demo login; the endpoint refuses demo seeding in production. */
export const DEMO_PASSWORD = 'demo1234';

export interface DemoOfficer extends Officer {
  username: string;
}

export interface DemoOptions {
  /** Any string; the same seed and size always give the same dataset. */
  seed: string;
  enterpriseCount: number;
  /** Joint tasks in the demo plan (at least 200). */
  taskCount?: number;
}

export interface DemoDataset {
  options: Required<DemoOptions>;
  units: Unit[];
  /** Departments that inspect (each with check items and inspectors). */
  departments: Department[];
  /** Departments that only send credit data to the platform (the credit office, the court). */
  feedDepartments: Department[];
  officers: DemoOfficer[];
  checkItems: CheckItem[];
  plans: InspectionPlan[];
  tasks: InspectionTask[];
  sections: InspectionSection[];
  /** Enterprise `index` (0 ≤ index < enterpriseCount) as a pure function of seed and index. */
  enterpriseAt(index: number): Enterprise;
  /** All enterprises in index order, generated lazily so 1,000,000 fit in memory. */
  enterprises(): Generator<Enterprise>;
}

/** A current Yantai district's outline (pre-2020 features already merged into their current district). */
export interface DistrictOutline {
  code: string;
  name: string;
  geometry: MultiPolygon;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
}

/** Outlines of all current Yantai districts, keyed by division code. */
export type DistrictOutlines = ReadonlyMap<string, DistrictOutline>;
