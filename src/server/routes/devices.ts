// Devices an admin or supervisor may revoke.
import type { FastifyInstance } from 'fastify';
import { registerOperations, type Endpoint } from '../http/operations';
import { listDevices, revokeDevice } from '../services/devices';

export async function deviceRoutes(api: FastifyInstance, endpoint: Endpoint): Promise<void> {
  registerOperations(api, endpoint, {
    'devices.list': { handle: ({ db, officer }) => listDevices(db, officer) },
    'devices.revoke': {
      names: { params: 'device id' },
      handle: ({ db, officer }, { params }) => revokeDevice(db, officer, params.deviceId),
    },
  });
}
