import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptySectionEvidence, type AttachmentMeta, type SectionCorrection } from '@shared/domain/model';
import type { OneVisitDb } from './db';
import { correctionsRepository, SectionReadOnlyError } from './sectionsRepository';
import { outboxRepository } from './outboxRepository';
import { pullRepository } from './pullRepository';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { AS_OFF1 } from '../../../../tests/support/memoryServer';

let db: OneVisitDb;

const signature = (kind: AttachmentMeta['kind'], hex: string): AttachmentMeta => ({
  id: `att-${kind}`,
  sha256: hex.repeat(64),
  size: 900,
  type: 'image/png',
  kind,
  capturedAt: '2026-10-01T02:00:00.000Z',
});

// As the endpoint opens it: the returned section's results and the evidence of the visit.
const correction: SectionCorrection = {
  id: 'cor-1',
  sectionId: 'sec-1',
  taskId: 'task-1',
  departmentId: 'dep-amr',
  checkItemIds: ['ci-1'],
  returnReason: '请补充现场照片',
  returnedBy: 'sup-1',
  returnedAt: '2026-10-08T01:00:00.000Z',
  itemResults: [{ checkItemId: 'ci-1', outcome: 'compliant', note: '' }],
  resultCategory: 'no_problem_found',
  status: 'draft',
  completedBy: null,
  completedAt: null,
  checkIn: { at: '2026-10-01T01:30:00.000Z', location: null, accuracyM: null, place: '芝罘区南大街 1 号', source: 'typed' },
  teamPresent: ['off-1', 'off-2'],
  representativeName: '王经理',
  attachments: [signature('representative_signature', 'a'), signature('officer_signature', 'b')],
  findings: '',
  inspectionRefusal: null,
  signatureRefusal: null,
  version: 0,
};

beforeEach(async () => {
  db = freshOfficerDb();
  await db.corrections.put(correction);
});

describe('correctionsRepository', () => {
  it("queues a correction's edit as a corrections mutation, keeping the supervisor's link and reason", async () => {
    const repo = correctionsRepository(db);
    await repo.saveDraft({
      ...correction,
      returnReason: '改掉理由',
      sectionId: 'other',
      itemResults: [{ checkItemId: 'ci-1', outcome: 'non_compliant', note: '无照片' }],
    });
    const stored = (await repo.get('cor-1'))!;
    expect(stored).toMatchObject({
      returnReason: '请补充现场照片',
      sectionId: 'sec-1',
      itemResults: [{ outcome: 'non_compliant', note: '无照片' }],
    });
    const [entry] = await db.outbox.toArray();
    expect(entry!.payload).toMatchObject({
      collection: 'corrections',
      id: 'cor-1',
      baseVersion: 0,
      data: { returnReason: '请补充现场照片' },
    });
  });

  it('completes under the section rules, is then read-only, and takes the server version once acknowledged', async () => {
    const repo = correctionsRepository(db);
    const incomplete = await repo.complete({ ...correction, resultCategory: 'problem_corrected' }, AS_OFF1);
    expect(incomplete).toMatchObject({ ok: false, problems: [{ code: 'result_category_inconsistent' }] });
    // The evidence of the visit is part of the section rules: a correction without it cannot be completed either.
    const noEvidence = await repo.complete({ ...correction, ...emptySectionEvidence() }, AS_OFF1);
    expect(noEvidence.ok ? [] : noEvidence.problems.map((p) => p.code)).toEqual([
      'check_in_missing',
      'team_too_small',
      'representative_name_missing',
      'signature_missing',
      'officer_signature_missing',
    ]);
    const done = await repo.complete(correction, AS_OFF1, new Date('2026-10-09T02:00:00Z'));
    expect(done).toMatchObject({ ok: true, section: { status: 'completed', completedBy: 'off-1' } });
    await expect(repo.saveDraft(correction)).rejects.toBeInstanceOf(SectionReadOnlyError);

    const sync = outboxRepository(db);
    const batch = await sync.takeBatch(10);
    expect(batch.map((m) => m.collection)).toEqual(['corrections']);
    await sync.applyPushResults([{ mutationId: batch[0]!.mutationId, status: 'applied', version: 1 }], batch);
    expect(await db.outbox.count()).toBe(0);
    expect((await repo.get('cor-1'))!.version).toBe(1);
  });

  it('keeps local content when a pulled copy arrives while an edit is pending', async () => {
    const repo = correctionsRepository(db);
    await repo.saveDraft({
      ...correction,
      representativeName: '李店长',
      itemResults: [{ checkItemId: 'ci-1', outcome: 'not_applicable', note: '' }],
    });
    await pullRepository(db).applyPullPage({
      changes: [{ op: 'upsert', collection: 'corrections', id: 'cor-1', data: { ...correction, checkItemIds: ['ci-1'], version: 4 } }],
      cursor: '9',
      hasMore: false,
    });
    expect(await repo.get('cor-1')).toMatchObject({
      representativeName: '李店长',
      itemResults: [{ checkItemId: 'ci-1', outcome: 'not_applicable', note: '' }],
    });
  });

  it('merges a stale correction with the server copy field by field and re-queues it on the server version', async () => {
    const repo = correctionsRepository(db);
    await repo.saveDraft({
      ...correction,
      itemResults: [{ checkItemId: 'ci-1', outcome: 'non_compliant', note: '消防通道堵塞' }],
      resultCategory: 'problem_corrected',
    });
    const sync = outboxRepository(db);
    const batch = await sync.takeBatch(10);
    const current: SectionCorrection = { ...correction, representativeName: '李店长', version: 1 };
    const outcome = await sync.applyPushResults([{ mutationId: batch[0]!.mutationId, status: 'conflict', version: 1, current }], batch);

    expect(outcome).toMatchObject({ merged: 1, conflicts: 0 });
    const merged = {
      ...current,
      itemResults: [{ checkItemId: 'ci-1', outcome: 'non_compliant', note: '消防通道堵塞' }],
      resultCategory: 'problem_corrected',
    };
    expect(await repo.get('cor-1')).toEqual(merged);
    const [requeued] = await db.outbox.toArray();
    expect(requeued).toMatchObject({
      hold: null,
      attemptedAt: null,
      base: current,
      payload: { collection: 'corrections', baseVersion: 1, data: merged },
    });
    expect(requeued!.mutationId).not.toBe(batch[0]!.mutationId);
  });
});
