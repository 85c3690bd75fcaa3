// The audit trail for administrators: browse, filter, export a range with its hashes.
import { operationGroup } from '../http/operations';
import { exportAudit, listAudit } from '../services/audit';

export const auditRoutes = operationGroup({
  'audit.list': {
    names: { query: 'audit filter' },
    handle: ({ db, officer, settings }, { query }) => listAudit(db, officer, query, settings.auditHeadFolder),
  },
  'audit.export': {
    names: { query: 'audit range' },
    handle: ({ db, officer }, { query }) => exportAudit(db, officer, query),
  },
});
