import { describe, expect, it } from 'vitest';
import type { AttachmentMeta, InspectionSection, ItemResult } from '@shared/domain/model';
import { RESULT_CATEGORIES, checkCategoryConsistency, type ResultCategory } from '@shared/domain/resultCategories';
import {
  NO_REPRESENTATIVE_CATEGORIES,
  describeSectionProblem,
  MIN_OFFICERS_PRESENT,
  sectionCompletionProblems,
  sectionStructureProblems,
  type SectionProblem,
} from '@shared/domain/sectionRules';

type SectionInput = Pick<
  InspectionSection,
  'checkItemIds' | 'itemResults' | 'resultCategory' | 'checkIn' | 'teamPresent' | 'representativeName' | 'attachments'
>;

const signature = (kind: AttachmentMeta['kind'], id: string = kind): AttachmentMeta => ({
  id,
  sha256: 'a'.repeat(64),
  size: 1200,
  type: 'image/png',
  kind,
  capturedAt: '2025-05-06T10:00:00+08:00',
});
/** The evidence of a visit that completion asks for. */
const VISITED = {
  checkIn: { at: '2025-05-06T09:00:00+08:00', location: { lng: 121.4, lat: 37.5 }, accuracyM: 20, place: '', source: 'device' },
  teamPresent: ['off-1', 'off-2'],
  representativeName: '王经理',
  attachments: [signature('representative_signature'), signature('officer_signature')],
} satisfies Partial<SectionInput>;

const ITEMS = ['ci-amr-001', 'ci-amr-002', 'ci-amr-003'];
const compliant = (checkItemId: string): ItemResult => ({ checkItemId, outcome: 'compliant', note: '' });

function section(itemResults: ItemResult[], resultCategory: ResultCategory | null = 'no_problem_found'): SectionInput {
  return { checkItemIds: ITEMS, itemResults, resultCategory, ...VISITED };
}

describe('sectionStructureProblems', () => {
  it('accepts a partial draft', () => {
    expect(sectionStructureProblems(section([compliant('ci-amr-002')]))).toEqual([]);
    expect(sectionStructureProblems(section([]))).toEqual([]);
  });

  it('flags results for items outside the section and duplicates', () => {
    const problems = sectionStructureProblems(
      section([compliant('ci-amr-001'), compliant('ci-eco-001'), { checkItemId: 'ci-amr-001', outcome: 'non_compliant', note: 'x' }]),
    );
    expect(problems).toEqual([
      { code: 'unknown_check_item', checkItemId: 'ci-eco-001' },
      { code: 'duplicate_check_item', checkItemId: 'ci-amr-001' },
    ]);
  });
});

describe('sectionCompletionProblems', () => {
  it('accepts every item answered with a consistent category', () => {
    expect(sectionCompletionProblems(section(ITEMS.map(compliant)))).toEqual([]);
    const mixed: ItemResult[] = [
      compliant('ci-amr-001'),
      { checkItemId: 'ci-amr-002', outcome: 'not_applicable', note: '' },
      { checkItemId: 'ci-amr-003', outcome: 'non_compliant', note: '进货查验记录缺失，已责令改正' },
    ];
    expect(sectionCompletionProblems(section(mixed, 'problem_corrected'))).toEqual([]);
  });

  it('treats not applicable as an answer', () => {
    const results = ITEMS.map((checkItemId): ItemResult => ({ checkItemId, outcome: 'not_applicable', note: '' }));
    expect(sectionCompletionProblems(section(results))).toEqual([]);
    const found = {
      ...section(results, 'activity_not_found'),
      findings: '现场为住宅，无经营活动',
      attachments: [signature('photo', 'p1')],
    };
    expect(sectionCompletionProblems(found)).toEqual([{ code: 'signature_missing', kind: 'officer_signature' }]);
  });

  it('lists every unanswered item', () => {
    expect(sectionCompletionProblems(section([compliant('ci-amr-002')]))).toEqual([
      { code: 'item_missing', checkItemId: 'ci-amr-001' },
      { code: 'item_missing', checkItemId: 'ci-amr-003' },
    ]);
  });

  it.each(['', '   ', '\n\t'])('requires a note on non-compliant items (note %j)', (note) => {
    const results = [
      compliant('ci-amr-001'),
      compliant('ci-amr-002'),
      { checkItemId: 'ci-amr-003', outcome: 'non_compliant' as const, note },
    ];
    expect(sectionCompletionProblems(section(results, 'problem_pending'))).toEqual([
      { code: 'non_compliant_without_note', checkItemId: 'ci-amr-003' },
    ]);
  });

  it('requires a result category', () => {
    expect(sectionCompletionProblems(section(ITEMS.map(compliant), null))).toEqual([{ code: 'result_category_missing' }]);
  });

  it('rejects 未发现问题 with a non-compliant item', () => {
    const results = [
      compliant('ci-amr-001'),
      compliant('ci-amr-002'),
      { checkItemId: 'ci-amr-003', outcome: 'non_compliant' as const, note: '超范围经营' },
    ];
    expect(sectionCompletionProblems(section(results, 'no_problem_found'))).toEqual([
      { code: 'result_category_inconsistent', reason: 'no_problem_with_non_compliant' },
    ]);
  });

  it.each(['problem_corrected', 'problem_pending', 'other_department_violation'] as const)(
    'rejects %s without a non-compliant item',
    (category) => {
      expect(sectionCompletionProblems(section(ITEMS.map(compliant), category))).toEqual([
        { code: 'result_category_inconsistent', reason: 'problem_without_non_compliant' },
      ]);
    },
  );

  it('reports structural and completion problems together', () => {
    const problems = sectionCompletionProblems(section([compliant('ci-xyz'), compliant('ci-amr-001')], null));
    expect(problems.map((p) => p.code).sort()).toEqual(['item_missing', 'item_missing', 'result_category_missing', 'unknown_check_item']);
  });
});

describe('evidence of the visit', () => {
  const answered = section(ITEMS.map(compliant));

  it('is required for completion: check-in, two officers present, the representative and both signatures', () => {
    const bare = { ...answered, checkIn: null, teamPresent: ['off-1'], representativeName: ' ', attachments: [] };
    expect(sectionCompletionProblems(bare)).toEqual([
      { code: 'check_in_missing' },
      { code: 'team_too_small', present: 1 },
      { code: 'representative_name_missing' },
      { code: 'signature_missing', kind: 'representative_signature' },
      { code: 'signature_missing', kind: 'officer_signature' },
    ]);
    expect(sectionStructureProblems(bare)).toEqual([]);
  });

  it('allows one signature of each kind and unique attachment ids, photos as many as needed', () => {
    const photos = [signature('photo', 'p1'), signature('photo', 'p2')];
    expect(sectionCompletionProblems({ ...answered, attachments: [...answered.attachments, ...photos] })).toEqual([]);
    const twice = {
      ...answered,
      attachments: [...answered.attachments, signature('officer_signature', 'again'), signature('photo', 'p1'), signature('photo', 'p1')],
    };
    expect(sectionStructureProblems(twice)).toEqual([
      { code: 'duplicate_attachment', attachmentId: 'p1' },
      { code: 'signature_twice', kind: 'officer_signature' },
    ]);
    expect(describeSectionProblem({ code: 'signature_missing', kind: 'officer_signature' })).toBe('the officer signature is missing');
  });

  it('files photos under check items of the section only; signatures belong to the whole section', () => {
    const itemPhoto = { ...signature('photo', 'p1'), checkItemId: 'ci-amr-002' };
    expect(sectionCompletionProblems({ ...answered, attachments: [...answered.attachments, itemPhoto] })).toEqual([]);
    const misfiled = [
      { ...signature('photo', 'p2'), checkItemId: 'ci-tax-001' },
      { ...signature('representative_signature', 'r1'), checkItemId: 'ci-amr-001' },
    ];
    expect(sectionStructureProblems({ ...answered, attachments: [signature('officer_signature'), ...misfiled] })).toEqual([
      { code: 'attachment_item_unknown', attachmentId: 'p2', checkItemId: 'ci-tax-001' },
      { code: 'attachment_item_unknown', attachmentId: 'r1', checkItemId: 'ci-amr-001' },
    ]);
  });
});

describe('outcomes without a cooperating enterprise', () => {
  const notApplicable = ITEMS.map((checkItemId): ItemResult => ({ checkItemId, outcome: 'not_applicable', note: '' }));
  const officerSigned = { ...signature('officer_signature', 'os1'), signedBy: 'off-1' };
  const context = { officerId: 'off-1', departmentOfficerIds: ['off-1'] };
  /** What the officers record instead of the representative: findings, a photo, a located check-in, their signature. */
  const recorded = (category: ResultCategory) => ({
    ...section(notApplicable, category),
    representativeName: '',
    attachments: [officerSigned, signature('photo', 'door')],
    findings: '登记住所大门紧锁，电话无人接听',
    inspectionRefusal: category === 'refused_inspection' ? { at: '2025-05-06T09:10:00+08:00', person: '' } : null,
  });

  it('names the four categories where nobody represents the enterprise', () => {
    expect([...NO_REPRESENTATIVE_CATEGORIES].sort()).toEqual(
      ['activity_not_found', 'address_unreachable', 'closed_or_liquidating', 'refused_inspection'].sort(),
    );
  });

  it.each([...NO_REPRESENTATIVE_CATEGORIES])('%s completes without the representative, with items not applicable', (category) => {
    expect(sectionCompletionProblems(recorded(category), context)).toEqual([]);
  });

  it.each([...NO_REPRESENTATIVE_CATEGORIES])('%s requires findings, a photo and a located check-in', (category) => {
    const bare = {
      ...recorded(category),
      findings: ' ',
      attachments: [officerSigned],
      checkIn: { ...VISITED.checkIn, location: null, source: 'typed' as const, place: '某路1号' },
    };
    expect(sectionCompletionProblems(bare, context).map((p) => p.code)).toEqual([
      'findings_missing',
      'photo_missing',
      'check_in_location_missing',
    ]);
  });

  it('requires the time of a refusal of the inspection; the person who refused only where known', () => {
    const withoutTime = { ...recorded('refused_inspection'), inspectionRefusal: null };
    expect(sectionCompletionProblems(withoutTime, context)).toEqual([{ code: 'refusal_time_missing' }]);
  });

  it('still requires the representative for every other category', () => {
    const asIfUnreachable = { ...recorded('address_unreachable'), resultCategory: 'no_problem_found' as const };
    expect(sectionCompletionProblems(asIfUnreachable, context)).toEqual([
      { code: 'representative_name_missing' },
      { code: 'signature_missing', kind: 'representative_signature' },
    ]);
  });
});

describe('refusal to sign', () => {
  const context = { officerId: 'off-1', departmentOfficerIds: ['off-1'] };
  const base = {
    ...section(ITEMS.map(compliant)),
    attachments: [{ ...signature('officer_signature'), signedBy: 'off-1' }],
  };
  const confirmation = { officerId: 'off-2', at: '2025-05-06T10:05:00+08:00', method: 'online' as const, attestationId: 'att-1' };

  it('replaces the representative signature once a second officer present confirms it', () => {
    expect(
      sectionCompletionProblems({ ...base, signatureRefusal: { markedAt: '2025-05-06T10:00:00+08:00', confirmation } }, context),
    ).toEqual([]);
  });

  it('is not enough unconfirmed, confirmed by the completing officer, or by an officer not present', () => {
    const marked = (c: typeof confirmation | null) => ({
      ...base,
      signatureRefusal: { markedAt: '2025-05-06T10:00:00+08:00', confirmation: c },
    });
    expect(sectionCompletionProblems(marked(null), context)).toEqual([{ code: 'signature_refusal_unconfirmed' }]);
    expect(sectionCompletionProblems(marked({ ...confirmation, officerId: 'off-1' }), context)).toEqual([
      { code: 'signature_refusal_confirmer', officerId: 'off-1' },
    ]);
    expect(sectionCompletionProblems(marked({ ...confirmation, officerId: 'off-9' }), context)).toEqual([
      { code: 'signature_refusal_confirmer', officerId: 'off-9' },
    ]);
  });

  it('contradicts a representative signature', () => {
    const both = {
      ...base,
      attachments: [...base.attachments, signature('representative_signature')],
      signatureRefusal: { markedAt: '2025-05-06T10:00:00+08:00', confirmation },
    };
    expect(sectionCompletionProblems(both, context)).toEqual([{ code: 'signature_refused_and_signed' }]);
  });
});

describe('every officer present signs', () => {
  const twoOfOneDepartment = { officerId: 'off-1', departmentOfficerIds: ['off-1', 'off-2'] };
  const own = { ...signature('officer_signature', 's1'), signedBy: 'off-1' };
  const attestation = { officerId: 'off-2', at: '2025-05-06T10:05:00+08:00', method: 'offline' as const };
  const second = { ...signature('officer_signature', 's2'), sha256: 'b'.repeat(64), signedBy: 'off-2', attestation };
  const withSignatures = (...officer: AttachmentMeta[]) => ({
    ...section(ITEMS.map(compliant)),
    attachments: [signature('representative_signature'), ...officer],
  });

  it('asks both officers of one department present to sign its section, the second with an attestation', () => {
    expect(sectionCompletionProblems(withSignatures(own), twoOfOneDepartment)).toEqual([
      { code: 'officer_signature_missing', officerId: 'off-2' },
    ]);
    expect(sectionCompletionProblems(withSignatures(own, second), twoOfOneDepartment)).toEqual([]);
    const { attestation: _none, ...unattested } = second;
    expect(sectionCompletionProblems(withSignatures(own, unattested), twoOfOneDepartment)).toEqual([
      { code: 'attestation_missing', officerId: 'off-2' },
    ]);
  });

  it('asks the completing officer to sign, and only officers present may sign, each once', () => {
    expect(sectionCompletionProblems(withSignatures(second), { officerId: 'off-1', departmentOfficerIds: ['off-1'] })).toEqual([
      { code: 'officer_signature_missing', officerId: 'off-1' },
    ]);
    const absent = { ...second, signedBy: 'off-7', attestation: { ...attestation, officerId: 'off-7' } };
    expect(sectionCompletionProblems(withSignatures(own, absent), twoOfOneDepartment).map((p) => p.code)).toEqual([
      'officer_signature_missing',
      'signer_not_present',
    ]);
    expect(sectionStructureProblems(withSignatures(own, { ...own, id: 's3' }))).toEqual([
      { code: 'signature_twice', kind: 'officer_signature', officerId: 'off-1' },
    ]);
  });
});

describe('a joint inspection whose every section is completed', () => {
  // Teams as the draw forms them (teamDraw): officers of the plan's departments only, each department with its section
  // and at least one officer on the team; a section is completed by an officer of its department (policy).
  const TEAMS: Record<string, string[]>[] = [
    { amr: ['a1', 'a2'] },
    { amr: ['a1', 'a2', 'a3'] },
    { amr: ['a1'], eco: ['e1'] },
    { amr: ['a1', 'a2'], eco: ['e1'] },
    { amr: ['a1'], eco: ['e1'], tax: ['t1'] },
  ];
  const subsets = <T>(items: readonly T[]): T[][] => items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
  const attested = (officerId: string, completedBy: string): AttachmentMeta => ({
    ...signature('officer_signature', `s-${officerId}`),
    signedBy: officerId,
    ...(officerId === completedBy ? {} : { attestation: { officerId, at: '2025-05-06T10:05:00+08:00', method: 'offline' as const } }),
  });

  /** Every set of signers with which a department's section passes the completion rules, whoever of it completes. */
  function passingSigners(team: Record<string, string[]>, departmentId: string): string[][] {
    const officerIds = Object.values(team).flat();
    const departmentOfficerIds = team[departmentId]!;
    return departmentOfficerIds.flatMap((officerId) =>
      subsets(officerIds).flatMap((teamPresent) =>
        subsets(officerIds).filter((signers) => {
          const attachments = [signature('representative_signature'), ...signers.map((id) => attested(id, officerId))];
          const record = { ...section(ITEMS.map(compliant)), teamPresent, attachments };
          return sectionCompletionProblems(record, { officerId, departmentOfficerIds }).length === 0;
        }),
      ),
    );
  }

  // Art. 42's two officers: the per-section rules already leave at least two signers over the inspection, so the task
  // needs no rule of its own (two officers of one department both sign their section).
  it.each(TEAMS)('has at least two signing officers, whichever way its sections passed: %j', (team) => {
    let signerSets: Set<string>[] = [new Set()];
    for (const departmentId of Object.keys(team)) {
      const passing = passingSigners(team, departmentId);
      expect(passing.length, departmentId).toBeGreaterThan(0);
      signerSets = signerSets.flatMap((signed) => passing.map((signers) => new Set([...signed, ...signers])));
    }
    for (const signed of signerSets) expect(signed.size).toBeGreaterThanOrEqual(MIN_OFFICERS_PRESENT);
  });
});

describe('checkCategoryConsistency', () => {
  const problemCategories = new Set<ResultCategory>(['problem_corrected', 'problem_pending', 'other_department_violation']);

  it.each(RESULT_CATEGORIES.map((c) => c.code))('%s agrees with the item results', (category) => {
    const withNonCompliant = checkCategoryConsistency(category, true);
    const withoutNonCompliant = checkCategoryConsistency(category, false);
    if (category === 'no_problem_found') {
      expect(withNonCompliant).toEqual({ ok: false, reason: 'no_problem_with_non_compliant' });
      expect(withoutNonCompliant).toEqual({ ok: true });
    } else if (problemCategories.has(category)) {
      expect(withNonCompliant).toEqual({ ok: true });
      expect(withoutNonCompliant).toEqual({ ok: false, reason: 'problem_without_non_compliant' });
    } else {
      // Neutral categories (unreachable, closed, refused …) fit either way.
      expect(withNonCompliant).toEqual({ ok: true });
      expect(withoutNonCompliant).toEqual({ ok: true });
    }
  });
});

describe('describeSectionProblem', () => {
  const problems: SectionProblem[] = [
    { code: 'unknown_check_item', checkItemId: 'ci-1' },
    { code: 'duplicate_check_item', checkItemId: 'ci-2' },
    { code: 'non_compliant_without_note', checkItemId: 'ci-3' },
    { code: 'item_missing', checkItemId: 'ci-4' },
    { code: 'result_category_missing' },
    { code: 'result_category_inconsistent', reason: 'no_problem_with_non_compliant' },
    { code: 'completion_fields' },
  ];

  it('gives every problem a distinct message naming the item it concerns', () => {
    const messages = problems.map(describeSectionProblem);
    expect(new Set(messages).size).toBe(problems.length);
    problems.forEach((problem, i) => {
      if ('checkItemId' in problem) expect(messages[i]).toContain(problem.checkItemId);
    });
    expect(messages[5]).toContain('no_problem_with_non_compliant');
  });
});
