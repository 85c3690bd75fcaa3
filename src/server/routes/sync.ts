// Pull and push. The pull page is answered as the JSON text the service serialised (its records are stored as JSON).
import { includedCollections } from '@shared/sync/protocol';
import { RawReply, operationGroup } from '../http/operations';
import { pullChanges, pullPageJson } from '../services/pull';
import { pushMutations } from '../services/push';

export const syncRoutes = operationGroup({
  'sync.pull': {
    names: { query: 'pull query' },
    handle: async ({ db, officer }, { query }) => {
      const page = await pullChanges(db, officer, query.cursor, query.limit, includedCollections(query.include), {
        remaining: query.remaining === '1',
      });
      // A string body: @fastify/compress compresses it like any other response when the client accepts it.
      return new RawReply(pullPageJson(page), { 'content-type': 'application/json; charset=utf-8' });
    },
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
