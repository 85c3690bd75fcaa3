// Attestations: an officer present vouches for their signature, or their confirmation of a refusal to sign, on another
// officer's device by entering their own credentials. Online, the endpoint checks them here and keeps the attestation;
// a push naming it must match (checkAttestations). Offline, the laptop checked them against the verifier of that
// officer's own earlier online sign-in there; the endpoint then requires that such a sign-in happened on that device.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AttestationPurpose, AttestationResponse, CreateAttestationRequest } from '@shared/api/attestations';
import type { Attestation, InspectionSection, Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import type { Transaction } from '../db/writes';
import { attestations, inspectionTasks, officerDeviceSignIns, officers } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { attestationProblems } from '../access/policy';
import { DomainError, forbidden, notFound } from '../domain/errors';

/** A wrong password here is the second officer's, not the session's: 422, so the app does not sign anyone out. */
const credentialsRefused = () => new DomainError('unprocessable', 'credentials_refused', 'unknown username or wrong password');

export async function createAttestation(
  db: Database,
  requester: Officer,
  deviceId: string,
  request: CreateAttestationRequest,
  now = new Date(),
): Promise<AttestationResponse> {
  const [row] = await db.select().from(officers).where(eq(officers.username, request.username));
  const valid = await verifyPassword(request.password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (!row || !valid) throw credentialsRefused();
  const attester: Officer = { id: row.id, name: row.name, departmentId: row.departmentId, unitId: row.unitId, role: row.role };
  const [task] = await db
    .select({ officerIds: inspectionTasks.officerIds, departmentIds: inspectionTasks.departmentIds })
    .from(inspectionTasks)
    .where(eq(inspectionTasks.id, request.taskId));
  if (!task) throw notFound(`no task ${request.taskId}`);
  const problems = attestationProblems(requester, attester, task.officerIds);
  if (problems.length > 0) throw forbidden(problems.join('; '));
  if (request.purpose === 'signature_refusal' && !task.departmentIds.includes(request.subject)) {
    throw notFound(`task ${request.taskId} has no section of department ${request.subject}`);
  }
  const id = `attest-${randomUUID()}`;
  await db.insert(attestations).values({
    id,
    officerId: attester.id,
    taskId: request.taskId,
    purpose: request.purpose,
    subject: request.subject,
    deviceId,
    requestedBy: requester.id,
    createdAt: now,
  });
  return { id, officerId: attester.id, officerName: attester.name, at: now.toISOString() };
}

/** Notes an online sign-in of the officer on the device: what an offline attestation from that device relies on. */
export async function recordSignIn(db: Database | Transaction, officerId: string, deviceId: string, at: Date): Promise<void> {
  await db
    .insert(officerDeviceSignIns)
    .values({ officerId, deviceId, firstAt: at, lastAt: at })
    .onConflictDoUpdate({ target: [officerDeviceSignIns.officerId, officerDeviceSignIns.deviceId], set: { lastAt: at } });
}

interface Claim {
  attestation: Attestation;
  purpose: AttestationPurpose;
  subject: string;
  /** Who the record says vouched (the signer, or the confirming officer). */
  officerId: string;
}

/** The attestations a record names: its signatures by others and the confirmation of a refusal to sign. */
function claimsOf(record: Pick<InspectionSection, 'attachments' | 'signatureRefusal' | 'departmentId'>): Claim[] {
  const claims: Claim[] = [];
  for (const signature of record.attachments) {
    if (signature.kind === 'officer_signature' && signature.attestation) {
      claims.push({
        attestation: signature.attestation,
        purpose: 'officer_signature',
        subject: signature.sha256,
        officerId: signature.signedBy ?? '',
      });
    }
  }
  const confirmation = record.signatureRefusal?.confirmation;
  if (confirmation)
    claims.push({
      attestation: confirmation,
      purpose: 'signature_refusal',
      subject: record.departmentId,
      officerId: confirmation.officerId,
    });
  return claims;
}

const claimKey = (claim: Claim) => JSON.stringify([claim.purpose, claim.subject, claim.officerId, claim.attestation]);

/**
 * Why the attestations a pushed record names cannot be accepted: none when they can. Those already stored with the
 * record were checked when they first arrived. An online one must be the endpoint's record of that officer, task,
 * purpose and subject; an offline one must come from a device where that officer signed in online before.
 */
export async function checkAttestations(
  tx: Transaction,
  deviceId: string,
  taskId: string,
  record: Pick<InspectionSection, 'attachments' | 'signatureRefusal' | 'departmentId'>,
  stored: Pick<InspectionSection, 'attachments' | 'signatureRefusal' | 'departmentId'>,
): Promise<string[]> {
  const known = new Set(claimsOf(stored).map(claimKey));
  const claims = claimsOf(record).filter((claim) => !known.has(claimKey(claim)));
  if (claims.length === 0) return [];
  const problems: string[] = [];
  const online = claims.flatMap((c) =>
    c.attestation.method === 'online' && c.attestation.attestationId ? [c.attestation.attestationId] : [],
  );
  const rows = online.length > 0 ? await tx.select().from(attestations).where(inArray(attestations.id, online)) : [];
  for (const claim of claims) {
    const { attestation } = claim;
    const what =
      claim.purpose === 'officer_signature' ? `the signature of officer ${claim.officerId}` : 'the confirmation of the refusal to sign';
    if (attestation.officerId !== claim.officerId) {
      problems.push(`${what} is attested by officer ${attestation.officerId}`);
    } else if (attestation.method === 'online') {
      const row = rows.find((r) => r.id === attestation.attestationId);
      if (
        !row ||
        row.officerId !== claim.officerId ||
        row.taskId !== taskId ||
        row.purpose !== claim.purpose ||
        row.subject !== claim.subject
      ) {
        problems.push(`${what} names attestation ${attestation.attestationId ?? '(none)'}, which the endpoint did not give for it`);
      }
    } else {
      const [signIn] = await tx
        .select({ firstAt: officerDeviceSignIns.firstAt })
        .from(officerDeviceSignIns)
        .where(and(eq(officerDeviceSignIns.officerId, claim.officerId), eq(officerDeviceSignIns.deviceId, deviceId)));
      if (!signIn) {
        problems.push(
          `${what} was checked offline on a device where officer ${claim.officerId} never signed in online: it cannot be trusted`,
        );
      }
    }
  }
  return problems;
}
