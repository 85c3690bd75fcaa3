// Pull, push and the bootstrap snapshot. The pull page is answered as the JSON text the service serialised (its records
// are stored as JSON); a snapshot chunk as the bytes it is stored as (its parts compressed already).
import { includedCollections } from '@shared/sync/protocol';
import { RawReply, operationGroup } from '../http/operations';
import { pullChanges, pullPageJson } from '../services/pull';
import { pushMutations } from '../services/push';
import { readSnapshotChunk, snapshotManifest } from '../services/snapshots';

export const syncRoutes = operationGroup({
  'sync.pull': {
    names: { query: 'pull query' },
    handle: async ({ db, officer }, { query }) => {
      const page = await pullChanges(db, officer, query.cursor, query.limit, includedCollections(query.include), {
        remaining: query.remaining === '1',
        snapshot: query.snapshot,
      });
      // A string body: @fastify/compress compresses it like any other response when the client accepts it.
      return new RawReply(pullPageJson(page), { 'content-type': 'application/json; charset=utf-8' });
    },
  },
  // The manifest changes as the jurisdiction does: never cached.
  'sync.snapshot': {
    names: { query: 'snapshot query' },
    handle: async ({ db, officer }, { query }) =>
      new RawReply(await snapshotManifest(db, officer, query.layout), { 'cache-control': 'private, no-store' }),
  },
  'sync.snapshotChunk': {
    names: { params: 'snapshot chunk address' },
    handle: async ({ db, officer }, { params }) =>
      // Content-addressed, so never changing; but only for officers of its jurisdiction (`private`). A media type of its
      // own, which the response compression leaves alone: its parts are gzip already.
      new RawReply(await readSnapshotChunk(db, officer, params.sha256), {
        'content-type': 'application/vnd.onevisit.snapshot-chunk',
        'cache-control': 'private, max-age=31536000, immutable',
        etag: `"${params.sha256}"`,
      }),
  },
  // A revoked device may still deliver its queued work (access `upload`, services/devices.ts).
  'sync.push': {
    names: { body: 'push request' },
    handle: ({ db, officer }, { body }, request) =>
      pushMutations(db, officer, body, (error, mutation) =>
        request.log.error({ err: error, mutationId: mutation.mutationId }, 'push: a mutation failed; the others went on'),
      ),
  },
});
