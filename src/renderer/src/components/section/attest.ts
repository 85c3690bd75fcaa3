// A second officer present vouches on this laptop with their own credentials (docs/using-the-app.md, "A second
// officer on this laptop"). Online, the endpoint checks them and keeps the attestation; when it cannot be reached, the
// laptop checks them against the verifier of that officer's own earlier online sign-in here, and the endpoint later
// accepts that only from a device where they did sign in online.
import type { AttestationPurpose } from '@shared/api/attestations';
import type { Attestation } from '@shared/domain/model';
import { getBridge } from '../../platform/bridge';
import { errorKind, errorMessage } from '../../platform/errors';
import { bridgeErrorOf } from '@shared/bridgeError';
import { nowIsoWithOffset } from '../../lib/time';
import { OfflineUnlockError, offlineSignIn } from '../../state/offlineSignIn';

export type AttestFailure = 'wrong_password' | 'wrong_officer' | 'no_offline_verifier' | 'failed';

export class AttestError extends Error {
  constructor(
    readonly reason: AttestFailure,
    message: string = reason,
  ) {
    super(message);
    this.name = 'AttestError';
  }
}

export interface AttestRequest {
  /** The officer who is to vouch: the credentials must be theirs. */
  officerId: string;
  username: string;
  password: string;
  taskId: string;
  purpose: AttestationPurpose;
  /** The signature's sha256, or the section's department for a refusal to sign. */
  subject: string;
}

export async function attest(request: AttestRequest, storage: Storage = window.localStorage): Promise<Attestation> {
  const { officerId, username, password, taskId, purpose, subject } = request;
  try {
    const answer = await getBridge().call('attestations.create', { body: { username, password, taskId, purpose, subject } });
    if (answer.officerId !== officerId) throw new AttestError('wrong_officer');
    return { officerId, at: answer.at, method: 'online', attestationId: answer.id };
  } catch (error) {
    if (error instanceof AttestError) throw error;
    if (bridgeErrorOf(error)?.status === 422) throw new AttestError('wrong_password');
    if (errorKind(error) !== 'network') throw new AttestError('failed', errorMessage(error));
  }
  // The endpoint is out of reach: only a verifier of that officer's own online sign-in on this laptop can vouch.
  let session;
  try {
    session = await offlineSignIn(storage).unlock(username, password);
  } catch (error) {
    throw new AttestError(error instanceof OfflineUnlockError && error.reason === 'expired' ? 'no_offline_verifier' : 'wrong_password');
  }
  if (!session) throw new AttestError('no_offline_verifier');
  if (session.officer.id !== officerId) throw new AttestError('wrong_officer');
  return { officerId, at: nowIsoWithOffset(), method: 'offline' };
}

/** This officer, present and signed in on their own device, confirms that the representative refused to sign that section. */
export async function confirmRefusalHere(taskId: string, departmentId: string): Promise<void> {
  await getBridge().call('attestations.confirmRefusal', { body: { taskId, departmentId } });
}

/**
 * A confirmation of the refusal to sign this section that another officer present made on their own device, if there
 * is one yet (online only).
 */
export async function refusalConfirmedElsewhere(
  taskId: string,
  departmentId: string,
  officerId: string,
  present: readonly string[],
): Promise<Attestation | null> {
  const { attestations } = await getBridge().call('attestations.list', { query: { taskId } });
  const found = attestations
    .filter(
      (a) => a.purpose === 'signature_refusal' && a.subject === departmentId && a.officerId !== officerId && present.includes(a.officerId),
    )
    .at(-1);
  return found ? { officerId: found.officerId, at: found.at, method: 'online', attestationId: found.id } : null;
}
