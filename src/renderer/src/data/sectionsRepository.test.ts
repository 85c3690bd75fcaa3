import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OneVisitDb, OutboxEntry } from './db';
import { SectionReadOnlyError, sectionSyncInfo, sectionsRepository } from './sectionsRepository';
import { AS_OFF1, answered, section } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';

let db: OneVisitDb;

beforeEach(async () => {
  db = freshOfficerDb();
  await db.sections.put(section('sec-1', { version: 3 }));
});

describe('sectionsRepository.saveDraft', () => {
  it('writes the section and one outbox mutation based on the last server version', async () => {
    const repo = sectionsRepository(db);
    const stored = (await repo.get('sec-1'))!;
    await repo.saveDraft({ ...stored, resultCategory: 'no_problem_found' });

    expect((await repo.get('sec-1'))!.resultCategory).toBe('no_problem_found');
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.payload).toMatchObject({ collection: 'sections', id: 'sec-1', baseVersion: 3 });
    expect(outbox[0]!.payload.data.resultCategory).toBe('no_problem_found');
    expect(sectionSyncInfo(outbox).state).toBe('saved_locally');
  });

  it('writes nothing when the outbox write fails (one transaction)', async () => {
    const repo = sectionsRepository(db);
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    const stored = (await repo.get('sec-1'))!;
    await expect(repo.saveDraft({ ...stored, resultCategory: 'problem_pending' })).rejects.toThrow('disk full');
    expect((await repo.get('sec-1'))!.resultCategory).toBeNull();
    expect(await db.outbox.count()).toBe(0);
  });

  it('coalesces edits into the one unsent mutation of a section', async () => {
    const repo = sectionsRepository(db);
    const stored = (await repo.get('sec-1'))!;
    await repo.saveDraft({ ...stored, itemResults: [{ checkItemId: 'ci-1', outcome: 'compliant', note: '' }] });
    const first = (await db.outbox.toArray())[0]!;
    await repo.saveDraft({ ...stored, itemResults: [{ checkItemId: 'ci-1', outcome: 'non_compliant', note: '无证经营' }] });

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.mutationId).toBe(first.mutationId);
    expect(outbox[0]!.payload.data.itemResults[0]).toMatchObject({ outcome: 'non_compliant', note: '无证经营' });
  });

  it('adds a second mutation when the first is already on its way, instead of changing what was sent', async () => {
    const repo = sectionsRepository(db);
    const stored = (await repo.get('sec-1'))!;
    await repo.saveDraft({ ...stored, resultCategory: 'no_problem_found' });
    const sent = (await db.outbox.toArray())[0]!;
    await db.outbox.put({ ...sent, attemptedAt: new Date().toISOString() });
    await repo.saveDraft({ ...stored, resultCategory: 'problem_pending' });

    const outbox = await db.outbox.orderBy('createdAt').toArray();
    expect(outbox).toHaveLength(2);
    expect(outbox.find((e) => e.mutationId === sent.mutationId)!.payload.data.resultCategory).toBe('no_problem_found');
    expect(sectionSyncInfo(outbox).state).toBe('queued');
    expect(await repo.pendingCount()).toBe(1);
  });

  it('keeps the server-owned structure and version whatever the caller passes', async () => {
    const repo = sectionsRepository(db);
    const stored = (await repo.get('sec-1'))!;
    const saved = await repo.saveDraft({ ...stored, version: 99, departmentId: 'dep-other', checkItemIds: ['x'] });
    expect(saved).toMatchObject({ version: 3, departmentId: 'dep-amr', checkItemIds: ['ci-1', 'ci-2'] });
  });

  it('rejects invalid input with a clear error', async () => {
    const repo = sectionsRepository(db);
    const stored = (await repo.get('sec-1'))!;
    await expect(repo.saveDraft({ ...stored, resultCategory: 'made_up' as never })).rejects.toThrow();
    await expect(repo.saveDraft({ ...stored, id: 'missing' })).rejects.toThrow('not on this machine');
  });
});

describe('sectionsRepository.complete', () => {
  it('refuses with the problems when items are unanswered', async () => {
    const repo = sectionsRepository(db);
    const result = await repo.complete((await repo.get('sec-1'))!, AS_OFF1);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => p.code)).toEqual([
        'item_missing',
        'item_missing',
        'result_category_missing',
        'check_in_missing',
        'team_too_small',
        'representative_name_missing',
        'signature_missing',
        'officer_signature_missing',
      ]);
    expect((await repo.get('sec-1'))!.status).toBe('draft');
    expect(await db.outbox.count()).toBe(0);
  });

  it('completes, stamps officer and time with an offset, queues it, and then the section is read-only', async () => {
    const repo = sectionsRepository(db);
    const result = await repo.complete(answered((await repo.get('sec-1'))!), AS_OFF1, new Date('2025-05-01T02:30:00Z'));
    expect(result.ok).toBe(true);
    const stored = (await repo.get('sec-1'))!;
    expect(stored).toMatchObject({ status: 'completed', completedBy: 'off-1', completedAt: '2025-05-01T10:30:00+08:00' });
    expect((await db.outbox.toArray())[0]!.payload.data.status).toBe('completed');
    await expect(repo.saveDraft({ ...stored, resultCategory: 'problem_pending' })).rejects.toBeInstanceOf(SectionReadOnlyError);
  });
});

describe('sectionSyncInfo: saved locally → queued → on the server → attachments verified', () => {
  const entry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
    mutationId: 'm-1',
    recordId: 'sec-1',
    createdAt: '2025-05-01T10:00:00+08:00',
    payload: { mutationId: 'm-1', collection: 'sections', id: 'sec-1', baseVersion: 3, data: section('sec-1', { version: 3 }) },
    attemptedAt: null,
    hold: null,
    serverCurrent: null,
    errors: [],
    ...over,
  });

  it.each([
    ['an unsent edit is saved locally', [entry()], { total: 0, verified: 0 }, 'saved_locally'],
    [
      'an edit sent but not acknowledged is queued',
      [entry({ attemptedAt: '2025-05-01T10:01:00+08:00' })],
      { total: 0, verified: 0 },
      'queued',
    ],
    ['acknowledged without evidence is on the server', [], { total: 0, verified: 0 }, 'on_server'],
    ['acknowledged with evidence still arriving is on the server', [], { total: 2, verified: 1 }, 'on_server'],
    ['acknowledged with every attachment confirmed is verified', [], { total: 2, verified: 2 }, 'attachments_verified'],
    ['an edit waiting for its photos is saved locally', [entry()], { total: 2, verified: 0 }, 'saved_locally'],
  ] as const)('%s', (_what, entries, attachments, state) => {
    expect(sectionSyncInfo(entries, attachments).state).toBe(state);
  });

  it('holds conflicts and rejections before anything else, with what the officer needs', () => {
    expect(sectionSyncInfo([entry({ hold: 'conflict', serverCurrent: section('sec-1', { version: 5 }) })])).toEqual({
      state: 'conflict',
      serverVersion: 5,
    });
    expect(sectionSyncInfo([entry({ hold: 'rejected', errors: ['unknown_check_item'] })], { total: 1, verified: 1 })).toEqual({
      state: 'rejected',
      errors: ['unknown_check_item'],
      attachments: { total: 1, verified: 1 },
    });
  });
});
