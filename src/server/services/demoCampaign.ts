// The demo campaign, as a newcomer should first see it: a joint plan that runs from a few weeks before the seeding day
// to a few weeks after, drawn by a real, verifiable draw from a published seed source, and worked on since: some
// inspections published (and back in their enterprises' past inspections), some approved, some awaiting review, one
// returned with a reason, some waiting for other departments, some started, some overdue. Everything goes through the
// endpoint's own services (plan, draw, push, review, publication), so the demo obeys the rules a real campaign does.
// Deterministic for a given demo seed and seeding day.
import { eq, inArray } from 'drizzle-orm';
import type { PopulationRequest } from '@shared/api/plans';
import {
  draftSection,
  type AttachmentMeta,
  type Enterprise,
  type InspectionSection,
  type Officer,
  type RiskClass,
} from '@shared/domain/model';
import type { ResultCategory } from '@shared/domain/resultCategories';
import type { Mutation } from '@shared/sync/protocol';
import { drawCount, RISK_CLASSES } from '@shared/draw/entityDraw';
import type { SamplingRatios } from '@shared/draw/schema';
import { DEMO_CHECK_ITEMS, departmentId } from '../demo/catalogue';
import { addCalendarDays, toDayNumber } from '@shared/calendar/dates';
import { INDUSTRIES } from '../demo/enterpriseWords';
import { demoPhotoPng, demoSignaturePng } from '../demo/images';
import { Rng } from '../demo/random';
import type { Database } from '../db/open';
import { enterprises, inspectionSections, inspectionTasks, officers } from '../db/schema';
import { updateById } from '../db/writes';
import { sha256Of, storeAttachment } from './attachments';
import { planPopulation, runPlanDraw } from './draws';
import { createPlan } from './plans';
import { pushMutations } from './push';
import { approveTask, publishTasks, returnSection } from './review';

const DEMO_SUPERVISOR_ID = 'off-supervisor01';
/** inspector01 and inspector02 keep their shared tasks untouched: the first thing a newcomer (and the tests) opens. */
const KEPT_FRESH: readonly string[] = ['off-inspector01', 'off-inspector02'];
const DEPARTMENTS = [departmentId('amr'), departmentId('eco'), departmentId('tax')];
/** Items that concern every enterprise of the population below: no food production items for a cherry cooperative. */
const ITEM_TITLES: Record<string, readonly string[]> = {
  [departmentId('amr')]: ['企业公示信息情况检查', '广告发布行为检查', '强制检定计量器具使用情况检查'],
  [departmentId('eco')]: ['企业环境信息依法披露情况检查', '水污染物排放情况检查'],
  [departmentId('tax')]: ['发票使用管理情况检查', '纳税申报情况检查'],
};
/** The population: enterprises of the industries the environment bureau supervises (market regulation and tax concern all). */
const POPULATION: PopulationRequest = {
  populationFilter: {
    districtCodes: [],
    industries: INDUSTRIES.filter((industry) => industry.departments.includes('eco')).map((industry) => industry.name),
    entityCategories: [],
  },
  departmentIds: DEPARTMENTS,
};
/** About this many tasks, whatever the demo size: the ratios are chosen for it, rising with the risk class. */
const TARGET_TASKS = 240;
const CLASS_WEIGHTS = { A: 1, B: 2, C: 4, D: 8, E: 16 } as const;
const DEVICE = 'demo-seeding';

export interface DemoCampaignOptions {
  seed: string;
  /** The seeding day (YYYY-MM-DD, Asia/Shanghai): every demo date is relative to it. */
  today: string;
}

/** Sampling ratios in percent (two decimals, none 0 %) whose draw (drawCount) takes about TARGET_TASKS from this population. */
export function demoSamplingRatios(population: Record<RiskClass, number>): SamplingRatios {
  const ratios = (k: number) =>
    Object.fromEntries(
      RISK_CLASSES.map((c) => [c, Math.max(0.01, Math.min(100, Math.round(k * CLASS_WEIGHTS[c] * 100) / 100))]),
    ) as SamplingRatios;
  const drawn = (k: number) => RISK_CLASSES.reduce((sum, c) => sum + drawCount(ratios(k)[c], population[c]), 0);
  let low = 0;
  let high = 100;
  for (let i = 0; i < 40; i++) {
    const k = (low + high) / 2;
    if (drawn(k) < TARGET_TASKS) low = k;
    else high = k;
  }
  return ratios(high);
}

/** The 3-digit draw a lottery publishes, as the demo's stand-in for the seed source's value. */
const lotteryValue = (rng: Rng) => [rng.int(0, 9), rng.int(0, 9), rng.int(0, 9)].join(' ');
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;

type Story = 'published' | 'approved' | 'returned' | 'awaiting_review' | 'waiting' | 'started' | 'assigned';

export async function seedDemoCampaign(db: Database, { seed, today }: DemoCampaignOptions): Promise<{ planId: string; tasks: number }> {
  const rng = Rng.from(`${seed}/campaign/${today}`);
  const officerRows = await db
    .select({ id: officers.id, name: officers.name, departmentId: officers.departmentId, unitId: officers.unitId, role: officers.role })
    .from(officers);
  const officerById = new Map<string, Officer>(officerRows.map((o) => [o.id, o]));
  const supervisor = officerById.get(DEMO_SUPERVISOR_ID);
  if (!supervisor) throw new Error(`the demo campaign needs the demo supervisor ${DEMO_SUPERVISOR_ID}`);

  // The plan was made five weeks ago, drawn a week later, and runs from four weeks ago to four weeks ahead.
  const createdOn = addCalendarDays(today, -35);
  const drawnOn = addCalendarDays(today, -28);
  const { byClass } = await planPopulation(db, supervisor, POPULATION);
  const checkItemIds = Object.fromEntries(
    DEPARTMENTS.map((id) => [
      id,
      DEMO_CHECK_ITEMS.filter((item) => item.departmentId === id && ITEM_TITLES[id]!.includes(item.title)).map((item) => item.id),
    ]),
  );
  const year = Number(drawnOn.slice(0, 4));
  // 福彩3D draws every day: the issue number is the day of the year.
  const issue = toDayNumber(drawnOn) - toDayNumber(`${year}-01-01`) + 1;
  const plan = await createPlan(
    db,
    supervisor,
    {
      name: `${year}年度烟台市部门联合双随机抽查（第一批）`,
      departmentIds: DEPARTMENTS,
      checkItemIds,
      populationFilter: POPULATION.populationFilter,
      samplingRatios: demoSamplingRatios(byClass),
      windowStart: addCalendarDays(today, -28),
      windowEnd: addCalendarDays(today, 28),
      teamSize: DEPARTMENTS.length,
      seedSource: `福彩3D ${year}年第${String(issue).padStart(3, '0')}期开奖号码（${drawnOn} 开奖）`,
    },
    new Date(at(createdOn, '10:00')),
    `plan-demo-${drawnOn}`,
  );
  await runPlanDraw(db, supervisor, plan.id, { seedValue: lotteryValue(rng) }, null, new Date(at(drawnOn, '21:30')));

  const tasks = await db.select().from(inspectionTasks).where(eq(inspectionTasks.planId, plan.id)).orderBy(inspectionTasks.id);
  // A real draw cannot promise them a shared task (about one seeding day in 150 gives none): say so rather than seed without.
  if (!tasks.some((t) => KEPT_FRESH.every((id) => t.officerIds.includes(id))))
    throw new Error(`the demo draw gave ${KEPT_FRESH.join(' and ')} no shared task: seed with another demo seed or day`);
  const sections = await db
    .select()
    .from(inspectionSections)
    .where(
      inArray(
        inspectionSections.taskId,
        tasks.map((t) => t.id),
      ),
    );
  const profiles = new Map(
    (
      await db
        .select({ uscc: enterprises.uscc, profile: enterprises.profileJson })
        .from(enterprises)
        .where(
          inArray(
            enterprises.uscc,
            tasks.map((t) => t.enterpriseId),
          ),
        )
    ).map((row) => [row.uscc, JSON.parse(row.profile) as Enterprise]),
  );

  // Who gets which story: the shared tasks of the first two demo logins stay untouched.
  const workable = rng.shuffle(tasks.filter((t) => !KEPT_FRESH.every((id) => t.officerIds.includes(id))));
  const share = (fraction: number) => Math.max(1, Math.round(workable.length * fraction));
  const quota: [Story, number][] = [
    ['published', share(0.12)],
    ['approved', share(0.05)],
    ['returned', 1],
    ['awaiting_review', share(0.1)],
    ['waiting', share(0.08)],
    ['started', share(0.08)],
  ];
  const story = new Map<string, Story>();
  let next = 0;
  for (const [kind, count] of quota) for (let i = 0; i < count && next < workable.length; i++) story.set(workable[next++]!.id, kind);

  // Due dates spread over the window: a visit is planned before the window ends; about a fifth of the untouched are late.
  const windowDays = toDayNumber(plan.windowEnd) - toDayNumber(today);
  const completedOn = new Map<string, string>();
  const dueDates: { id: string; values: [string] }[] = [];
  for (const task of tasks) {
    const kind = story.get(task.id) ?? 'assigned';
    const daysAgo =
      kind === 'published'
        ? rng.int(16, 26)
        : kind === 'approved'
          ? rng.int(7, 14)
          : kind === 'assigned' || kind === 'started'
            ? 0
            : rng.int(1, 6);
    if (kind !== 'assigned' && kind !== 'started') completedOn.set(task.id, addCalendarDays(today, -daysAgo));
    const dueDate =
      kind === 'assigned'
        ? rng.chance(0.2)
          ? addCalendarDays(today, -rng.int(1, 14))
          : addCalendarDays(today, rng.int(1, windowDays))
        : kind === 'started'
          ? addCalendarDays(today, rng.int(0, windowDays))
          : addCalendarDays(completedOn.get(task.id)!, rng.int(0, 10));
    dueDates.push({ id: task.id, values: [dueDate] });
  }
  await db.transaction((tx) => updateById(tx, inspectionTasks, [inspectionTasks.dueDate], dueDates));

  // The officers record their sections through the push, with real signature and photo bytes.
  const mutations = new Map<string, Mutation[]>();
  const queue = (officerId: string, data: InspectionSection) =>
    mutations.set(officerId, [
      ...(mutations.get(officerId) ?? []),
      { mutationId: `demo-${data.id}`, collection: 'sections', id: data.id, baseVersion: data.version, data },
    ]);
  async function attachment(officer: Officer, kind: AttachmentMeta['kind'], label: string, capturedAt: string): Promise<AttachmentMeta> {
    const bytes = Buffer.from(kind === 'photo' ? demoPhotoPng(label) : demoSignaturePng(label));
    const hash = sha256Of(bytes);
    await storeAttachment(db, officer, hash, 'image/png', bytes);
    return { id: `att-demo-${label}`, sha256: hash, size: bytes.length, type: 'image/png', kind, capturedAt };
  }
  const unreachable = new Set(
    workable
      .filter((t) => story.get(t.id) === 'published')
      .slice(0, 2)
      .map((t) => t.id),
  );
  for (const task of tasks) {
    const kind = story.get(task.id) ?? 'assigned';
    if (kind === 'assigned') continue;
    const profile = profiles.get(task.enterpriseId) as Enterprise;
    const day = completedOn.get(task.id) ?? today;
    const taskSections = sections.filter((s) => s.taskId === task.id);
    // A task waiting for others: its first department completed; one started: results only.
    const completing = kind === 'waiting' ? taskSections.slice(0, 1) : kind === 'started' ? [] : taskSections;
    for (const row of taskSections) {
      const officerId = task.officerIds.find((id) => officerById.get(id)?.departmentId === row.departmentId)!;
      const officer = officerById.get(officerId)!;
      const completes = completing.includes(row);
      const noRepresentative = unreachable.has(task.id);
      const problem = !noRepresentative && rng.chance(0.2);
      const category: ResultCategory = noRepresentative ? 'address_unreachable' : problem ? 'problem_corrected' : 'no_problem_found';
      const itemResults = row.checkItemIds.map((checkItemId, i) => ({
        checkItemId,
        outcome: noRepresentative ? ('not_applicable' as const) : problem && i === 0 ? ('non_compliant' as const) : ('compliant' as const),
        note: problem && i === 0 && !noRepresentative ? '台账记录不全，已当场责令改正' : '',
      }));
      const base = draftSection(
        { id: row.id, taskId: row.taskId, departmentId: row.departmentId, checkItemIds: row.checkItemIds },
        row.version,
      );
      if (!completes) {
        queue(officerId, { ...base, itemResults: itemResults.slice(0, 1), status: 'draft' });
        continue;
      }
      const label = `${row.id}`;
      const signedAt = at(day, '10:20');
      const attachments = [
        ...(noRepresentative ? [await attachment(officer, 'photo', `${label}-door`, at(day, '09:40'))] : []),
        ...(noRepresentative ? [] : [await attachment(officer, 'representative_signature', `${label}-rep`, signedAt)]),
        { ...(await attachment(officer, 'officer_signature', `${label}-${officerId}`, signedAt)), signedBy: officerId },
      ];
      queue(officerId, {
        ...base,
        itemResults,
        resultCategory: category,
        status: 'completed',
        completedBy: officerId,
        completedAt: at(day, '10:30'),
        checkIn: {
          at: at(day, '09:30'),
          location: profile.location,
          accuracyM: 12,
          place: profile.address,
          source: 'device',
          locationSource: 'device',
        },
        teamPresent: task.officerIds,
        representativeName: noRepresentative ? '' : profile.legalRepresentative,
        findings: noRepresentative ? '登记住所大门紧锁，门口张贴“暂停营业”告示，电话无人接听，周边商户称已多日未见营业' : '',
        attachments,
      });
    }
  }
  for (const [officerId, batch] of mutations) {
    const { results } = await pushMutations(db, officerById.get(officerId)!, { deviceId: DEVICE, mutations: batch });
    const refused = results.filter((r) => r.status !== 'applied');
    if (refused.length > 0) throw new Error(`the demo campaign broke the rules: ${JSON.stringify(refused.slice(0, 3))}`);
  }

  // The supervisor's part: approvals, one return with its reason, publication.
  const byStory = (kind: Story) => tasks.filter((t) => story.get(t.id) === kind).map((t) => t.id);
  for (const taskId of [...byStory('approved'), ...byStory('published')]) await approveTask(db, supervisor, taskId, null);
  const published = byStory('published');
  if (published.length > 0) await publishTasks(db, supervisor, published, null);
  for (const taskId of byStory('returned')) {
    const [first] = sections.filter((s) => s.taskId === taskId);
    await returnSection(
      db,
      supervisor,
      taskId,
      {
        sectionId: first!.id,
        reason: '企业公示信息检查缺少现场照片，请补充照片后重新提交',
      },
      null,
    );
  }
  return { planId: plan.id, tasks: tasks.length };
}
