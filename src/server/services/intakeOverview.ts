// The half-month overview: which departments have submitted in a period and which have not.
import type { IntakeOverview, IntakeOverviewQuery } from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import { DomainError } from '../domain/errors';

export async function intakeOverview(_db: Database, _officer: Officer, _query: IntakeOverviewQuery): Promise<IntakeOverview> {
  throw new DomainError('unprocessable', 'not_available', 'the intake is not available on this endpoint');
}
