// Disputed penalties: two approvals by different credit reviewers, neither the uploader; a rejection returns it.
import type { IntakeDecisionResponse, IntakeDisputeListQuery, IntakeDisputeListResponse } from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import { DomainError } from '../domain/errors';

export type DisputeDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

export async function listDisputes(_db: Database, _officer: Officer, _query: IntakeDisputeListQuery): Promise<IntakeDisputeListResponse> {
  throw new DomainError('unprocessable', 'not_available', 'the intake is not available on this endpoint');
}
export async function decideDispute(
  _db: Database,
  _officer: Officer,
  _recordId: string,
  _decision: DisputeDecision,
): Promise<IntakeDecisionResponse> {
  throw new DomainError('unprocessable', 'not_available', 'the intake is not available on this endpoint');
}
