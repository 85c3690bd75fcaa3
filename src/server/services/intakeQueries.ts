// What the intake holds: batches, their records, one record with its history, returns and the returns file.
import type {
  IntakeBatchListQuery,
  IntakeBatchListResponse,
  IntakeBatchResponse,
  IntakeRecordListQuery,
  IntakeRecordListResponse,
  IntakeRecordResponse,
  IntakeReturnListQuery,
  IntakeReturnListResponse,
  IntakeReturnsFileQuery,
} from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import { DomainError } from '../domain/errors';

const unavailable = () => new DomainError('unprocessable', 'not_available', 'the intake is not available on this endpoint');

export async function listBatches(_db: Database, _officer: Officer, _query: IntakeBatchListQuery): Promise<IntakeBatchListResponse> {
  throw unavailable();
}
export async function getBatch(_db: Database, _officer: Officer, _batchId: string): Promise<IntakeBatchResponse> {
  throw unavailable();
}
export async function listRecords(
  _db: Database,
  _officer: Officer,
  _batchId: string,
  _query: IntakeRecordListQuery,
): Promise<IntakeRecordListResponse> {
  throw unavailable();
}
export async function getRecord(_db: Database, _officer: Officer, _recordId: string): Promise<IntakeRecordResponse> {
  throw unavailable();
}
export async function listReturns(_db: Database, _officer: Officer, _query: IntakeReturnListQuery): Promise<IntakeReturnListResponse> {
  throw unavailable();
}
export async function returnsFile(
  _db: Database,
  _officer: Officer,
  _query: IntakeReturnsFileQuery,
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  throw unavailable();
}
