// The access policy: may this officer do this to that record (role, unit, department, team membership). Services ask
// here and nowhere else; what an officer may read in bulk is access/scope.ts.
import type { Officer } from '@shared/domain/model';
import { forbidden } from '../domain/errors';

const manages = (officer: Officer) => officer.role === 'supervisor' || officer.role === 'admin';

/** Admins act on every unit's devices; supervisors on their own unit's. */
export const managesEveryUnit = (officer: Officer): boolean => officer.role === 'admin';

/** Plans, recusals and draws: a supervisor (or admin) of the unit. */
export function requireSupervisor(officer: Officer, action: string): void {
  if (!manages(officer)) throw forbidden(`only a supervisor of the unit may ${action}`);
}

/** Review and publication belong to supervisors and admins. */
export function requireReviewer(officer: Officer): void {
  if (!manages(officer)) throw forbidden('only supervisors review and publish inspections; your role is ' + officer.role);
}

/** A snapshot chunk is for the officers of the jurisdiction (`scope`) of a kept snapshot that lists it. */
export const maySnapshotChunk = (officerScope: string, chunkScopes: readonly string[]): boolean =>
  officerScope !== '' && chunkScopes.includes(officerScope);

/** Device revocation and its list: admins and supervisors. */
export function requireDeviceManager(officer: Officer, action: 'revoke devices' | 'manage devices'): void {
  if (!manages(officer)) throw forbidden(`only supervisors and administrators ${action}`);
}

/** Evidence comes from the visit: only inspectors upload it. */
export function requireUploader(officer: Officer): void {
  if (officer.role !== 'inspector') throw forbidden('only inspectors upload evidence');
}

/** A record of a unit (a plan, a recusal, a task through its plan) is its unit's alone. */
export function ofOwnUnit(officer: Officer, record: { unitId: string }): boolean {
  return record.unitId === officer.unitId;
}

/** An uploader may always read back the bytes they uploaded. */
export const uploadedByThem = (officer: Officer, attachment: { uploadedBy: string }): boolean => attachment.uploadedBy === officer.id;

/** Admins revoke any device; supervisors only devices an officer of their unit used. */
export function mayRevokeDevice(officer: Officer, users: readonly { unitId: string }[]): boolean {
  return users.length > 0 && (managesEveryUnit(officer) || (manages(officer) && users.some((user) => ofOwnUnit(officer, user))));
}

/** Why the officer may not write a section (or correction) of the department on the task: none when they may. */
export function sectionWriteProblems(officer: Officer, departmentId: string, taskId: string, team: readonly string[]): string[] {
  if (officer.role !== 'inspector') return ['only inspectors on the task team write sections; supervisors and admins do not'];
  const problems: string[] = [];
  if (officer.departmentId !== departmentId)
    problems.push(`the section belongs to department ${departmentId}, not to yours (${officer.departmentId})`);
  if (!team.includes(officer.id)) problems.push(`you are not on the team of task ${taskId}`);
  return problems;
}

/** Officers, units, departments, the catalogue and the audit trail are the administrators'. */
export function requireAdmin(officer: Officer, action: string): void {
  if (officer.role !== 'admin') throw forbidden(`only administrators ${action}; your role is ${officer.role}`);
}

/**
 * Why an officer may not vouch, with their own credentials on the requester's device, for an act on a task: both are
 * inspectors on its team, and they are two different officers. None when they may.
 */
export function attestationProblems(requester: Officer, attester: Officer, team: readonly string[]): string[] {
  const problems: string[] = [];
  if (requester.role !== 'inspector' || !team.includes(requester.id))
    problems.push('only an inspector on the task team asks for an attestation');
  if (attester.role !== 'inspector' || !team.includes(attester.id)) problems.push(`${attester.name} is not an inspector on the task team`);
  if (attester.id === requester.id) problems.push('a second officer attests: not the officer signed in on this device');
  return problems;
}

/** An inspector on the task's team: who may confirm a refusal on their own device, and read the task's attestations. */
export function requireTeamInspector(officer: Officer, team: readonly string[], taskId: string): void {
  if (officer.role !== 'inspector' || !team.includes(officer.id)) throw forbidden(`only inspectors on the team of task ${taskId} do this`);
}

/** The intake's departments an officer may read: every one (admins, credit reviewers), their own (data officers), none. */
export function intakeReadableSources(officer: Officer): 'all' | string | null {
  if (officer.role === 'admin' || officer.role === 'credit_reviewer') return 'all';
  if (officer.role === 'data_officer') return officer.departmentId;
  return null;
}

/** May this officer read the intake of this department (its batches, records, returns)? */
export function mayReadIntakeOf(officer: Officer, source: string): boolean {
  const readable = intakeReadableSources(officer);
  return readable === 'all' || readable === source;
}

/** Any intake reader: the overview, the lists they are then filtered to. */
export function requireIntakeReader(officer: Officer): 'all' | string {
  const readable = intakeReadableSources(officer);
  if (readable === null)
    throw forbidden(`only data officers, credit reviewers and administrators use the intake; your role is ${officer.role}`);
  return readable;
}

/** Uploads: a data officer for their own department, an admin for any. */
export function requireIntakeUploader(officer: Officer, source: string): void {
  if (officer.role === 'admin') return;
  if (officer.role !== 'data_officer')
    throw forbidden(`only data officers and administrators upload to the intake; your role is ${officer.role}`);
  if (officer.departmentId !== source) throw forbidden(`you upload for your own department (${officer.departmentId}), not for ${source}`);
}

/** Disputed data is confirmed by credit reviewers (and admins). */
export function requireCreditReviewer(officer: Officer): void {
  if (officer.role !== 'credit_reviewer' && officer.role !== 'admin') {
    throw forbidden(`only credit reviewers and administrators decide on disputed data; your role is ${officer.role}`);
  }
}

/** Why this reviewer may not decide on the disputed record: its uploader may not, nor a reviewer who already did. */
export function disputeDecisionRefusal(officer: Officer, record: { uploadedBy: string }, reviewers: readonly string[]): string | null {
  if (record.uploadedBy === officer.id) return 'you uploaded this record: another reviewer must confirm it';
  if (reviewers.includes(officer.id)) return 'you have already decided on this record: a second reviewer must confirm it';
  return null;
}

/** Cleaning runs are started on demand by administrators; reviewers and administrators read their reports. */
export function requireCleaningRunner(officer: Officer): void {
  if (officer.role !== 'admin') throw forbidden('only administrators start a cleaning run');
}
export function requireCleaningReader(officer: Officer): void {
  if (officer.role !== 'admin' && officer.role !== 'credit_reviewer')
    throw forbidden('only administrators and credit reviewers read cleaning runs');
}
