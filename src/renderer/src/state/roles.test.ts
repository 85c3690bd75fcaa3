import { describe, expect, it } from 'vitest';
import { officerRoleSchema, type OfficerRole } from '@shared/domain/model';
import { reviewsDisputes, runsIntake, supervises, worksOnInspections } from './roles';

const EXPECTED: Record<OfficerRole, { inspections: boolean; supervision: boolean; intake: boolean; disputes: boolean }> = {
  inspector: { inspections: true, supervision: false, intake: false, disputes: false },
  supervisor: { inspections: true, supervision: true, intake: false, disputes: false },
  data_officer: { inspections: false, supervision: false, intake: true, disputes: false },
  credit_reviewer: { inspections: false, supervision: false, intake: false, disputes: true },
  admin: { inspections: true, supervision: true, intake: true, disputes: true },
};

describe('what the app offers each role', () => {
  it.each(officerRoleSchema.options)('%s', (role) => {
    expect({
      inspections: worksOnInspections(role),
      supervision: supervises(role),
      intake: runsIntake(role),
      disputes: reviewsDisputes(role),
    }).toEqual(EXPECTED[role]);
  });
});
