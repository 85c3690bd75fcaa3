// Devices an admin or supervisor may revoke.
import { operationGroup } from '../http/operations';
import { listDevices, revokeDevice } from '../services/devices';

export const deviceRoutes = operationGroup({
  'devices.list': { handle: ({ db, officer }) => listDevices(db, officer) },
  'devices.revoke': {
    names: { params: 'device id' },
    handle: ({ db, officer, deviceId }, { params }) => revokeDevice(db, officer, params.deviceId, deviceId),
  },
});
