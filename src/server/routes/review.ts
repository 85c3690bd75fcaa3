// Review and publication: supervisors of the plan's unit (services/review.ts asks the access policy).
import { publicationCsv } from '@shared/api/review';
import { RawReply, operationGroup } from '../http/operations';
import { approveTask, publicationExport, publishTasks, returnSection, reviewQueue, unitProgress } from '../services/review';

export const reviewRoutes = operationGroup({
  'review.queue': { names: { query: 'review queue query' }, handle: ({ db, officer }, { query }) => reviewQueue(db, officer, query) },
  'review.progress': { names: { query: 'progress query' }, handle: ({ db, officer }, { query }) => unitProgress(db, officer, query) },
  'review.approve': {
    names: { params: 'task id' },
    handle: ({ db, officer, deviceId }, { params }) => approveTask(db, officer, params.taskId, deviceId),
  },
  'review.return': {
    names: { params: 'task id', body: 'return request' },
    handle: ({ db, officer, deviceId }, { params, body }) => returnSection(db, officer, params.taskId, body, deviceId),
  },
  'publication.publish': {
    names: { body: 'publish request' },
    handle: ({ db, officer, deviceId }, { body }) => publishTasks(db, officer, body.taskIds, deviceId),
  },
  'publication.export': {
    names: { query: 'export query' },
    handle: async ({ db, officer }, { query }) => {
      const list = await publicationExport(db, officer, query);
      if (query.format === 'json') return list;
      return new RawReply(publicationCsv(list), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="publication-${list.generatedAt.slice(0, 10)}.csv"`,
      });
    },
  },
});
