// Receives a department's file: streams it through its parser into the intake, in one transaction (a file that turns
// out unreadable halfway leaves nothing behind), and answers the checked batch.
import { recordActorAudit, type Actor } from '../audit';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { IntakeBatchResponse, intakeUploadQuerySchema } from '@shared/api/intake';
import { shanghaiDate } from '@shared/calendar/workingDays';
import { INTAKE_MEDIA_TYPES, intakeCsvEncodingOf, intakeFormatOf } from '@shared/intake/kinds';
import { halfMonthPeriodOf } from '@shared/intake/periods';
import { requireIntakeUploader } from '../../access/policy';
import { queryRows, type Database } from '../../db/open';
import { DomainError, invalid, notFound } from '../../domain/errors';
import { ingestBatch, lockIntake } from './ingest';
import { readInWorker } from './thread';
import { batchView } from './queries';

export interface IntakeUpload {
  stream: Readable;
  contentType: string;
  fileName: string;
}

const unsupported = (message: string) => new DomainError('unsupported_media', 'unsupported_media_type', message);

/** The file's bytes, counted as they pass. */
async function* counted(stream: Readable, count: { bytes: number }): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    count.bytes += chunk.byteLength;
    yield chunk;
  }
}

export async function receiveBatch(
  db: Database,
  actor: Actor,
  query: z.output<typeof intakeUploadQuerySchema>,
  upload: IntakeUpload,
): Promise<IntakeBatchResponse> {
  const { officer } = actor;
  try {
    requireIntakeUploader(officer, query.source);
    const format = intakeFormatOf(upload.contentType);
    if (!format)
      throw unsupported(`the intake reads ${Object.values(INTAKE_MEDIA_TYPES).join(', ')}; got ${upload.contentType || 'no Content-Type'}`);
    const encoding = format === 'csv' ? intakeCsvEncodingOf(upload.contentType) : 'utf-8';
    if (!encoding) throw unsupported(`a CSV is read as UTF-8 or GB18030 (charset=gb18030); got ${upload.contentType}`);
    const [department] = await queryRows<{ id: string }>(db, sql`SELECT id FROM departments WHERE id = ${query.source}`);
    if (!department) throw notFound(`no department ${query.source}`);
    const today = shanghaiDate(new Date());
    const periodStart = query.period ?? halfMonthPeriodOf(today).start;
    if (periodStart > today) throw invalid(`the period ${periodStart} has not begun`);

    const id = `ib-${randomUUID()}`;
    const count = { bytes: 0 };
    await db.transaction(async (tx) => {
      await lockIntake(tx);
      const meta = {
        id,
        kind: query.kind,
        source: query.source,
        uploadedBy: officer.id,
        fileName: upload.fileName || `upload.${format}`,
        mediaType: upload.contentType.split(';')[0]!.trim().toLowerCase(),
        encoding: format === 'csv' ? encoding : null,
        periodStart,
      };
      await ingestBatch(tx, meta, readInWorker(counted(upload.stream, count), { kind: query.kind, format, encoding, today }), {
        today,
        bytes: () => count.bytes,
      });
      await recordActorAudit(tx, actor, 'intake.batch_received', { type: 'intake_batch', id, content: await batchView(tx, id) });
    });
    return { batch: (await batchView(db, id))! };
  } finally {
    // A refused upload may leave body unread: read it to its end so the connection stays usable.
    if (!upload.stream.readableEnded) upload.stream.resume();
  }
}
