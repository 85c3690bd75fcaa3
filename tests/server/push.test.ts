import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentMeta, CheckIn, InspectionSection, InspectionTask } from '@shared/domain/model';
import { describeSectionProblem } from '@shared/domain/sectionRules';
import type { Mutation } from '@shared/sync/protocol';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(6);

function section(id: string, patch: Partial<InspectionSection> = {}): InspectionSection {
  const base = fixture.sections.find((s) => s.id === id);
  if (!base) throw new Error(`no fixture section ${id}`);
  return { ...base, ...patch };
}

function mutation(data: InspectionSection, baseVersion = 0, id = data.id): Mutation {
  return { mutationId: randomUUID(), collection: 'sections', id, baseVersion, data };
}

const allCompliant = (s: InspectionSection) =>
  s.checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'compliant' as const, note: '' }));

const signed = (kind: AttachmentMeta['kind'], sectionId: string): AttachmentMeta => ({
  id: `${sectionId}-${kind}`,
  sha256: 'b'.repeat(64),
  size: 2048,
  type: 'image/png',
  kind,
  capturedAt: '2025-05-06T09:25:00.000Z',
});

function completed(id: string, officerId: string): InspectionSection {
  const base = section(id);
  const team = fixture.tasks.find((t) => t.id === base.taskId)!.officerIds;
  return {
    ...base,
    itemResults: allCompliant(base),
    resultCategory: 'no_problem_found',
    status: 'completed',
    completedBy: officerId,
    completedAt: '2025-05-06T09:30:00.000Z',
    checkIn: { at: '2025-05-06T09:00:00.000Z', location: null, accuracyM: null, place: '烟台市芝罘区南大街 1 号', source: 'typed' },
    teamPresent: team,
    representativeName: '李经理',
    attachments: [signed('representative_signature', id), signed('officer_signature', id)],
  };
}

describeEachDriver('push', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of ['amr1', 'amr2', 'tax1', 'eco1', 'sup-a']) tokens[username] = await h.login(username);
  });
  const token = (username: string) => tokens[username]!;
  const pushOne = async (username: string, m: Mutation) => (await h.push(token(username), { deviceId: 'dev', mutations: [m] })).results[0]!;

  async function pulled<T>(username: string, collection: 'sections' | 'tasks', id: string): Promise<T> {
    const { changes } = await h.pullAll(token(username));
    const change = changes.find((c) => c.collection === collection && c.id === id);
    if (!change || !('data' in change)) throw new Error(`${collection}/${id} not pulled`);
    return change.data as T;
  }

  it('applies a draft, bumps the version, and the next pull shows it; the task starts', async () => {
    const data = section('t2-dept-amr', { itemResults: [{ checkItemId: 'dept-amr-item1', outcome: 'non_compliant', note: '台账缺失' }] });
    const before = await h.pullAll(token('eco1'));
    expect(await pushOne('amr1', mutation(data))).toMatchObject({ status: 'applied', version: 1 });
    const after = await h.pullAll(token('eco1'), 1000, before.cursor);
    const changed = after.changes.find((c) => c.collection === 'sections' && c.id === 't2-dept-amr');
    expect(changed && 'data' in changed ? changed.data : null).toEqual({ ...data, version: 1 });
    const task = after.changes.find((c) => c.collection === 'tasks' && c.id === 't2');
    expect(task && 'data' in task ? (task.data as InspectionTask).status : null).toBe('in_progress');
  });

  it('applies a mutationId once: twice in a row, twice in one batch, and twice at the same time', async () => {
    const first = mutation(section('t2-dept-amr', { itemResults: [] }), 1);
    expect(await pushOne('amr1', first)).toMatchObject({ status: 'applied', version: 2 });
    expect(await pushOne('amr1', first)).toEqual({ mutationId: first.mutationId, status: 'duplicate', version: 2 });

    const batched = mutation(section('t2-dept-amr'), 2);
    const { results } = await h.push(token('amr1'), { deviceId: 'dev', mutations: [batched, batched] });
    expect(results).toEqual([
      { mutationId: batched.mutationId, status: 'applied', version: 3 },
      { mutationId: batched.mutationId, status: 'duplicate', version: 3 },
    ]);

    const raced = mutation(section('t2-dept-amr'), 3);
    const both = await Promise.all([pushOne('amr1', raced), pushOne('amr1', raced)]);
    expect(both.map((r) => r.status).sort()).toEqual(['applied', 'duplicate']);
    expect(both.map((r) => r.version)).toEqual([4, 4]);
    expect((await pulled<InspectionSection>('amr1', 'sections', 't2-dept-amr')).version).toBe(4);
  });

  it('answers a stale baseVersion with conflict and the current server row, writing nothing', async () => {
    const current = await pulled<InspectionSection>('amr1', 'sections', 't2-dept-amr');
    const before = await snapshot(h.database);
    const stale = mutation(section('t2-dept-amr', { itemResults: allCompliant(section('t2-dept-amr')) }), current.version - 1);
    const result = await pushOne('amr1', stale);
    // changedBy: the officer whose push wrote the current row (amr1, in the tests above).
    expect(result).toEqual({ mutationId: stale.mutationId, status: 'conflict', version: current.version, current, changedBy: 'amr1' });
    expect(await snapshot(h.database)).toEqual(before);
  });

  describe('rejections (nothing written)', () => {
    const cases: [string, string, () => Mutation, RegExp][] = [
      ['a section of another department', 'tax1', () => mutation(section('t1-dept-amr')), /belongs to department dept-amr/],
      ['a section of a task the officer is not on', 'amr2', () => mutation(section('t1-dept-amr')), /not on the team of task t1/],
      ['a supervisor writing a section', 'sup-a', () => mutation(section('t1-dept-amr')), /supervisors/],
      ['an unknown section', 'amr1', () => mutation(section('t1-dept-amr', { id: 'nope' }), 0, 'nope'), /section nope does not exist/],
      [
        'data.id differing from the mutation id',
        'amr1',
        () => mutation(section('t1-dept-tax'), 0, 't1-dept-amr'),
        /data\.id t1-dept-tax differs/,
      ],
      ['a changed taskId', 'amr1', () => mutation(section('t1-dept-amr', { taskId: 't2' })), /taskId cannot change/],
      [
        'a changed departmentId',
        'amr1',
        () => mutation(section('t1-dept-amr', { departmentId: 'dept-tax' })),
        /departmentId cannot change/,
      ],
      [
        'changed checkItemIds',
        'amr1',
        () => mutation(section('t1-dept-amr', { checkItemIds: ['dept-amr-item1'] })),
        /checkItemIds cannot change/,
      ],
      [
        'a result for a check item outside the section',
        'amr1',
        () => mutation(section('t1-dept-amr', { itemResults: [{ checkItemId: 'dept-tax-item1', outcome: 'compliant', note: '' }] })),
        new RegExp(describeSectionProblem({ code: 'unknown_check_item', checkItemId: 'dept-tax-item1' })),
      ],
      [
        'two results for one check item',
        'amr1',
        () =>
          mutation(
            section('t1-dept-amr', {
              itemResults: [
                { checkItemId: 'dept-amr-item1', outcome: 'compliant', note: '' },
                { checkItemId: 'dept-amr-item1', outcome: 'compliant', note: '' },
              ],
            }),
          ),
        /more than one result/,
      ],
      [
        'a draft with completion fields',
        'amr1',
        () => mutation(section('t1-dept-amr', { completedBy: 'amr1' })),
        /completedBy and completedAt/,
      ],
      [
        'completing with items unanswered',
        'amr1',
        () => mutation({ ...completed('t1-dept-amr', 'amr1'), itemResults: [] }),
        /has no result/,
      ],
      [
        'completing with a non-compliant item without a note',
        'amr1',
        () =>
          mutation({
            ...completed('t1-dept-amr', 'amr1'),
            resultCategory: 'problem_corrected',
            itemResults: [
              { checkItemId: 'dept-amr-item1', outcome: 'non_compliant', note: ' ' },
              ...allCompliant(section('t1-dept-amr')).slice(1),
            ],
          }),
        /non-compliant and needs a note/,
      ],
      [
        'completing with an inconsistent category',
        'amr1',
        () => mutation({ ...completed('t1-dept-amr', 'amr1'), resultCategory: 'problem_pending' }),
        /does not agree/,
      ],
      [
        'completing without a category',
        'amr1',
        () => mutation({ ...completed('t1-dept-amr', 'amr1'), resultCategory: null }),
        /no publicity result category/,
      ],
      [
        'completing in the name of another officer',
        'amr1',
        () => mutation(completed('t1-dept-amr', 'amr2')),
        /completedBy must be the officer completing the section \(amr1\)/,
      ],
      [
        'completing without the signatures',
        'amr1',
        () => mutation({ ...completed('t1-dept-amr', 'amr1'), attachments: [] }),
        /officer signature is missing/,
      ],
      [
        'an officer present who is not on the team',
        'amr1',
        () => mutation(section('t1-dept-amr', { teamPresent: ['amr1', 'eco1'] })),
        /officer eco1 is not on the task's team/,
      ],
      [
        'completing without the enterprise representative',
        'amr1',
        () => mutation({ ...completed('t1-dept-amr', 'amr1'), representativeName: '' }),
        /representative's name is missing/,
      ],
      ['completing without a check-in', 'amr1', () => mutation({ ...completed('t1-dept-amr', 'amr1'), checkIn: null }), /no check-in/],
      [
        'completing without completedAt',
        'amr1',
        () => mutation({ ...completed('t1-dept-amr', 'amr1'), completedAt: null }),
        /completedBy and completedAt/,
      ],
    ];
    for (const [what, username, build, message] of cases) {
      it(`rejects ${what}`, async () => {
        const before = await snapshot(h.database);
        const m = build();
        const result = await pushOne(username, m);
        expect(result.status).toBe('rejected');
        expect(result.mutationId).toBe(m.mutationId);
        expect(result.errors?.join('\n')).toMatch(message);
        expect(await snapshot(h.database)).toEqual(before);
      });
    }
  });

  it('completes sections, moves the task to completed, then locks the section', async () => {
    expect((await pulled<InspectionTask>('amr1', 'tasks', 't1')).status).toBe('assigned');
    expect(await pushOne('amr1', mutation(completed('t1-dept-amr', 'amr1')))).toMatchObject({ status: 'applied', version: 1 });
    expect((await pulled<InspectionTask>('amr1', 'tasks', 't1')).status).toBe('in_progress');
    expect(await pushOne('tax1', mutation(completed('t1-dept-tax', 'tax1')))).toMatchObject({ status: 'applied', version: 1 });
    expect((await pulled<InspectionTask>('tax1', 'tasks', 't1')).status).toBe('completed');
    const stored = await pulled<InspectionSection>('amr1', 'sections', 't1-dept-amr');
    expect(stored).toEqual({ ...completed('t1-dept-amr', 'amr1'), version: 1 });

    const before = await snapshot(h.database);
    for (const baseVersion of [1, 0]) {
      const result = await pushOne('amr1', mutation(section('t1-dept-amr'), baseVersion));
      // The locked row comes with the refusal, so the app can show it and let the stale edit go.
      expect(result).toEqual({
        mutationId: expect.any(String),
        status: 'rejected',
        errors: ['section is completed and locked'],
        current: stored,
      });
    }
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('answers each mutation of a batch on its own', async () => {
    const ok = mutation(section('t3-dept-amr', { itemResults: allCompliant(section('t3-dept-amr')) }));
    const foreign = mutation(section('t3-dept-tax'));
    const stale = mutation(section('t3-dept-amr'), 0);
    const { results } = await h.push(token('amr2'), { deviceId: 'dev', mutations: [ok, foreign, stale] });
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'conflict']);
    expect(results[2]?.current?.itemResults).toEqual(ok.data.itemResults);
  });

  it('keeps the stored evidence when a client older than the evidence fields pushes without them; sent empty values clear them', async () => {
    const draft = completed('t2-dept-eco', 'eco1');
    const [firstItem] = draft.checkItemIds;
    const itemPhoto: AttachmentMeta = { ...signed('photo', draft.id), checkItemId: firstItem };
    const withEvidence = {
      ...draft,
      status: 'draft' as const,
      completedBy: null,
      completedAt: null,
      itemResults: [],
      attachments: [...draft.attachments, itemPhoto],
    };
    expect(await pushOne('eco1', mutation(withEvidence))).toMatchObject({ status: 'applied', version: 1 });
    const evidence = {
      checkIn: withEvidence.checkIn,
      teamPresent: withEvidence.teamPresent,
      representativeName: withEvidence.representativeName,
      attachments: withEvidence.attachments,
    };

    // A v1 client knows only the fields of the first release: it completes the section with its results.
    const { checkIn: _c, teamPresent: _t, representativeName: _r, attachments: _a, ...v1Data } = { ...draft, version: 1 };
    const v1Push = await h.request({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { authorization: `Bearer ${token('eco1')}` },
      payload: {
        deviceId: 'old-laptop',
        mutations: [{ mutationId: randomUUID(), collection: 'sections', id: draft.id, baseVersion: 1, data: v1Data }],
      },
    });
    expect(v1Push.statusCode).toBe(200);
    expect(v1Push.json().results[0]).toMatchObject({ status: 'applied', version: 2 });
    const stored = await pulled<InspectionSection>('eco1', 'sections', draft.id);
    expect(stored).toMatchObject({ status: 'completed', itemResults: draft.itemResults, ...evidence });
    expect(stored.attachments.find((a) => a.kind === 'photo')?.checkItemId).toBe(firstItem);

    // Empty values are a choice, not an omission: a current client clearing the evidence of a draft clears it.
    const open = section('t3-dept-tax', {
      teamPresent: ['tax1'],
      representativeName: '赵会计',
      attachments: [itemPhoto].map((a) => ({ ...a, checkItemId: 'dept-tax-item1' })),
    });
    const opened = await pushOne('tax1', mutation(open, (await pulled<InspectionSection>('tax1', 'sections', open.id)).version));
    expect(opened.status).toBe('applied');
    expect(
      await pushOne('tax1', mutation({ ...open, teamPresent: [], representativeName: '', attachments: [] }, opened.version!)),
    ).toMatchObject({ status: 'applied' });
    expect(await pulled<InspectionSection>('tax1', 'sections', open.id)).toMatchObject({
      teamPresent: [],
      representativeName: '',
      attachments: [],
    });
  });

  it('stores and returns a check-in picked on the map with its locationSource; an older client keeps it on the same check-in, not on a changed one', async () => {
    const amrb1 = await h.login('amrb1');
    const base = section('tb1-dept-amr');
    const picked: CheckIn = {
      at: '2025-05-06T09:00:00.000+08:00',
      location: { lng: 120.012345, lat: 37.181234 },
      accuracyM: null,
      place: '',
      source: 'typed',
      locationSource: 'map',
    };
    const first = (await h.push(amrb1, { deviceId: 'dev', mutations: [mutation({ ...base, checkIn: picked })] })).results[0]!;
    expect(first).toMatchObject({ status: 'applied', version: 1 });
    const { changes } = await h.pullAll(amrb1);
    const stored = changes.find((c) => c.collection === 'sections' && c.id === base.id);
    expect(stored && 'data' in stored && (stored.data as InspectionSection).checkIn).toEqual(picked);

    // A client before locationSource sends the pulled check-in back without it (it edited something else): it stays.
    const { locationSource: _l, ...v1CheckIn } = picked;
    const v1Note = { ...base, representativeName: '周经理', checkIn: v1CheckIn };
    expect((await h.push(amrb1, { deviceId: 'old-laptop', mutations: [mutation(v1Note, 1)] })).results[0]).toMatchObject({
      status: 'applied',
      version: 2,
    });
    const kept = (await h.pullAll(amrb1)).changes.find((c) => c.collection === 'sections' && c.id === base.id);
    expect(kept && 'data' in kept && (kept.data as InspectionSection)).toMatchObject({ representativeName: '周经理', checkIn: picked });

    // A check-in that client changed has only the source it knows: it is not given a source it never had.
    const v1Typed = { ...v1CheckIn, place: '烟台市芝罘区南大街 2 号', location: null };
    expect(
      (await h.push(amrb1, { deviceId: 'old-laptop', mutations: [mutation({ ...v1Note, checkIn: v1Typed }, 2)] })).results[0],
    ).toMatchObject({ status: 'applied', version: 3 });
    const again = (await h.pullAll(amrb1)).changes.find((c) => c.collection === 'sections' && c.id === base.id);
    expect(again && 'data' in again && (again.data as InspectionSection).checkIn).toEqual(v1Typed);

    // An unknown finer source is refused with a readable 4xx, and nothing is written.
    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { authorization: `Bearer ${amrb1}` },
      payload: { deviceId: 'dev', mutations: [mutation({ ...base, checkIn: { ...picked, locationSource: 'satellite' as never } }, 3)] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/checkIn\.locationSource/);
    const after = (await h.pullAll(amrb1)).changes.find((c) => c.collection === 'sections' && c.id === base.id);
    expect(after && 'data' in after && (after.data as InspectionSection)).toMatchObject({ version: 3, checkIn: v1Typed });
  });

  it('rejects a photo filed under a check item of another section', async () => {
    const base = section('t3-dept-tax');
    const photo: AttachmentMeta = { ...signed('photo', base.id), checkItemId: 'dept-amr-item1' };
    const answer = await pushOne(
      'tax1',
      mutation({ ...base, attachments: [photo] }, (await pulled<InspectionSection>('tax1', 'sections', base.id)).version),
    );
    expect(answer.status).toBe('rejected');
    expect(answer.errors?.join()).toContain('dept-amr-item1');
  });
});
