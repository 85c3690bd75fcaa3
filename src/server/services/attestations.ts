// Attestations: an officer present vouches for their signature, or their confirmation of a refusal to sign, on another
// officer's device by entering their own credentials. Online, the endpoint checks them here and keeps the attestation;
// a push naming it must match (checkAttestations). Offline, the laptop checked them against the verifier of that
// officer's own earlier online sign-in there; the endpoint then requires that such a sign-in happened on that device.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { AttestationList, AttestationPurpose, AttestationResponse, CreateAttestationRequest } from '@shared/api/attestations';
import type { Attestation, InspectionSection, Officer } from '@shared/domain/model';
import type { Database } from '../db/open';
import type { Transaction } from '../db/writes';
import { attestations, inspectionTasks, officerDeviceSignIns, officers } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { attestationProblems, requireTeamInspector } from '../access/policy';
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
  const task = await teamOf(db, request.taskId);
  const problems = attestationProblems(requester, attester, task.officerIds);
  if (problems.length > 0) throw forbidden(problems.join('; '));
  return record(db, attester, requester, deviceId, request.taskId, task, request.purpose, request.subject, now);
}

async function teamOf(db: Database, taskId: string) {
  const [task] = await db
    .select({ officerIds: inspectionTasks.officerIds, departmentIds: inspectionTasks.departmentIds })
    .from(inspectionTasks)
    .where(eq(inspectionTasks.id, taskId));
  if (!task) throw notFound(`no task ${taskId}`);
  return task;
}

async function record(
  db: Database,
  attester: Officer,
  requester: Officer,
  deviceId: string,
  taskId: string,
  task: { departmentIds: string[] },
  purpose: AttestationPurpose,
  subject: string,
  now: Date,
): Promise<AttestationResponse> {
  if (purpose === 'signature_refusal' && !task.departmentIds.includes(subject)) {
    throw notFound(`task ${taskId} has no section of department ${subject}`);
  }
  const id = `attest-${randomUUID()}`;
  await db
    .insert(attestations)
    .values({ id, officerId: attester.id, taskId, purpose, subject, deviceId, requestedBy: requester.id, createdAt: now });
  return { id, officerId: attester.id, officerName: attester.name, at: now.toISOString() };
}

/** An officer present confirms the refusal to sign another section of the task, signed in on their own device. */
export async function confirmRefusalOnOwnDevice(
  db: Database,
  officer: Officer,
  deviceId: string,
  request: { taskId: string; departmentId: string },
  now = new Date(),
): Promise<AttestationResponse> {
  const task = await teamOf(db, request.taskId);
  requireTeamInspector(officer, task.officerIds, request.taskId);
  return record(db, officer, officer, deviceId, request.taskId, task, 'signature_refusal', request.departmentId, now);
}

/** The task's attestations, for an inspector on its team. */
export async function listAttestations(db: Database, officer: Officer, taskId: string): Promise<AttestationList> {
  const task = await teamOf(db, taskId);
  requireTeamInspector(officer, task.officerIds, taskId);
  const rows = await db
    .select({
      id: attestations.id,
      officerId: attestations.officerId,
      officerName: officers.name,
      purpose: attestations.purpose,
      subject: attestations.subject,
      createdAt: attestations.createdAt,
    })
    .from(attestations)
    .innerJoin(officers, eq(officers.id, attestations.officerId))
    .where(eq(attestations.taskId, taskId))
    .orderBy(attestations.createdAt);
  return { attestations: rows.map(({ createdAt, ...row }) => ({ ...row, at: createdAt.toISOString() })) };
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
  const offline = claims.flatMap((c) => (c.attestation.method === 'online' ? [] : [c.officerId]));
  const signedInHere = new Set(
    offline.length === 0
      ? []
      : (
          await tx
            .select({ officerId: officerDeviceSignIns.officerId })
            .from(officerDeviceSignIns)
            .where(and(inArray(officerDeviceSignIns.officerId, offline), eq(officerDeviceSignIns.deviceId, deviceId)))
        ).map((row) => row.officerId),
  );
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
    } else if (!signedInHere.has(claim.officerId)) {
      problems.push(
        `${what} was checked offline on a device where officer ${claim.officerId} never signed in online: it cannot be trusted`,
      );
    }
  }
  return problems;
}
