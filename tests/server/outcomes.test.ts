import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { AttachmentMeta, Attestation, Enterprise, InspectionSection } from '@shared/domain/model';
import { NO_REPRESENTATIVE_CATEGORIES } from '@shared/domain/sectionRules';
import type { ResultCategory } from '@shared/domain/resultCategories';
import type { Mutation, MutationResult } from '@shared/sync/protocol';
import { describeEachDriver } from './support/drivers';
import { PASSWORD, buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { queryRows } from '../../src/server/db/open';
import { attestations } from '../../src/server/db/schema';
import { rebuildProfiles } from '../../src/server/services/intake/profiles';

const fixture = buildFixture(6);
const DEVICE = 'laptop-of-the-first-officer';

const attachment = (kind: AttachmentMeta['kind'], id: string, sha = 'c', patch: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
  id,
  sha256: sha.repeat(64),
  size: 2048,
  type: kind === 'photo' ? 'image/jpeg' : 'image/png',
  kind,
  capturedAt: '2025-05-06T09:25:00.000Z',
  ...patch,
});

function base(id: string): InspectionSection {
  const section = fixture.sections.find((s) => s.id === id);
  if (!section) throw new Error(`no fixture section ${id}`);
  return section;
}

/** Completed by `officerId` with every item not applicable and what the officers record when nobody represents the enterprise. */
function withoutRepresentative(
  id: string,
  officerId: string,
  category: ResultCategory,
  patch: Partial<InspectionSection> = {},
): InspectionSection {
  const section = base(id);
  const team = fixture.tasks.find((t) => t.id === section.taskId)!.officerIds;
  return {
    ...section,
    itemResults: section.checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'not_applicable' as const, note: '' })),
    resultCategory: category,
    status: 'completed',
    completedBy: officerId,
    completedAt: '2025-05-06T09:30:00.000Z',
    checkIn: { at: '2025-05-06T09:00:00.000Z', location: { lng: 121.39, lat: 37.52 }, accuracyM: 15, place: '', source: 'device' },
    teamPresent: team,
    representativeName: '',
    findings: '登记住所大门紧锁，张贴“停业”告示，电话无人接听',
    inspectionRefusal: category === 'refused_inspection' ? { at: '2025-05-06T09:05:00.000Z', person: '' } : null,
    attachments: [attachment('photo', `${id}-door`, 'd'), attachment('officer_signature', `${id}-os`, 'c', { signedBy: officerId })],
    ...patch,
  };
}

/** Completed with the representative present. */
function cooperating(id: string, officerId: string, patch: Partial<InspectionSection> = {}): InspectionSection {
  return withoutRepresentative(id, officerId, 'no_problem_found', {
    itemResults: base(id).checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'compliant' as const, note: '' })),
    representativeName: '李经理',
    findings: '',
    attachments: [
      attachment('representative_signature', `${id}-rs`, 'e'),
      attachment('officer_signature', `${id}-os`, 'c', { signedBy: officerId }),
    ],
    ...patch,
  });
}

const mutation = (data: InspectionSection, baseVersion = 0): Mutation => ({
  mutationId: randomUUID(),
  collection: 'sections',
  id: data.id,
  baseVersion,
  data,
});

describeEachDriver('inspections without a cooperating enterprise, refusals and every officer signing', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const versions: Record<string, number> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of ['amr1', 'amr2', 'tax1', 'eco1', 'sup-a', 'amrb1', 'amrb2']) tokens[username] = await h.login(username);
  });
  const auth = (username: string) => ({ authorization: `Bearer ${tokens[username]!}` });
  const post = (username: string, url: string, payload: unknown) =>
    h.request({ method: 'POST', url, payload: payload as object, headers: auth(username) });
  async function push(username: string, data: InspectionSection, deviceId = DEVICE): Promise<MutationResult> {
    const [result] = (await h.push(tokens[username]!, { deviceId, mutations: [mutation(data, versions[data.id] ?? 0)] })).results;
    if (result!.status === 'applied') versions[data.id] = result!.version!;
    return result!;
  }
  async function attestation(requester: string, body: Record<string, string>): Promise<Attestation> {
    const response = await post(requester, '/api/v1/attestations', { password: PASSWORD, ...body });
    expect(response.statusCode, response.body).toBe(201);
    const answer = response.json<{ id: string; officerId: string; at: string }>();
    return { officerId: answer.officerId, at: answer.at, method: 'online', attestationId: answer.id };
  }

  it('refuses each outcome without a representative when the evidence the officers record instead is missing, saying what', async () => {
    const id = 't1-dept-amr';
    for (const category of NO_REPRESENTATIVE_CATEGORIES) {
      const noPhoto = withoutRepresentative(id, 'amr1', category, {
        attachments: [attachment('officer_signature', 'os', 'c', { signedBy: 'amr1' })],
      });
      expect(await push('amr1', noPhoto)).toMatchObject({ status: 'rejected', errors: [expect.stringMatching(/at least one photo/)] });
      const noFindings = withoutRepresentative(id, 'amr1', category, { findings: '  ' });
      expect(await push('amr1', noFindings)).toMatchObject({
        status: 'rejected',
        errors: [expect.stringMatching(/describe what was found/)],
      });
      const noLocation = withoutRepresentative(id, 'amr1', category, {
        checkIn: { at: '2025-05-06T09:00:00.000Z', location: null, accuracyM: null, place: '某路 1 号', source: 'typed' },
      });
      expect(await push('amr1', noLocation)).toMatchObject({
        status: 'rejected',
        errors: [expect.stringMatching(/check-in needs a location/)],
      });
    }
    const refusedWithoutTime = withoutRepresentative(id, 'amr1', 'refused_inspection', { inspectionRefusal: null });
    expect(await push('amr1', refusedWithoutTime)).toMatchObject({ status: 'rejected', errors: [expect.stringMatching(/record when/)] });
  });

  it('accepts each outcome without a representative, items not applicable, and keeps what was recorded', async () => {
    const categories = [...NO_REPRESENTATIVE_CATEGORIES];
    // One section per outcome: the sections of unit-a's tasks.
    const sections: [string, string][] = [
      ['t1-dept-amr', 'amr1'],
      ['t1-dept-tax', 'tax1'],
      ['t2-dept-eco', 'eco1'],
      ['t3-dept-tax', 'tax1'],
    ];
    for (const [i, [id, officer]] of sections.entries()) {
      const category = categories[i]!;
      expect(await push(officer, withoutRepresentative(id, officer, category)), `${id} ${category}`).toMatchObject({ status: 'applied' });
    }
    const { changes } = await h.pullAll(tokens['amr1']!);
    const stored = changes.find((c) => c.collection === 'sections' && c.id === 't1-dept-amr') as { data: InspectionSection };
    expect(stored.data).toMatchObject({
      status: 'completed',
      resultCategory: categories[0],
      representativeName: '',
      findings: '登记住所大门紧锁，张贴“停业”告示，电话无人接听',
    });
  });

  it('takes a refusal to sign only with the confirmation of a second officer present, checked by the endpoint', async () => {
    const id = 't2-dept-amr';
    const refused = (confirmation: Attestation | null) =>
      cooperating(id, 'amr1', {
        attachments: [attachment('officer_signature', `${id}-os`, 'c', { signedBy: 'amr1' })],
        signatureRefusal: { markedAt: '2025-05-06T09:20:00.000Z', confirmation },
      });
    expect(await push('amr1', refused(null))).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/confirmed by a second officer/)],
    });
    // A made-up attestation, one for another section, and an offline check on a laptop eco1 never signed in on: refused.
    const madeUp: Attestation = { officerId: 'eco1', at: '2025-05-06T09:21:00.000Z', method: 'online', attestationId: 'attest-invented' };
    expect(await push('amr1', refused(madeUp))).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/did not give for it/)],
    });
    const forEco = await attestation('amr1', { username: 'eco1', taskId: 't2', purpose: 'signature_refusal', subject: 'dept-eco' });
    expect(await push('amr1', refused(forEco))).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/did not give for it/)],
    });
    const offline: Attestation = { officerId: 'eco1', at: '2025-05-06T09:21:00.000Z', method: 'offline' };
    expect(await push('amr1', refused(offline))).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/never signed in online/)],
    });

    // The wrong password is the second officer's, not the session's: 422; only an officer of the team, and not the one
    // asking (403). Nothing is recorded.
    const recorded = () => h.database.db.select().from(attestations).orderBy(attestations.id);
    const before = await recorded();
    const refusals: [string, string, string, number][] = [
      ['a wrong password', 'eco1', 'not-it', 422],
      ['the officer asking', 'amr1', PASSWORD, 403],
      ['an officer off the team', 'tax1', PASSWORD, 403],
    ];
    for (const [who, username, password, statusCode] of refusals) {
      const answer = await post('amr1', '/api/v1/attestations', {
        username,
        password,
        taskId: 't2',
        purpose: 'signature_refusal',
        subject: 'dept-amr',
      });
      expect(answer.statusCode, who).toBe(statusCode);
    }
    expect(await recorded()).toEqual(before);

    const confirmed = await attestation('amr1', { username: 'eco1', taskId: 't2', purpose: 'signature_refusal', subject: 'dept-amr' });
    expect(await push('amr1', refused(confirmed))).toMatchObject({ status: 'applied' });
    const { changes } = await h.pullAll(tokens['eco1']!);
    const stored = changes.find((c) => c.collection === 'sections' && c.id === id) as { data: InspectionSection };
    expect(stored.data.signatureRefusal).toEqual({ markedAt: '2025-05-06T09:20:00.000Z', confirmation: confirmed });
  });

  it('lets an officer present confirm a refusal on their own device, which the recording officer then finds', async () => {
    const confirm = (username: string, departmentId: string) =>
      post(username, '/api/v1/attestations/refusal-confirmations', { taskId: 't1', departmentId });
    expect((await confirm('eco1', 'dept-amr')).statusCode).toBe(403);
    expect((await confirm('tax1', 'dept-eco')).statusCode).toBe(404);
    const confirmed = await confirm('tax1', 'dept-amr');
    expect(confirmed.statusCode).toBe(201);
    const list = await h.request({ method: 'GET', url: '/api/v1/attestations?taskId=t1', headers: auth('amr1') });
    expect(list.json().attestations).toContainEqual(
      expect.objectContaining({ id: confirmed.json().id, officerId: 'tax1', purpose: 'signature_refusal', subject: 'dept-amr' }),
    );
    expect((await h.request({ method: 'GET', url: '/api/v1/attestations?taskId=t1', headers: auth('eco1') })).statusCode).toBe(403);
  });

  it('accepts an offline confirmation from a laptop where the confirming officer signed in online before', async () => {
    const id = 't3-dept-amr';
    const laptop = 'shared-laptop';
    await h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tax1', password: PASSWORD, deviceId: laptop } });
    const offline: Attestation = { officerId: 'tax1', at: '2025-05-06T09:21:00.000Z', method: 'offline' };
    const refused = cooperating(id, 'amr2', {
      attachments: [attachment('officer_signature', `${id}-os`, 'c', { signedBy: 'amr2' })],
      signatureRefusal: { markedAt: '2025-05-06T09:20:00.000Z', confirmation: offline },
    });
    expect(await push('amr2', refused, 'another-laptop')).toMatchObject({ status: 'rejected' });
    expect(await push('amr2', refused, laptop)).toMatchObject({ status: 'applied' });
  });

  it('asks both officers of one department present to sign, the second with their own credentials', async () => {
    const id = 'tb1-dept-amr';
    const own = attachment('officer_signature', 'tb1-os-1', 'c', { signedBy: 'amrb1' });
    const second = attachment('officer_signature', 'tb1-os-2', 'f', { signedBy: 'amrb2' });
    expect(
      await push('amrb1', cooperating(id, 'amrb1', { attachments: [attachment('representative_signature', 'rs', 'e'), own] })),
    ).toMatchObject({
      status: 'rejected',
      errors: [expect.stringMatching(/officer amrb2 was present: their officer signature is missing/)],
    });
    const unattested = cooperating(id, 'amrb1', { attachments: [attachment('representative_signature', 'rs', 'e'), own, second] });
    expect(await push('amrb1', unattested)).toMatchObject({ status: 'rejected', errors: [expect.stringMatching(/no attestation/)] });
    const forOtherBytes = await attestation('amrb1', {
      username: 'amrb2',
      taskId: 'tb1',
      purpose: 'officer_signature',
      subject: 'a'.repeat(64),
    });
    const mismatched = cooperating(id, 'amrb1', {
      attachments: [attachment('representative_signature', 'rs', 'e'), own, { ...second, attestation: forOtherBytes }],
    });
    expect(await push('amrb1', mismatched)).toMatchObject({ status: 'rejected', errors: [expect.stringMatching(/did not give for it/)] });
    const vouched = await attestation('amrb1', { username: 'amrb2', taskId: 'tb1', purpose: 'officer_signature', subject: second.sha256 });
    const signed = cooperating(id, 'amrb1', {
      attachments: [attachment('representative_signature', 'rs', 'e'), own, { ...second, attestation: vouched }],
    });
    expect(await push('amrb1', signed)).toMatchObject({ status: 'applied' });
    const { changes } = await h.pullAll(tokens['amrb2']!);
    const task = changes.find((c) => c.collection === 'tasks' && c.id === 'tb1') as { data: { status: string } };
    expect(task.data.status).toBe('completed');
  });

  it('adds a published inspection to the enterprise past inspections, which reach other officers by their next sync', async () => {
    // t3: its AMR section (refusal to sign) and its tax section (closed) are completed above.
    const before = await h.pullAll(tokens['tax1']!);
    expect((await post('sup-a', '/api/v1/review/tasks/t3/approve', {})).statusCode).toBe(200);
    expect((await post('sup-a', '/api/v1/publication/publish', { taskIds: ['t3'] })).statusCode).toBe(200);
    const after = await h.pullAll(tokens['tax1']!, 1000, before.cursor);
    const uscc = fixture.tasks.find((t) => t.id === 't3')!.enterpriseId;
    const profile = after.changes.find((c) => c.collection === 'enterprises' && c.id === uscc) as { data: Enterprise } | undefined;
    expect(profile).toBeDefined();
    const entries = profile!.data.pastInspections.filter((p) => p.taskId === 't3');
    expect(entries).toEqual([
      expect.objectContaining({
        id: 't3-dept-amr',
        departmentId: 'dept-amr',
        resultCategory: 'no_problem_found',
        planName: expect.any(String),
      }),
      expect.objectContaining({ id: 't3-dept-tax', departmentId: 'dept-tax', resultCategory: 'closed_or_liquidating' }),
    ]);
    expect(entries[0]!.inspectedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Public fields only.
    expect(Object.keys(entries[0]!).sort()).toEqual(['departmentId', 'id', 'inspectedOn', 'planName', 'resultCategory', 'taskId']);
    // Kept where the intake's rebuild of the profile reads them: a profile rebuilt from its records still has them.
    await h.database.db.transaction((tx) => rebuildProfiles(tx, [uscc]));
    const [rebuilt] = await queryRows<{ json: string }>(
      h.database.db,
      sql`SELECT profile_json AS json FROM enterprises WHERE uscc = ${uscc}`,
    );
    expect(rebuilt!.json).toBe(JSON.stringify(JSON.parse(rebuilt!.json))); // written by the rebuild (compact)
    expect((JSON.parse(rebuilt!.json) as Enterprise).pastInspections).toEqual(profile!.data.pastInspections);
  });
});
