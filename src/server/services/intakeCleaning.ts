// Cleaning runs: end the publicity of penalties past their deadline or repaired, remove expired list entries.
import type { CleaningReportResponse, CleaningRunListResponse } from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import { DomainError } from '../domain/errors';

const unavailable = () => new DomainError('unprocessable', 'not_available', 'the intake is not available on this endpoint');

export async function listCleaningRuns(_db: Database, _officer: Officer, _limit: number): Promise<CleaningRunListResponse> {
  throw unavailable();
}
export async function startCleaningRun(_db: Database, _officer: Officer): Promise<CleaningReportResponse> {
  throw unavailable();
}
export async function cleaningReport(_db: Database, _officer: Officer, _runId: string): Promise<CleaningReportResponse> {
  throw unavailable();
}
