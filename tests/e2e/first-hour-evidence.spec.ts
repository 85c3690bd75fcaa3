// What a new supervisor and a new inspector meet first: a demo campaign in motion and drawn for real, a review drawer
// that shows every section's evidence, tasks that say what they wait for, a signature pad that behaves, and a
// completion that says what is missing where the officer looks and asks before it locks.
import { spawnSync } from 'node:child_process';
import { test, expect, signedInAndSynced } from './support/fixtures';
import { downloadJsonFile } from './support/plans';
import { completeSection, fillSection, openMySection, recordEvidence } from './support/inspection';

test('the demo campaign: drawn from a published seed source, with tasks in every state on the dashboard and the review page', async ({
  page,
  endpoint,
}, testInfo) => {
  test.slow();
  const { api } = await endpoint.signIn('supervisor01');
  const progress = await api.call('review.progress');
  for (const status of ['assigned', 'in_progress', 'completed'] as const) expect(progress.byStatus[status], status).toBeGreaterThan(0);
  for (const status of ['awaiting_review', 'returned', 'approved', 'published'] as const) {
    expect(progress.byReviewStatus[status], status).toBeGreaterThan(0);
  }

  await signedInAndSynced(page, endpoint.url, 'supervisor01');
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('stat-completed')).toHaveAttribute('data-value', String(progress.byStatus.completed));
  const chart = page.getByTestId('chart-status');
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  const series = JSON.parse((await chart.getAttribute('data-series')) ?? '{}') as Record<string, number>;
  expect(Object.values(series).every((count) => count > 0)).toBe(true);

  // The plan was drawn for real: the plan page shows the draw, offers none, and its file verifies.
  const [plan] = (await api.call('plans.list')).plans;
  expect(plan!.seedSource).toMatch(/^福彩3D/);
  await page.getByTestId('nav-plans').click();
  await page.locator(`[data-testid="plan-row"][data-plan-id="${plan!.id}"]`).click();
  await expect(page.getByTestId('draw-result')).toBeVisible();
  await expect(page.getByTestId('run-draw')).toHaveCount(0);
  const drawFile = await downloadJsonFile(page, 'download-draw-file');
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-draw.ts', drawFile.path], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toContain('IDENTICAL');

  // The review page lists every review state, and the inspections still waiting for other departments.
  await page.getByTestId('nav-review').click();
  for (const status of ['awaiting_review', 'returned', 'approved', 'published']) {
    await expect(page.locator(`[data-testid="review-row"][data-review-status="${status}"]`).first()).toBeAttached();
  }
  await expect(page.getByTestId('review-waiting-row').first()).toBeVisible();
  await expect(page.getByTestId('review-waiting-row').first().getByTestId('waiting-for')).toContainText('等待');
  await testInfo.attach('review page', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('the review drawer shows every section’s signatures and photos, downloaded and hash-checked, and what a task waits for', async ({
  page,
  endpoint,
}, testInfo) => {
  test.slow();
  const { api } = await endpoint.signIn('supervisor01');
  const queue = await api.call('review.queue', { query: { status: 'awaiting_review' } });
  const item = queue.items[0]!;
  await signedInAndSynced(page, endpoint.url, 'supervisor01');
  await page.getByTestId('nav-review').click();
  await page.locator(`[data-testid="review-row"][data-task-id="${item.task.id}"]`).getByTestId('review-open').click();
  const drawer = page.getByTestId('review-drawer');
  await expect(drawer).toHaveAttribute('data-attachment-downloads', 'done');
  const cards = drawer.getByTestId('section-card');
  await expect(cards).toHaveCount(item.task.departmentIds.length);
  for (const card of await cards.all()) {
    // The officers' and the representative's signatures are images here, not just ticks.
    await expect(card.locator('[data-testid^="signature-officer-"] img.signature-image')).toHaveCount(1);
    await expect(card.locator('[data-testid="signature-representative_signature"] img.signature-image')).toHaveCount(1);
  }
  await testInfo.attach('review drawer', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await page.locator('.ant-drawer-close').click();

  // A task some departments completed and others not says whom it waits for, in the drawer, the task list and the map.
  const waiting = page.getByTestId('review-waiting-row').first();
  const waitingTaskId = await waiting.getAttribute('data-task-id');
  const waitingEnterprise = await waiting.getByTestId('review-waiting-open').innerText();
  await waiting.getByTestId('review-waiting-open').click();
  await expect(drawer.getByTestId('waiting-for')).toBeVisible();
  await testInfo.attach('review drawer, waiting for other departments', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  await page.locator('.ant-drawer-close').click();
  await page.getByTestId('nav-tasks').click();
  await page.getByTestId('task-search').locator('input').fill(waitingEnterprise);
  await expect(page.locator(`[data-testid="task-row"][data-task-id="${waitingTaskId}"]`).getByTestId('waiting-for')).toBeVisible();
  await page.getByTestId('nav-map').click();
  await expect(page.getByTestId('map-waiting')).toBeVisible();
  await page.getByTestId('map-waiting').click();
  await expect(page.getByTestId('cluster-list').getByTestId('waiting-for').first()).toBeVisible();
});

test('the signature pad selects no page text while drawing, and the saved signature replaces it, with re-sign', async ({
  page,
  endpoint,
}) => {
  const { card } = await openMySection(page, endpoint);
  const pad = card.getByTestId('sign-officer_signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  // A stroke that starts on the pad and leaves it over the page's text.
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 40, box.y + box.height / 2 - i * 30, { steps: 3 });
  await page.mouse.move(box.x - 200, box.y - 300, { steps: 5 });
  await page.mouse.up();
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');

  await card.getByTestId('sign-officer_signature-save').click();
  const saved = card.getByTestId('sign-officer_signature-saved');
  await expect(saved.locator('img.signature-image')).toBeVisible();
  await expect(pad).toHaveCount(0);
  await expect(card.getByTestId('signature-officer_signature')).not.toContainText('请先在框内签名');
  await saved.getByTestId('sign-officer_signature-resign').click();
  await expect(card.getByTestId('sign-officer_signature-pad')).toBeVisible();
  await card.getByTestId('sign-officer_signature-cancel').click();
  await expect(card.getByTestId('sign-officer_signature-saved')).toBeVisible();
});

test('completion shows what is missing where the officer looks, and asks before it locks, naming what will lock', async ({
  page,
  endpoint,
}) => {
  const { mySection, card } = await openMySection(page, endpoint);
  await card.getByTestId('section-complete').click();
  await expect(card.getByTestId('section-problems')).toBeInViewport();

  await fillSection(page, mySection, '消防通道堵塞，已当场责令改正');
  await recordEvidence(page, mySection);
  await card.getByTestId('section-complete').click();
  const content = page.getByTestId('complete-confirm-content');
  await expect(content).toContainText('锁定');
  await expect(content).toContainText(`检查事项结果：${mySection.checkItemIds.length} 项`);
  await expect(content).toContainText('发现问题已责令改正');
  await page.getByTestId('complete-cancel').click();
  await expect(card).toHaveAttribute('data-status', 'draft');
  await expect(card).toHaveAttribute('data-editable', 'true');
  await completeSection(page, card);
});
