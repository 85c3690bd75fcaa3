// Sign-in and the health check: the operations anyone may call.
import type { FastifyInstance } from 'fastify';
import { registerOperations, type Endpoint } from '../http/operations';
import { checkHealth, login } from '../services/auth';

export async function authRoutes(api: FastifyInstance, endpoint: Endpoint): Promise<void> {
  registerOperations(api, endpoint, {
    'system.health': { handle: (context) => checkHealth(context.db, context.settings.databaseKind) },
    'auth.login': {
      names: { body: 'login request' },
      handle: (context, { body }) => login(context.db, body, context.settings.tokenTtlHours),
    },
  });
}
