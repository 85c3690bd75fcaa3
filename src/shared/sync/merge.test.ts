import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftSection, type AttachmentMeta, type InspectionSection, type ItemResult } from '@shared/domain/model';
import { RESULT_CATEGORIES } from '@shared/domain/resultCategories';
import {
  mergeRecorded,
  resolveConflicts,
  sameValue,
  slotValue,
  type MergeConflict,
  type RecordedContent,
  type SlotKey,
} from '@shared/sync/merge';

const ITEMS = ['ci-1', 'ci-2', 'ci-3'];
const base: InspectionSection = draftSection({ id: 'sec-1', taskId: 't-1', departmentId: 'dep-amr', checkItemIds: ITEMS }, 4);
const item = (checkItemId: string, outcome: ItemResult['outcome'], note = ''): ItemResult => ({ checkItemId, outcome, note });
const attachment = (id: string, kind: AttachmentMeta['kind'] = 'photo', sha = 'a'): AttachmentMeta => ({
  id,
  sha256: sha.repeat(64),
  size: 100,
  type: 'image/jpeg',
  kind,
  capturedAt: '2025-05-01T10:00:00+08:00',
});
const checkIn = (place: string): InspectionSection['checkIn'] => ({
  at: '2025-05-01T09:00:00+08:00',
  location: null,
  accuracyM: null,
  place,
  source: 'typed',
});
const server = (patch: Partial<InspectionSection>): InspectionSection => ({ ...base, ...patch, version: 5 });

function merged(outcome: ReturnType<typeof mergeRecorded<InspectionSection>>) {
  if (outcome.kind !== 'merged') throw new Error('expected a merge');
  return outcome;
}

describe('mergeRecorded', () => {
  it('takes items changed on one side only from that side, on the server version', () => {
    const start = { ...base, itemResults: [item('ci-1', 'compliant')] };
    const local = { ...start, itemResults: [item('ci-1', 'compliant'), item('ci-2', 'non_compliant', '无证')] };
    const remote = server({ itemResults: [item('ci-1', 'not_applicable')] });
    const { merged: result, conflicts } = merged(mergeRecorded(start, local, remote));
    expect(conflicts).toEqual([]);
    expect(result.itemResults).toEqual([item('ci-1', 'not_applicable'), item('ci-2', 'non_compliant', '无证')]);
    expect(result.version).toBe(5);
  });

  it('reports the same item changed differently on both sides with both values, keeping the local one for now', () => {
    const local = { ...base, itemResults: [item('ci-1', 'non_compliant', '台账缺失')] };
    const remote = server({ itemResults: [item('ci-1', 'compliant')] });
    const { merged: result, conflicts } = merged(mergeRecorded(base, local, remote));
    expect(conflicts).toEqual([
      { key: 'item:ci-1', base: null, local: item('ci-1', 'non_compliant', '台账缺失'), server: item('ci-1', 'compliant') },
    ]);
    expect(result.itemResults).toEqual(local.itemResults);
  });

  it('is no conflict when both sides made the same change, whatever the order of the fields', () => {
    const local = { ...base, itemResults: [item('ci-1', 'compliant', '好')] };
    const remote = server({ itemResults: [{ note: '好', outcome: 'compliant', checkItemId: 'ci-1' }] });
    expect(merged(mergeRecorded(base, local, remote)).conflicts).toEqual([]);
  });

  it('merges item results as whole values, including fields it does not know (e.g. per-item photos)', () => {
    const withPhotos = (ids: string[]) => ({ ...item('ci-1', 'compliant'), photoIds: ids }) as ItemResult;
    const start = { ...base, itemResults: [withPhotos(['p1'])] };
    const local = { ...start, itemResults: [withPhotos(['p1', 'p2'])] };
    expect(merged(mergeRecorded(start, local, server({ itemResults: [withPhotos(['p1'])] }))).merged.itemResults).toEqual([
      withPhotos(['p1', 'p2']),
    ]);
    expect(merged(mergeRecorded(start, local, server({ itemResults: [withPhotos(['p3'])] }))).conflicts.map((c) => c.key)).toEqual([
      'item:ci-1',
    ]);
  });

  it('merges each section-level field on its own', () => {
    const local = { ...base, resultCategory: 'no_problem_found' as const, representativeName: '王经理' };
    const remote = server({ checkIn: checkIn('南大街 1 号'), representativeName: '李经理' });
    const { merged: result, conflicts } = merged(mergeRecorded(base, local, remote));
    expect(result).toMatchObject({ resultCategory: 'no_problem_found', checkIn: checkIn('南大街 1 号'), representativeName: '王经理' });
    expect(conflicts).toEqual([{ key: 'representativeName', base: '', local: '王经理', server: '李经理' }]);
  });

  it('takes a check-in as a whole value: a point picked on the map (locationSource) is a change of its own', () => {
    const typed = checkIn('南大街 1 号');
    const picked = { ...typed!, location: { lng: 121.39, lat: 37.52 }, place: '', locationSource: 'map' as const };
    const start = { ...base, checkIn: typed };
    const { merged: taken, conflicts } = merged(
      mergeRecorded(start, { ...start, checkIn: picked }, server({ checkIn: typed, representativeName: '李经理' })),
    );
    expect(conflicts).toEqual([]);
    expect(taken).toMatchObject({ checkIn: picked, representativeName: '李经理' });
    // Only the finer source differs (the same point typed as coordinates, then picked): still one conflicting value.
    const sameSpotTyped = { ...picked, locationSource: 'typed' as const };
    const clash = merged(mergeRecorded(start, { ...start, checkIn: picked }, server({ checkIn: sameSpotTyped })));
    expect(clash.conflicts).toEqual([{ key: 'checkIn', base: typed, local: picked, server: sameSpotTyped }]);
  });

  it('merges photos as a set by id and team presence per officer; signatures per kind', () => {
    const start = { ...base, attachments: [attachment('p1'), attachment('p2')], teamPresent: ['o1'] };
    const local = {
      ...start,
      attachments: [attachment('p1'), attachment('p3'), attachment('sig-l', 'officer_signature')],
      teamPresent: ['o1', 'o2'],
    };
    const remote = server({
      attachments: [attachment('p1'), attachment('p2'), attachment('p4'), attachment('sig-s', 'officer_signature', 'b')],
      teamPresent: [],
    });
    const { merged: result, conflicts } = merged(mergeRecorded(start, local, remote));
    expect(result.attachments.filter((a) => a.kind === 'photo').map((a) => a.id)).toEqual(['p1', 'p4', 'p3']);
    expect(result.teamPresent).toEqual(['o2']);
    expect(conflicts.map((c) => c.key)).toEqual(['signature:officer_signature']);
    expect(result.attachments.filter((a) => a.kind === 'officer_signature').map((a) => a.id)).toEqual(['sig-l']);
  });

  it('refuses to merge into a completed server copy: it is locked for everyone', () => {
    const remote = server({ status: 'completed', completedBy: 'o9', completedAt: '2025-05-01T11:00:00+08:00' });
    expect(mergeRecorded(base, { ...base, resultCategory: 'problem_pending' }, remote)).toEqual({ kind: 'locked' });
  });

  it("asks the officer when their completion no longer holds with the server's changes mixed in", () => {
    const full: InspectionSection = {
      ...base,
      itemResults: ITEMS.map((id) => item(id, 'compliant')),
      resultCategory: 'no_problem_found',
      checkIn: checkIn('南大街'),
      teamPresent: ['o1', 'o2'],
      representativeName: '王经理',
      attachments: [attachment('s1', 'representative_signature'), attachment('s2', 'officer_signature')],
    };
    const local = { ...full, status: 'completed' as const, completedBy: 'o1', completedAt: '2025-05-01T11:00:00+08:00' };
    // Someone else meanwhile found item 2 non-compliant: "no problem found" cannot be completed on top of that.
    const remote = {
      ...full,
      itemResults: [item('ci-1', 'compliant'), item('ci-2', 'non_compliant', '过期'), item('ci-3', 'compliant')],
      version: 5,
    };
    const { conflicts } = merged(mergeRecorded(full, local, remote));
    expect(conflicts.map((c) => c.key)).toEqual(['completion']);
    // Without that change the completion merges as any one-sided change.
    const harmless = { ...full, representativeName: '王经理（店长）', version: 5 };
    const clean = merged(mergeRecorded(full, local, harmless));
    expect(clean.conflicts).toEqual([]);
    expect(clean.merged).toMatchObject({ status: 'completed', completedBy: 'o1', representativeName: '王经理（店长）' });
  });

  it('without a base, every difference is a conflict: nothing is decided silently', () => {
    const local = { ...base, resultCategory: 'problem_pending' as const };
    const remote = server({ itemResults: [item('ci-1', 'compliant')] });
    expect(
      merged(mergeRecorded(null, local, remote))
        .conflicts.map((c) => c.key)
        .sort(),
    ).toEqual(['item:ci-1', 'resultCategory']);
  });

  it('resolves each conflict with the chosen side', () => {
    const local = { ...base, itemResults: [item('ci-1', 'non_compliant', '甲'), item('ci-2', 'compliant')], representativeName: '王' };
    const remote = server({ itemResults: [item('ci-1', 'compliant'), item('ci-2', 'not_applicable')], representativeName: '李' });
    const { merged: result, conflicts } = merged(mergeRecorded(base, local, remote));
    const resolved = resolveConflicts(result, conflicts, { 'item:ci-1': 'server', 'item:ci-2': 'local', representativeName: 'server' });
    expect(resolved).toMatchObject({
      itemResults: [item('ci-1', 'compliant'), item('ci-2', 'compliant')],
      representativeName: '李',
      version: 5,
    });
  });
});

// Records over a small world, so the two sides often touch the same slots.
const itemArb = fc.option(
  fc.record({ outcome: fc.constantFrom('compliant', 'non_compliant', 'not_applicable'), note: fc.constantFrom('', '甲', '乙') }),
  { nil: null },
);
const contentArb: fc.Arbitrary<RecordedContent> = fc
  .record({
    items: fc.tuple(itemArb, itemArb, itemArb),
    resultCategory: fc.option(fc.constantFrom(...RESULT_CATEGORIES.map((c) => c.code)), { nil: null }),
    checkIn: fc.option(fc.constantFrom('东门', '西门'), { nil: null }),
    representativeName: fc.constantFrom('', '王', '李'),
    photos: fc.subarray(['p1', 'p2', 'p3', 'p4']),
    signature: fc.option(fc.constantFrom('a', 'b'), { nil: null }),
    team: fc.subarray(['o1', 'o2', 'o3']),
  })
  .map((r) => ({
    ...base,
    itemResults: r.items.flatMap((value, i) => (value ? [{ checkItemId: ITEMS[i]!, ...value }] : [])),
    resultCategory: r.resultCategory,
    checkIn: r.checkIn ? checkIn(r.checkIn) : null,
    representativeName: r.representativeName,
    attachments: [
      ...r.photos.map((id) => attachment(id)),
      ...(r.signature ? [attachment(`sig-${r.signature}`, 'officer_signature', r.signature)] : []),
    ],
    teamPresent: r.team,
  }));
const allKeys = (...records: RecordedContent[]): SlotKey[] =>
  [
    ...new Set(
      records.flatMap((r) => [
        ...ITEMS.map((id) => `item:${id}` as const),
        'resultCategory' as const,
        'checkIn' as const,
        'representativeName' as const,
        'completion' as const,
        'signature:officer_signature' as const,
        'signature:representative_signature' as const,
        ...r.attachments.map((a) => `photo:${a.id}` as const),
        ...r.teamPresent.map((id) => `team:${id}` as const),
      ]),
    ),
  ].filter((key) => !key.startsWith('photo:sig-'));
const sameContent = (a: RecordedContent, b: RecordedContent) =>
  allKeys(a, b).every((key) => sameValue(slotValue(a, key), slotValue(b, key)));
const remoteOf = (r: RecordedContent) => ({ ...r, version: 9 });
const run = (b: RecordedContent, l: RecordedContent, s: RecordedContent) => {
  const outcome = mergeRecorded(b, l, remoteOf(s));
  if (outcome.kind !== 'merged') throw new Error('drafts never lock');
  return outcome;
};

describe('mergeRecorded properties', () => {
  it('an untouched server copy takes the local record; an untouched local record takes the server copy', () => {
    fc.assert(
      fc.property(contentArb, contentArb, (b, x) => {
        const onlyLocal = run(b, x, b);
        expect(onlyLocal.conflicts).toEqual([]);
        expect(sameContent(onlyLocal.merged, x)).toBe(true);
        const onlyServer = run(b, b, x);
        expect(onlyServer.conflicts).toEqual([]);
        expect(sameContent(onlyServer.merged, x)).toBe(true);
        expect(run(b, x, x).conflicts).toEqual([]);
      }),
    );
  });

  it('every slot is the one-sided change, or a conflict exactly where both sides changed it differently', () => {
    fc.assert(
      fc.property(contentArb, contentArb, contentArb, (b, l, s) => {
        const { merged: result, conflicts } = run(b, l, s);
        const conflicted = new Set(conflicts.map((c) => c.key));
        expect(result.version).toBe(9);
        for (const key of allKeys(b, l, s)) {
          const [vb, vl, vs, vm] = [b, l, s, result].map((r) => slotValue(r, key));
          const both = !sameValue(vl, vb) && !sameValue(vs, vb) && !sameValue(vl, vs);
          expect(conflicted.has(key)).toBe(both);
          expect(sameValue(vm, both || !sameValue(vl, vb) ? vl : vs)).toBe(true);
        }
      }),
    );
  });

  it('is symmetric in which conflicts it finds, and the choices reach either side', () => {
    fc.assert(
      fc.property(contentArb, contentArb, contentArb, (b, l, s) => {
        const there = run(b, l, s);
        const back = run(b, s, l);
        const keys = (cs: MergeConflict[]) => cs.map((c) => c.key).sort();
        expect(keys(back.conflicts)).toEqual(keys(there.conflicts));
        const allServer = resolveConflicts(
          there.merged,
          there.conflicts,
          Object.fromEntries(there.conflicts.map((c) => [c.key, 'server'])),
        );
        const allLocal = resolveConflicts(there.merged, there.conflicts, {});
        for (const c of there.conflicts) {
          expect(sameValue(slotValue(allServer, c.key), slotValue(s, c.key))).toBe(true);
          expect(sameValue(slotValue(allLocal, c.key), slotValue(l, c.key))).toBe(true);
        }
        // Once resolved and pushed, merging the result against itself changes nothing.
        expect(run(remoteOf(allServer), allServer, allServer).conflicts).toEqual([]);
      }),
    );
  });
});
