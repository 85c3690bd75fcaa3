// Sign-in and the health check: the operations anyone may call.
import { operationGroup } from '../http/operations';
import { checkHealth, login } from '../services/auth';

export const authRoutes = operationGroup({
  'system.health': { handle: (context) => checkHealth(context.db, context.settings.databaseKind) },
  'auth.login': {
    names: { body: 'login request' },
    handle: (context, { body }) => login(context.db, body, context.settings.tokenTtlHours),
  },
});
