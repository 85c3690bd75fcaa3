// Attestations: a second officer's credentials, checked for an act recorded on another officer's device.
import { operationGroup } from '../http/operations';
import { confirmRefusalOnOwnDevice, createAttestation, listAttestations } from '../services/attestations';

export const attestationRoutes = operationGroup({
  'attestations.create': {
    names: { body: 'attestation request' },
    handle: ({ db, officer, deviceId }, { body }) => createAttestation(db, officer, deviceId, body),
  },
  'attestations.confirmRefusal': {
    names: { body: 'refusal confirmation' },
    handle: ({ db, officer, deviceId }, { body }) => confirmRefusalOnOwnDevice(db, officer, deviceId, body),
  },
  'attestations.list': {
    names: { query: 'attestation query' },
    handle: ({ db, officer }, { query }) => listAttestations(db, officer, query.taskId),
  },
});
