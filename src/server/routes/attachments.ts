// Attachment bytes travel as raw image bodies, never inside JSON: only this plugin parses them, with its own limit.
import type { FastifyRequest } from 'fastify';
import { UPLOAD_OFFSET_HEADER, parseContentRange } from '@shared/api/attachments';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@shared/domain/model';
import { DomainError, invalid, notFound } from '../domain/errors';
import { RawReply, operationGroup } from '../http/operations';
import {
  attachmentInfo,
  isAttachmentType,
  readAttachment,
  storeAttachment,
  storeAttachmentChunk,
  unfinishedUploadOffset,
} from '../services/attachments';

/** The body's type and bytes, and the chunk's place in the whole when it is one (see UPLOAD_OFFSET_HEADER). */
function uploadOf(request: FastifyRequest) {
  const contentType = request.headers['content-type']?.split(';')[0]?.trim();
  if (!isAttachmentType(contentType) || !Buffer.isBuffer(request.body)) {
    throw new DomainError(
      'unsupported_media',
      'unsupported_media_type',
      `attachments are sent as raw bytes with Content-Type ${ATTACHMENT_TYPES.join(', ')}`,
    );
  }
  const rangeHeader = request.headers['content-range'];
  const range = rangeHeader === undefined ? null : parseContentRange(rangeHeader);
  if (rangeHeader !== undefined && !range) throw invalid('Content-Range must read "bytes start-end/total" with start ≤ end < total');
  return { contentType, bytes: request.body, range };
}

const names = { params: 'attachment address' };

export const attachmentRoutes = operationGroup(
  {
    'attachments.put': {
      names,
      bodyLimit: ATTACHMENT_MAX_BYTES,
      handle: async ({ db, officer }, { params }, request) => {
        const { contentType, bytes, range } = uploadOf(request);
        const { created, ...receipt } = range
          ? await storeAttachmentChunk(db, officer, params.sha256, contentType, range, bytes)
          : await storeAttachment(db, officer, params.sha256, contentType, bytes);
        const headers: Record<string, number> = receipt.received === undefined ? {} : { [UPLOAD_OFFSET_HEADER]: receipt.received };
        return new RawReply(receipt, headers, created ? 201 : 200);
      },
    },
    'attachments.head': {
      names,
      handle: async ({ db, officer }, { params }) => {
        const info = await attachmentInfo(db, params.sha256);
        if (!info)
          return new RawReply(undefined, { [UPLOAD_OFFSET_HEADER]: await unfinishedUploadOffset(db, officer, params.sha256) }, 404);
        return new RawReply(undefined, { 'content-type': info.contentType, 'content-length': info.size });
      },
    },
    'attachments.get': {
      names,
      handle: async ({ db, officer }, { params }) => {
        const found = await readAttachment(db, officer, params.sha256);
        if (!found) throw notFound(`no attachment ${params.sha256}`);
        // Content-addressed bytes never change. Bytes from a device are never rendered as a page: a download, its
        // declared type only (nosniff, set for every answer), its name the hex address.
        return new RawReply(found.bytes, {
          'content-type': found.contentType,
          'cache-control': 'private, max-age=31536000, immutable',
          'content-disposition': `attachment; filename="${params.sha256}.${found.contentType.split('/')[1]}"`,
        });
      },
    },
  },
  (api) =>
    api.addContentTypeParser([...ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    ),
);
