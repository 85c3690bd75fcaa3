// The newcomer's path through the walking skeleton, in a real browser against a real endpoint.
import { test, expect, openApp, signIn, syncNow, signedInAndSynced } from './support/fixtures';
import { sectionsOfTask, serverSection, sharedTask } from './support/api';
import {
  completeSection,
  fillSection,
  inspectAndComplete,
  openMySection,
  openTask,
  recordEvidence,
  sectionCard,
} from './support/inspection';

test('an inspector records their section offline, reloads, completes it and it reaches the endpoint', async ({
  page,
  context,
  endpoint,
}) => {
  const { api: api01, me, mySection, card } = await openMySection(page, endpoint);
  await expect(card).toHaveAttribute('data-editable', 'true');
  await fillSection(page, mySection, '消防通道堵塞，已当场责令改正');
  await recordEvidence(page, mySection);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  const [firstItem] = mySection.checkItemIds;
  await expect(card.getByTestId(`item-${firstItem}-non_compliant`)).toBeChecked();
  await expect(card.getByTestId(`item-${firstItem}-note`)).toHaveValue('消防通道堵塞，已当场责令改正');

  await completeSection(page, card);
  await expect(card).toHaveAttribute('data-status', 'completed');
  await expect(card).toHaveAttribute('data-editable', 'false');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  await context.setOffline(false);
  await syncNow(page);
  await expect(card).toHaveAttribute('data-sync-state', 'attachments_verified');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');

  const stored = await serverSection(api01, mySection.id);
  expect(stored.status).toBe('completed');
  expect(stored.completedBy).toBe(me.id);
  expect(stored.resultCategory).toBe('problem_corrected');
  expect(stored.itemResults).toEqual([
    { checkItemId: firstItem, outcome: 'non_compliant', note: '消防通道堵塞，已当场责令改正' },
    ...mySection.checkItemIds.slice(1).map((checkItemId) => ({ checkItemId, outcome: 'compliant', note: '' })),
  ]);
});

test('officers of two departments complete their own sections of one task without conflict', async ({ browser, endpoint }) => {
  // Two full sessions, each recording its evidence: twice the work of one.
  test.slow();
  const { api: api01, officer: officer01 } = await endpoint.signIn('inspector01');
  const { officer: officer02 } = await endpoint.signIn('inspector02');
  const task = await sharedTask(api01, [officer01.id, officer02.id]);
  const sections = await sectionsOfTask(api01, task.id);

  for (const [username, officer] of [
    ['inspector01', officer01],
    ['inspector02', officer02],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openApp(page, endpoint.url);
    await signIn(page, username);
    await syncNow(page);
    await openTask(page, task.id);
    const section = sections.find((s) => s.departmentId === officer.departmentId)!;
    await inspectAndComplete(page, section, `${username} 发现的问题`);
    await syncNow(page);
    await expect(sectionCard(page, officer.departmentId)).toHaveAttribute('data-sync-state', 'attachments_verified');
    await context.close();
  }

  for (const officer of [officer01, officer02]) {
    const stored = await serverSection(api01, sections.find((s) => s.departmentId === officer.departmentId)!.id);
    expect(stored.status).toBe('completed');
    expect(stored.completedBy).toBe(officer.id);
  }
});

test("an officer cannot edit another department's section", async ({ page, endpoint }) => {
  const { api: api01, officer: officer01 } = await endpoint.signIn('inspector01');
  const { officer: officer02 } = await endpoint.signIn('inspector02');
  const task = await sharedTask(api01, [officer01.id, officer02.id]);
  const foreign = (await sectionsOfTask(api01, task.id)).find((s) => s.departmentId === officer02.departmentId)!;

  await signedInAndSynced(page, endpoint.url);
  await openTask(page, task.id);
  const card = sectionCard(page, officer02.departmentId);
  await expect(card).toHaveAttribute('data-editable', 'false');
  await expect(card.getByTestId(`item-${foreign.checkItemIds[0]}-compliant`)).toBeDisabled();
  await expect(card.getByTestId('section-complete')).toHaveCount(0);

  // A tampered client that pushes anyway is refused by the endpoint, and nothing changes there.
  const answer = await api01.call('sync.push', {
    body: {
      deviceId: 'tampered-client',
      mutations: [
        {
          mutationId: 'tampered-mutation-0001',
          collection: 'sections',
          id: foreign.id,
          baseVersion: foreign.version,
          data: { ...foreign, itemResults: [{ checkItemId: foreign.checkItemIds[0]!, outcome: 'compliant', note: '' }] },
        },
      ],
    },
  });
  expect(answer.results[0]?.status).toBe('rejected');
  expect(await serverSection(api01, foreign.id)).toEqual(foreign);
});
