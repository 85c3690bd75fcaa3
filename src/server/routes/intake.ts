// The city platform's intake: department files in (streamed, never parsed as JSON by Fastify), batches, records,
// disputes, returns, the period overview and cleaning runs. The rules are services/intake*.ts.
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INTAKE_FILE_NAME_HEADER, INTAKE_MAX_BYTES } from '@shared/api/intake';
import { operationPath } from '@shared/api/operations';
import { INTAKE_MEDIA_TYPES } from '@shared/intake/kinds';
import { DomainError } from '../domain/errors';
import { RawReply, operationGroup } from '../http/operations';
import { cleaningReport, listCleaningRuns, startCleaningRun } from '../services/intake/cleaning';
import { decideDispute, listDisputes } from '../services/intake/disputes';
import { intakeOverview } from '../services/intake/overview';
import { getBatch, getRecord, listBatches, listRecords, listReturns, returnsFile } from '../services/intake/queries';
import { receiveBatch } from '../services/intake/upload';

const UPLOAD_PATH = operationPath('intake.upload');
/** Other JSON bodies of the group (a rejection's reason) are small. */
const JSON_BODY_LIMIT = 1024 * 1024;

/** The upload's body: the raw request stream, its media type and its file name. */
function uploadOf(request: FastifyRequest) {
  const body = request.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') {
    throw new DomainError(
      'unsupported_media',
      'unsupported_media_type',
      `send the file as the body with Content-Type ${Object.values(INTAKE_MEDIA_TYPES).join(', ')}`,
    );
  }
  const header = request.headers[INTAKE_FILE_NAME_HEADER];
  return { stream: body, contentType: request.headers['content-type'] ?? '', fileName: fileNameOf(header).slice(0, 255) };
}

const isUpload = (request: FastifyRequest) => request.method === 'POST' && request.routeOptions.url?.endsWith(UPLOAD_PATH) === true;

function fileNameOf(header: string | string[] | undefined): string {
  if (typeof header !== 'string') return '';
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

export const intakeRoutes = operationGroup(
  {
    'intake.upload': {
      names: { query: 'upload query' },
      handle: ({ db, officer, deviceId }, { query }, request) => receiveBatch(db, { officer, deviceId }, query, uploadOf(request)),
    },
    'intake.batches': { names: { query: 'batch query' }, handle: ({ db, officer }, { query }) => listBatches(db, officer, query) },
    'intake.batch': { names: { params: 'batch id' }, handle: ({ db, officer }, { params }) => getBatch(db, officer, params.batchId) },
    'intake.records': {
      names: { params: 'batch id', query: 'record query' },
      handle: ({ db, officer }, { params, query }) => listRecords(db, officer, params.batchId, query),
    },
    'intake.record': { names: { params: 'record id' }, handle: ({ db, officer }, { params }) => getRecord(db, officer, params.recordId) },
    'intake.disputes': { names: { query: 'dispute query' }, handle: ({ db, officer }, { query }) => listDisputes(db, officer, query) },
    'intake.approve': {
      names: { params: 'record id' },
      handle: ({ db, officer, deviceId }, { params }) => decideDispute(db, { officer, deviceId }, params.recordId, { decision: 'approve' }),
    },
    'intake.reject': {
      names: { params: 'record id', body: 'rejection' },
      handle: ({ db, officer, deviceId }, { params, body }) =>
        decideDispute(db, { officer, deviceId }, params.recordId, { decision: 'reject', reason: body.reason }),
    },
    'intake.returns': { names: { query: 'returns query' }, handle: ({ db, officer }, { query }) => listReturns(db, officer, query) },
    'intake.returnsFile': {
      names: { query: 'returns file query' },
      handle: async ({ db, officer }, { query }) => {
        const file = await returnsFile(db, officer, query);
        return new RawReply(file.bytes, {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          'cache-control': 'no-store',
        });
      },
    },
    'intake.overview': { names: { query: 'overview query' }, handle: ({ db, officer }, { query }) => intakeOverview(db, officer, query) },
    'intake.cleaningRuns': {
      names: { query: 'cleaning run query' },
      handle: ({ db, officer }, { query }) => listCleaningRuns(db, officer, query.limit),
    },
    'intake.startCleaningRun': { handle: ({ db, officer, deviceId }) => startCleaningRun(db, { officer, deviceId }) },
    'intake.cleaningRun': {
      names: { params: 'cleaning run id' },
      handle: ({ db, officer }, { params }) => cleaningReport(db, officer, params.runId),
    },
  },
  (api: FastifyInstance) => {
    // The upload's body is handed over as the request stream, for every media type the intake reads (JSON included);
    // other JSON bodies of this group are parsed as everywhere else. The stream's size is limited while it is read.
    const parseJson = api.getDefaultJsonParser('error', 'error');
    api.removeContentTypeParser('application/json');
    api.addContentTypeParser('application/json', { bodyLimit: INTAKE_MAX_BYTES }, (request, payload, done) => {
      if (isUpload(request)) return done(null, payload);
      let text = '';
      payload.setEncoding('utf8');
      payload.on('data', (chunk: string) => {
        text += chunk;
        if (text.length > JSON_BODY_LIMIT)
          payload.destroy(new DomainError('too_large', 'payload_too_large', 'the request body is too large'));
      });
      payload.on('error', done);
      payload.on('end', () => parseJson(request, text, done));
    });
    const others = Object.values(INTAKE_MEDIA_TYPES).filter((type) => type !== INTAKE_MEDIA_TYPES.json);
    api.addContentTypeParser(others, { bodyLimit: INTAKE_MAX_BYTES }, (_request, payload, done) => done(null, payload));
    // Any other media type reaches the upload, which names the ones it reads; elsewhere it is the usual 415.
    api.addContentTypeParser('*', { bodyLimit: INTAKE_MAX_BYTES }, (request, payload, done) => {
      if (isUpload(request)) return done(null, payload);
      payload.resume();
      done(Object.assign(new Error('unsupported media type'), { statusCode: 415 }), undefined);
    });
  },
);
