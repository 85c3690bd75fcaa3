// Attestations: a second officer's credentials, checked for an act recorded on another officer's device.
import { operationGroup } from '../http/operations';
import { createAttestation } from '../services/attestations';

export const attestationRoutes = operationGroup({
  'attestations.create': {
    names: { body: 'attestation request' },
    handle: ({ db, officer, deviceId }, { body }) => createAttestation(db, officer, deviceId, body),
  },
});
