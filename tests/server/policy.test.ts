// The access policy (access/policy.ts): who may do what to which record, decided without the database.
import { describe, expect, it } from 'vitest';
import type { Officer } from '@shared/domain/model';
import {
  mayRevokeDevice,
  ofOwnUnit,
  requireDeviceManager,
  requireReviewer,
  requireSupervisor,
  requireUploader,
  sectionWriteProblems,
} from '../../src/server/access/policy';
import { DomainError } from '../../src/server/domain/errors';

const officer = (role: Officer['role'], unitId = 'unit-a', id = `${role}-1`): Officer => ({
  id,
  name: id,
  departmentId: 'dept-amr',
  unitId,
  role,
});
const inspector = officer('inspector');
const supervisor = officer('supervisor');
const admin = officer('admin');

function refusal(check: () => void): DomainError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

describe('access policy', () => {
  it('lets supervisors and admins manage plans, review and devices, and refuses inspectors with a reason', () => {
    for (const manager of [supervisor, admin]) {
      expect(refusal(() => requireSupervisor(manager, 'run draws'))).toBeUndefined();
      expect(refusal(() => requireReviewer(manager))).toBeUndefined();
      expect(refusal(() => requireDeviceManager(manager, 'revoke devices'))).toBeUndefined();
    }
    expect(refusal(() => requireSupervisor(inspector, 'run draws'))).toMatchObject({
      kind: 'forbidden',
      code: 'forbidden',
      message: 'only a supervisor of the unit may run draws',
    });
    expect(refusal(() => requireReviewer(inspector))?.message).toBe(
      'only supervisors review and publish inspections; your role is inspector',
    );
    expect(refusal(() => requireDeviceManager(inspector, 'manage devices'))?.message).toBe(
      'only supervisors and administrators manage devices',
    );
  });

  it('lets only inspectors upload evidence', () => {
    expect(refusal(() => requireUploader(inspector))).toBeUndefined();
    for (const other of [supervisor, admin])
      expect(refusal(() => requireUploader(other))).toMatchObject({ kind: 'forbidden', message: 'only inspectors upload evidence' });
  });

  it("keeps a unit's records to its own officers", () => {
    expect(ofOwnUnit(supervisor, { unitId: 'unit-a' })).toBe(true);
    expect(ofOwnUnit(supervisor, { unitId: 'unit-b' })).toBe(false);
  });

  it('lets admins revoke any used device and supervisors those their unit used', () => {
    const usedInB = [{ unitId: 'unit-b' }];
    const usedInBoth = [{ unitId: 'unit-b' }, { unitId: 'unit-a' }];
    expect(mayRevokeDevice(admin, usedInB)).toBe(true);
    expect(mayRevokeDevice(supervisor, usedInB)).toBe(false);
    expect(mayRevokeDevice(supervisor, usedInBoth)).toBe(true);
    expect(mayRevokeDevice(inspector, usedInBoth)).toBe(false);
    for (const actor of [admin, supervisor]) expect(mayRevokeDevice(actor, [])).toBe(false);
  });

  it("lets an inspector write only their own department's section of a task they are on", () => {
    expect(sectionWriteProblems(inspector, 'dept-amr', 't1', [inspector.id])).toEqual([]);
    expect(sectionWriteProblems(inspector, 'dept-tax', 't1', ['someone'])).toEqual([
      'the section belongs to department dept-tax, not to yours (dept-amr)',
      'you are not on the team of task t1',
    ]);
    for (const other of [supervisor, admin])
      expect(sectionWriteProblems(other, 'dept-amr', 't1', [other.id])).toEqual([
        'only inspectors on the task team write sections; supervisors and admins do not',
      ]);
  });
});
