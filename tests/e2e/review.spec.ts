// Review and publication end to end: a supervisor returns a section, the inspector corrects it in the app, the
// supervisor approves, and the inspection appears in the publication export without internal fields.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ApiError } from '@shared/api/client';
import { publicationExportSchema } from '@shared/api/review';
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { chooseOption } from './support/select';
import { sectionsOfTask, sharedTask } from './support/api';
import { openTask, completeSection } from './support/inspection';
import { completeTaskThroughApi } from './support/review';

async function openReview(page: Page, taskId: string) {
  await page.getByTestId('nav-review').click();
  const row = page.locator(`[data-testid="review-row"][data-task-id="${taskId}"]`);
  await expect(row).toBeVisible();
  return row;
}

async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await expect(page.getByTestId('review-approve')).toBeHidden();
}

test('full review cycle: complete → return with reason → corrected → approve → exported without internal fields', async ({
  browser,
  endpoint,
}) => {
  // Three officers' sessions, each signing in and syncing: more than the default budget on a shared 2-core machine.
  test.setTimeout(240_000);
  const { api: api01, officer: officer01 } = await endpoint.signIn('inspector01');
  const { officer: officer02 } = await endpoint.signIn('inspector02');
  const { api: supervisorApi } = await endpoint.signIn('supervisor01');
  const task = await sharedTask(api01, [officer01.id, officer02.id]);
  const sections = await sectionsOfTask(api01, task.id);
  const section02 = sections.find((s) => s.departmentId === officer02.departmentId)!;
  await completeTaskThroughApi(endpoint, task, sections);

  // The supervisor returns inspector02's section with a reason.
  const supervisor = await (await browser.newContext()).newPage();
  await openApp(supervisor, endpoint.url);
  await signIn(supervisor, 'supervisor01');
  await syncNow(supervisor);
  const row = await openReview(supervisor, task.id);
  await expect(row).toHaveAttribute('data-review-status', 'awaiting_review');
  await row.getByTestId('review-open').click();
  const reason = '现场照片缺失，请补充检查记录';
  await supervisor.locator(`[data-testid="section-return"][data-section-id="${section02.id}"]`).click();
  await supervisor.getByTestId('return-reason-input').fill(reason);
  await supervisor.getByTestId('return-confirm').click();
  await expect(row).toHaveAttribute('data-review-status', 'returned');
  await expect(supervisor.getByTestId('review-approve')).toBeDisabled();
  await closeDrawer(supervisor);

  // The inspector sees the reason in the app and completes the linked correction; the original stays locked.
  const inspector = await (await browser.newContext()).newPage();
  await openApp(inspector, endpoint.url);
  await signIn(inspector, 'inspector02');
  await syncNow(inspector);
  await openTask(inspector, task.id);
  const original = inspector.locator(`[data-testid="section-card"][data-section-id="${section02.id}"]`);
  await expect(original).toHaveAttribute('data-editable', 'false');
  const correction = inspector.locator(`[data-testid="correction-card"][data-department-id="${officer02.departmentId}"]`);
  await expect(correction.getByTestId('return-reason-text')).toHaveText(reason);
  await expect(correction).toHaveAttribute('data-editable', 'true');
  const [firstItem] = section02.checkItemIds;
  await correction.getByTestId(`item-${firstItem}-non_compliant`).click();
  await correction.getByTestId(`item-${firstItem}-note`).fill('补充：灭火器过期，已责令更换');
  await chooseOption(inspector, correction.getByTestId('section-result-category'), '发现问题已责令改正');
  await expect(correction.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
  await completeSection(inspector, correction);
  await expect(correction).toHaveAttribute('data-status', 'completed');
  await syncNow(inspector);
  // The correction starts with the section's evidence: its signatures are the ones already on the endpoint.
  await expect(correction).toHaveAttribute('data-sync-state', 'attachments_verified');
  await expect(correction.getByTestId('attachments-verified')).toHaveAttribute('data-verified', '2');
  await expect(correction.locator('img.signature-image')).toHaveCount(2);

  // Corrected → approved.
  await supervisor.getByTestId('review-refresh').click();
  await expect(row).toHaveAttribute('data-review-status', 'corrected');
  await syncNow(supervisor);
  await row.getByTestId('review-open').click();
  await expect(supervisor.getByTestId('return-reason-text').or(supervisor.getByText(reason))).toBeVisible();
  await supervisor.getByTestId('review-approve').click();
  await expect(row).toHaveAttribute('data-review-status', 'approved');
  await closeDrawer(supervisor);

  // The publication export (from the app's button) has the corrected result and no internal field.
  const download = supervisor.waitForEvent('download');
  await supervisor.getByTestId('export-json').click();
  const file = await (await download).path();
  const text = await readFile(file, 'utf8');
  const list = publicationExportSchema.parse(JSON.parse(text));
  const entry = list.entries.find((e) => e.uscc === task.enterpriseId);
  expect(entry?.departments.map((d) => d.resultCategory).filter((c) => c === 'problem_corrected')).toHaveLength(1);
  expect(entry?.departments).toHaveLength(sections.length);
  for (const internal of ['riskClass', 'lighthouse', '灭火器过期', officer01.id, officer02.id]) expect(text).not.toContain(internal);
  // The same through the endpoint's API.
  const viaApi = await supervisorApi.call('publication.export', { query: { scope: 'publishable' } });
  expect(viaApi.entries.find((e) => e.uscc === task.enterpriseId)).toEqual(entry);
});

test("an inspector's token is refused on the review and publication endpoints", async ({ endpoint }) => {
  const { api } = await endpoint.signIn('inspector01');
  const calls: (() => Promise<unknown>)[] = [
    () => api.call('review.queue'),
    () => api.call('review.approve', { params: { taskId: 'task-0001' } }),
    () => api.call('review.return', { params: { taskId: 'task-0001' }, body: { sectionId: 'task-0001:x', reason: '越权退回' } }),
    () => api.call('publication.publish', { body: { taskIds: ['task-0001'] } }),
    () => api.call('publication.export', { query: { scope: 'all' } }),
  ];
  for (const call of calls) {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
  }
});
