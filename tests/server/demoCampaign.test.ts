// The demo campaign a newcomer first sees: drawn for real (draw:verify agrees), dated from the seeding day, with tasks in
// every state, check items that fit the population, and the same campaign for the same seed and day.
import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { verifyDrawFile } from '@shared/draw/draw';
import type { Enterprise } from '@shared/domain/model';
import { estimateDraw } from '@shared/draw/estimate';
import { DEMO_CHECK_ITEMS } from '../../src/server/demo/catalogue';
import { INDUSTRIES } from '../../src/server/demo/enterpriseWords';
import {
  checkItems,
  drawRecords,
  enterprises,
  inspectionPlans,
  inspectionSections,
  inspectionTasks,
  sectionCorrections,
} from '../../src/server/db/schema';
import type { Database } from '../../src/server/db/open';
import { seedDemo } from '../../src/server/services/demo';
import { demoSamplingRatios } from '../../src/server/services/demoCampaign';
import { describeEachDriver, type DatabaseFactory } from './support/drivers';
import { hashOnce } from './support/harness';

const TODAY = '2026-12-05';
const KEPT_FRESH = ['off-inspector01', 'off-inspector02'];

async function seededCampaign(fresh: DatabaseFactory): Promise<Database> {
  const database = await (await fresh()).open();
  await seedDemo(database.db, { seed: 'campaign-test', enterpriseCount: 1500, today: TODAY }, undefined, hashOnce);
  return database.db;
}

it('chooses sampling ratios that rise with the risk class, none 0 %, for about 240 tasks', () => {
  const population = { A: 4000, B: 3000, C: 1500, D: 300, E: 60 };
  const ratios = demoSamplingRatios(population);
  expect(ratios.A).toBeGreaterThanOrEqual(0.01);
  expect(ratios.A).toBeLessThan(ratios.B);
  expect(ratios.B).toBeLessThan(ratios.C);
  expect(ratios.E).toBeLessThanOrEqual(100);
  // What the draw takes with these ratios (its own rounding, as the plan page estimates it).
  const { tasks } = estimateDraw({
    population,
    samplingRatios: ratios,
    teamSize: 3,
    inspectorsByDepartment: {},
    workingDays: 40,
    capacityPerWorkingDay: 1,
  });
  expect(tasks).toBeGreaterThan(200);
  expect(tasks).toBeLessThan(280);
});

describeEachDriver('the demo campaign', (fresh) => {
  let db: Database;
  beforeAll(async () => {
    db = await seededCampaign(fresh);
  }, 240_000);

  it('is one plan drawn from a published seed source, and its draw file verifies', async () => {
    const plans = await db.select().from(inspectionPlans);
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan!.seedSource).toMatch(/^福彩3D \d{4}年第\d{3}期开奖号码/);
    expect(plan).toMatchObject({ windowStart: '2026-11-07', windowEnd: '2027-01-02' });
    const [record] = await db.select().from(drawRecords).where(eq(drawRecords.planId, plan!.id));
    expect(record).toBeDefined();
    const verification = verifyDrawFile(record!.file);
    expect(verification).toMatchObject({ identical: true, assignmentsDiffer: false });
    const tasks = await db.select().from(inspectionTasks);
    expect(tasks.length).toBe(record!.file.result.assignments.length);
  });

  it('has tasks in every state, dated from the seeding day', async () => {
    const tasks = await db.select().from(inspectionTasks);
    const review = (status: string) => tasks.filter((t) => t.reviewStatus === status).length;
    for (const status of ['published', 'approved', 'awaiting_review', 'returned']) expect(review(status), status).toBeGreaterThan(0);
    expect(review('returned')).toBe(1);
    const [correction] = await db.select().from(sectionCorrections);
    expect(correction!.returnReason).toMatch(/照片/);
    const inProgress = tasks.filter((t) => t.status === 'in_progress');
    expect(inProgress.length).toBeGreaterThan(0);
    const sections = await db.select().from(inspectionSections);
    const waiting = inProgress.filter((t) => sections.some((s) => s.taskId === t.id && s.status === 'completed'));
    expect(waiting.length).toBeGreaterThan(0);
    const assigned = tasks.filter((t) => t.status === 'assigned');
    const overdue = assigned.filter((t) => t.dueDate < TODAY);
    expect(overdue.length).toBeGreaterThan(0);
    // Most untouched tasks are still ahead: a campaign in its middle, not one two thirds late.
    expect(overdue.length).toBeLessThan(assigned.length / 3);
    // Published inspections are back in their enterprises' past inspections.
    const published = tasks.filter((t) => t.reviewStatus === 'published');
    const [profile] = await db.select().from(enterprises).where(eq(enterprises.uscc, published[0]!.enterpriseId));
    const pastInspections = (JSON.parse(profile!.profileJson) as Enterprise).pastInspections;
    expect(pastInspections.some((p) => p.taskId === published[0]!.id)).toBe(true);
    expect(profile!.pastInspections).toEqual(pastInspections);
    // Completed sections carry real, hash-addressed signatures.
    const completed = sections.find((s) => s.status === 'completed')!;
    expect(completed.attachments.some((a) => a.kind === 'officer_signature' && a.signedBy === completed.completedBy)).toBe(true);
  });

  it('inspects only enterprises its check items fit', async () => {
    const eco = new Set(INDUSTRIES.filter((i) => i.departments.includes('eco')).map((i) => i.name));
    const tasks = await db.select({ enterpriseId: inspectionTasks.enterpriseId }).from(inspectionTasks);
    const rows = await db.select({ uscc: enterprises.uscc, industry: enterprises.industry }).from(enterprises);
    const industry = new Map(rows.map((r) => [r.uscc, r.industry]));
    expect(tasks.every((t) => eco.has(industry.get(t.enterpriseId)!))).toBe(true);
    const [plan] = await db.select().from(inspectionPlans);
    const titles = new Map((await db.select({ id: checkItems.id, title: checkItems.title }).from(checkItems)).map((c) => [c.id, c.title]));
    const planned = Object.values(plan!.checkItemIds).flat();
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.filter((id) => !titles.has(id))).toEqual([]);
    // The catalogue has food items: the plan leaves them out.
    expect(DEMO_CHECK_ITEMS.some((item) => /食品/.test(item.title))).toBe(true);
    expect(planned.some((id) => /food|食品/.test(titles.get(id)!))).toBe(false);
  });

  it('leaves inspector01 and inspector02 a shared task untouched (the first thing a newcomer opens)', async () => {
    const tasks = await db.select().from(inspectionTasks);
    const shared = tasks.filter((t) => KEPT_FRESH.every((id) => t.officerIds.includes(id)));
    expect(shared.length).toBeGreaterThan(0);
    for (const task of shared) expect(task).toMatchObject({ status: 'assigned', reviewStatus: null });
  });

  it('is the same campaign for the same seed and seeding day', async () => {
    const again = await seededCampaign(fresh);
    const summary = async (d: Database) =>
      (await d.select().from(inspectionTasks).orderBy(inspectionTasks.id)).map((t) => [
        t.id,
        t.officerIds,
        t.dueDate,
        t.status,
        t.reviewStatus,
      ]);
    const [first, second] = [await db.select().from(drawRecords), await again.select().from(drawRecords)];
    expect(second[0]!.outputHash).toBe(first[0]!.outputHash);
    expect(await summary(again)).toEqual(await summary(db));
  }, 240_000);
});
