import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { AttachmentMeta, InspectionSection, InspectionTask, SectionCorrection } from '@shared/domain/model';
import { publicationExportSchema, reviewActionResponseSchema, reviewQueueResponseSchema } from '@shared/api/review';
import type { Mutation } from '@shared/sync/protocol';
import { progressSummarySchema } from '@shared/review/progress';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(6);

const signed = (kind: AttachmentMeta['kind'], sectionId: string): AttachmentMeta => ({
  id: `${sectionId}-${kind}`,
  sha256: 'c'.repeat(64),
  size: 2048,
  type: 'image/png',
  kind,
  capturedAt: '2025-05-06T09:25:00.000Z',
});

/** A section completed with its results and the evidence of the visit completion asks for. */
function completedSection(id: string, officerId: string, patch: Partial<InspectionSection> = {}): InspectionSection {
  const base = fixture.sections.find((s) => s.id === id);
  if (!base) throw new Error(`no fixture section ${id}`);
  return {
    ...base,
    itemResults: base.checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'compliant' as const, note: '' })),
    resultCategory: 'no_problem_found',
    status: 'completed',
    completedBy: officerId,
    completedAt: '2025-05-06T09:30:00.000Z',
    checkIn: { at: '2025-05-06T09:00:00.000Z', location: null, accuracyM: null, place: '烟台市芝罘区南大街 1 号', source: 'typed' },
    teamPresent: fixture.tasks.find((t) => t.id === base.taskId)!.officerIds,
    representativeName: '李经理',
    attachments: [signed('representative_signature', id), signed('officer_signature', id)],
    ...patch,
  };
}

const sectionMutation = (data: InspectionSection, baseVersion = 0): Mutation => ({
  mutationId: randomUUID(),
  collection: 'sections',
  id: data.id,
  baseVersion,
  data,
});
const correctionMutation = (data: SectionCorrection, baseVersion = data.version): Mutation => ({
  mutationId: randomUUID(),
  collection: 'corrections',
  id: data.id,
  baseVersion,
  data,
});

describeEachDriver('review and publication', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of ['amr1', 'amr2', 'tax1', 'eco1', 'sup-a', 'amrb1']) tokens[username] = await h.login(username);
  });
  const auth = (username: string) => ({ authorization: `Bearer ${tokens[username]!}` });
  const pushOne = async (username: string, m: Mutation) =>
    (await h.push(tokens[username]!, { deviceId: 'dev', mutations: [m] })).results[0]!;
  const get = (username: string, url: string) => h.request({ method: 'GET', url, headers: auth(username) });
  const post = (username: string, url: string, payload: unknown) =>
    h.request({ method: 'POST', url, payload: payload as object, headers: auth(username) });
  const queue = async (query = '') => reviewQueueResponseSchema.parse((await get('sup-a', `/api/v1/review/queue${query}`)).json());
  const exported = async (query = '') => {
    const response = await get('sup-a', `/api/v1/publication/export${query}`);
    expect(response.statusCode).toBe(200);
    return { body: response.body, list: publicationExportSchema.parse(response.json()) };
  };
  async function pulledTask(username: string, id: string): Promise<InspectionTask> {
    const change = (await h.pullAll(tokens[username]!)).changes.find((c) => c.collection === 'tasks' && c.id === id);
    if (!change || !('data' in change)) throw new Error(`task ${id} not pulled`);
    return change.data as InspectionTask;
  }

  it("refuses an inspector's token on every review and publication endpoint, changing nothing", async () => {
    await pushOne('amr1', sectionMutation(completedSection('t2-dept-amr', 'amr1')));
    await pushOne('eco1', sectionMutation(completedSection('t2-dept-eco', 'eco1')));
    const before = await snapshot(h.database);
    const attempts = [
      get('amr1', '/api/v1/review/queue'),
      post('amr1', '/api/v1/review/tasks/t2/approve', {}),
      post('amr1', '/api/v1/review/tasks/t2/return', { sectionId: 't2-dept-eco', reason: '请补充现场照片' }),
      post('amr1', '/api/v1/publication/publish', { taskIds: ['t2'] }),
      get('amr1', '/api/v1/publication/export'),
      get('eco1', '/api/v1/publication/export?format=csv'),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'forbidden' });
    }
    expect(await snapshot(h.database)).toEqual(before);
    // Without a token at all: 401.
    expect((await h.request({ method: 'GET', url: '/api/v1/review/queue' })).statusCode).toBe(401);
  });

  it('runs the full cycle: complete → return with reason → corrected → approve → publish, exported without internal fields', async () => {
    // complete: the last section puts the inspection in the review queue, checked on its Asia/Shanghai date.
    await pushOne('amr1', sectionMutation(completedSection('t1-dept-amr', 'amr1')));
    expect((await queue()).items.map((i) => i.task.id)).not.toContain('t1');
    const taxSection = completedSection('t1-dept-tax', 'tax1', { completedAt: '2025-05-06T17:00:00.000Z' });
    expect(await pushOne('tax1', sectionMutation(taxSection))).toMatchObject({ status: 'applied' });
    const waiting = (await queue()).items.find((i) => i.task.id === 't1');
    expect(waiting).toMatchObject({
      task: { status: 'completed', reviewStatus: 'awaiting_review', checkedOn: '2025-05-07' },
      openCorrections: 0,
    });
    // 20 working days after 2025-05-07, skipping the Dragon Boat holiday (2025-05-31 … 06-02).
    expect(waiting?.deadline).toMatchObject({ dueOn: '2025-06-05', overdue: true, calendarKnown: true });
    expect(waiting?.riskClass).toBe(fixture.enterpriseAt(0).riskClass);

    // return a section with a reason: a new linked correction, the original stays locked.
    const returned = await post('sup-a', '/api/v1/review/tasks/t1/return', { sectionId: 't1-dept-tax', reason: '请补充纳税申报核查记录' });
    expect(returned.statusCode).toBe(200);
    const { task: returnedTask, correction } = reviewActionResponseSchema.parse(returned.json());
    expect(returnedTask.reviewStatus).toBe('returned');
    expect(correction).toMatchObject({
      sectionId: 't1-dept-tax',
      taskId: 't1',
      departmentId: 'dept-tax',
      returnReason: '请补充纳税申报核查记录',
      returnedBy: 'sup-a',
      itemResults: taxSection.itemResults,
      resultCategory: 'no_problem_found',
      status: 'draft',
      version: 0,
      // The evidence of the visit comes along, so a correction of the paperwork needs no second visit.
      checkIn: taxSection.checkIn,
      teamPresent: taxSection.teamPresent,
      representativeName: taxSection.representativeName,
      attachments: taxSection.attachments,
    });
    expect((await post('sup-a', '/api/v1/review/tasks/t1/return', { sectionId: 't1-dept-tax', reason: '再次退回' })).statusCode).toBe(409);
    expect((await post('sup-a', '/api/v1/review/tasks/t1/approve', {})).statusCode).toBe(409);

    // The team sees the reason when it asks for corrections; a v1 pull (no include) carries no unknown collection.
    const { changes } = await h.pullAll(tokens.tax1!, 1000, '', 'corrections');
    expect(changes.find((c) => c.collection === 'corrections' && c.id === correction!.id)).toMatchObject({ data: correction });
    expect((await h.pullAll(tokens.tax1!)).changes.some((c) => c.collection === 'corrections')).toBe(false);
    expect((await h.pullAll(tokens.amrb1!, 1000, '', 'corrections')).changes.some((c) => c.collection === 'corrections')).toBe(false);

    // Only the section's department on the team may write the correction; the original section stays locked.
    const fixed: SectionCorrection = {
      ...correction!,
      itemResults: [
        { checkItemId: 'dept-tax-item1', outcome: 'non_compliant', note: '未按期申报' },
        { checkItemId: 'dept-tax-item2', outcome: 'compliant', note: '' },
      ],
      resultCategory: 'problem_corrected',
      status: 'completed',
      completedBy: 'tax1',
      completedAt: '2025-05-09T02:00:00.000Z',
    };
    expect(await pushOne('amr1', correctionMutation({ ...fixed, completedBy: 'amr1' }))).toMatchObject({ status: 'rejected' });
    expect(await pushOne('tax1', correctionMutation({ ...fixed, returnReason: '改掉理由' }))).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/returnReason cannot change/)],
    });
    // A correction follows the section's evidence rules: only the task's team can have been present, and it needs a representative.
    expect(await pushOne('tax1', correctionMutation({ ...fixed, teamPresent: [...fixed.teamPresent, 'amrb1'] }))).toMatchObject({
      status: 'rejected',
      errors: ["teamPresent: officer amrb1 is not on the task's team"],
    });
    expect(await pushOne('tax1', correctionMutation({ ...fixed, representativeName: '' }))).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/representative's name is missing/)],
    });
    expect(await pushOne('tax1', sectionMutation({ ...taxSection, version: 1 }, 1))).toMatchObject({
      status: 'rejected',
      errors: ['section is completed and locked'],
    });
    expect(await pushOne('tax1', correctionMutation(fixed))).toMatchObject({ status: 'applied', version: 1 });
    expect(await pushOne('tax1', correctionMutation({ ...fixed, version: 1 }))).toMatchObject({
      status: 'rejected',
      errors: ['correction is completed and locked'],
    });
    expect(await pulledTask('amr1', 't1')).toMatchObject({ reviewStatus: 'corrected' });

    // approve → publishable; the export shows the corrected result and nothing internal.
    const approved = await post('sup-a', '/api/v1/review/tasks/t1/approve', {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ task: { reviewStatus: 'approved', approvedBy: 'sup-a' } });
    const enterprise = fixture.enterpriseAt(0);
    const { body, list } = await exported('?scope=publishable');
    expect(list.entries).toEqual([
      {
        uscc: enterprise.uscc,
        enterpriseName: enterprise.name,
        districtName: '芝罘区',
        planName: '2025年甲单位联合抽查',
        inspectedOn: '2025-05-07',
        departments: [
          { departmentName: '市场监督管理局', resultCategory: 'no_problem_found', resultCategoryLabel: '未发现问题' },
          { departmentName: '税务局', resultCategory: 'problem_corrected', resultCategoryLabel: '发现问题已责令改正' },
        ],
        publishDueOn: '2025-06-05',
        publishedAt: null,
      },
    ]);
    for (const internal of ['riskClass', 'lighthouse', 'officer', 'note', '未按期申报', 'amr1', 'tax1', 'sup-a'])
      expect(body).not.toContain(internal);

    const csv = await get('sup-a', '/api/v1/publication/export?format=csv&scope=publishable');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('统一社会信用代码,企业名称,所在区市,抽查计划,检查日期,检查部门,检查结果,公示期限,公示时间');
    expect(lines.slice(1)).toEqual([
      `${enterprise.uscc},${enterprise.name},芝罘区,2025年甲单位联合抽查,2025-05-07,市场监督管理局,未发现问题,2025-06-05,`,
      `${enterprise.uscc},${enterprise.name},芝罘区,2025年甲单位联合抽查,2025-05-07,税务局,发现问题已责令改正,2025-06-05,`,
    ]);
    expect(csv.body).not.toContain(enterprise.riskClass === 'A' ? 'riskClass' : `,${enterprise.riskClass},`);

    // publish: all or none; published inspections leave the queue and appear as published.
    const refused = await post('sup-a', '/api/v1/publication/publish', { taskIds: ['t1', 't2'] });
    expect(refused.statusCode).toBe(409);
    expect((await exported('?scope=published')).list.entries).toEqual([]);
    const published = await post('sup-a', '/api/v1/publication/publish', { taskIds: ['t1'] });
    expect(published.statusCode).toBe(200);
    expect((await exported('?scope=published')).list.entries).toEqual([
      expect.objectContaining({ uscc: enterprise.uscc, publishedAt: published.json().publishedAt }),
    ]);
    expect((await queue()).items.map((i) => i.task.id)).not.toContain('t1');
    expect((await queue('?status=published')).items.map((i) => i.task.id)).toEqual(['t1']);
    expect(await pulledTask('tax1', 't1')).toMatchObject({ reviewStatus: 'published', publishedAt: published.json().publishedAt });
  });

  it('sums up the campaign for the supervisor only, with corrected results and pending publication', async () => {
    expect((await get('amr1', '/api/v1/review/progress')).statusCode).toBe(403);
    const response = await get('sup-a', '/api/v1/review/progress');
    expect(response.statusCode).toBe(200);
    const progress = progressSummarySchema.parse(response.json());
    expect(progress).toMatchObject({
      total: 3,
      byStatus: { assigned: 1, in_progress: 0, completed: 2 },
      byReviewStatus: { awaiting_review: 1, returned: 0, corrected: 0, approved: 0, published: 1 },
      byDistrict: [
        { districtCode: '370602', total: 2, completed: 1 },
        { districtCode: '370611', total: 1, completed: 1 },
      ],
      byDepartment: [
        { departmentId: 'dept-amr', sections: 3, completed: 2 },
        { departmentId: 'dept-eco', sections: 1, completed: 1 },
        { departmentId: 'dept-tax', sections: 2, completed: 1 },
      ],
      resultCategories: [
        { resultCategory: 'no_problem_found', count: 3 },
        { resultCategory: 'problem_corrected', count: 1 },
      ],
      pendingPublication: [expect.objectContaining({ taskId: 't2', overdue: true })],
      overdueForPublication: 1,
    });
  });

  it("keeps a supervisor to their own unit's plans and tasks", async () => {
    await pushOne('amrb1', sectionMutation(completedSection('tb1-dept-amr', 'amrb1')));
    expect((await queue('?status=awaiting_review,returned,corrected,approved,published')).items.map((i) => i.task.id)).not.toContain('tb1');
    const before = await snapshot(h.database);
    expect((await post('sup-a', '/api/v1/review/tasks/tb1/approve', {})).statusCode).toBe(404);
    expect((await post('sup-a', '/api/v1/review/tasks/tb1/return', { sectionId: 'tb1-dept-amr', reason: '越权退回' })).statusCode).toBe(
      404,
    );
    expect((await post('sup-a', '/api/v1/publication/publish', { taskIds: ['tb1'] })).statusCode).toBe(404);
    expect(await snapshot(h.database)).toEqual(before);
    expect((await exported()).list.entries.map((e) => e.uscc)).not.toContain(fixture.enterpriseAt(2).uscc);
  });

  it('answers bad review and publication requests with a readable 4xx and changes nothing', async () => {
    const before = await snapshot(h.database);
    const cases: [Promise<{ statusCode: number; json: () => unknown }>, number][] = [
      [post('sup-a', '/api/v1/review/tasks/t3/approve', {}), 409], // not completed
      [post('sup-a', '/api/v1/review/tasks/t3/return', { sectionId: 't3-dept-amr', reason: '未完成' }), 409],
      [post('sup-a', '/api/v1/review/tasks/t2/return', { sectionId: 't2-dept-eco', reason: ' ' }), 400],
      [post('sup-a', '/api/v1/review/tasks/t2/return', { sectionId: 't1-dept-tax', reason: '别的任务的部分' }), 404],
      [post('sup-a', '/api/v1/review/tasks/t2/return', { reason: '缺少部分' }), 400],
      [post('sup-a', '/api/v1/review/tasks/nope/approve', {}), 404],
      [post('sup-a', '/api/v1/publication/publish', { taskIds: [] }), 400],
      [post('sup-a', '/api/v1/publication/publish', { taskIds: ['t2'] }), 409],
      [get('sup-a', '/api/v1/publication/export?format=xml'), 400],
      [get('sup-a', '/api/v1/publication/export?scope=secret'), 400],
      [get('sup-a', '/api/v1/review/queue?status=bogus'), 400],
      [get('sup-a', '/api/v1/sync/pull?include=bogus'), 400],
    ];
    for (const [request, status] of cases) {
      const response = await request;
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    expect(await snapshot(h.database)).toEqual(before);
  });
});
