// Sign-in, sign-out, the password change and the officer's own sessions; the health check.
import { operationGroup, type AnonymousContext } from '../http/operations';
import { changePassword, checkHealth, endOwnSession, listOwnSessions, login, logout } from '../services/auth';

const signInContext = (context: AnonymousContext) => ({
  tokenTtlHours: context.settings.tokenTtlHours,
  clientAddress: context.clientAddress,
  throttle: context.loginThrottle,
});

export const authRoutes = operationGroup({
  'system.health': { handle: (context) => checkHealth(context.db, context.settings.databaseKind) },
  'auth.login': {
    names: { body: 'login request' },
    handle: (context, { body }) => login(context.db, body, signInContext(context)),
  },
  'auth.logout': { handle: (context) => logout(context.db, context) },
  'auth.changePassword': {
    names: { body: 'password change' },
    handle: (context, { body }) => changePassword(context.db, context, body, signInContext(context)),
  },
  'auth.sessions': { handle: (context) => listOwnSessions(context.db, context) },
  'auth.endSession': {
    names: { params: 'session id' },
    handle: (context, { params }) => endOwnSession(context.db, context, params.sessionId),
  },
});
