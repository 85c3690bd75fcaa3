// The supervisor's dashboard shows exactly the endpoint's figures (computed there from the database, here from the
// records synced to the browser).
import { districtName } from '@shared/domain/districts';
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { sectionsOfTask, sharedTask } from './support/api';
import { completeTaskThroughApi } from './support/review';

test('the dashboard numbers equal the endpoint data', async ({ page, endpoint }) => {
  const { api: api01, officer: officer01 } = await endpoint.signIn('inspector01');
  const { officer: officer02 } = await endpoint.signIn('inspector02');
  const task = await sharedTask(api01, [officer01.id, officer02.id]);
  await completeTaskThroughApi(endpoint, task, await sectionsOfTask(api01, task.id));
  const { api: supervisorApi } = await endpoint.signIn('supervisor01');
  const expected = await supervisorApi.call('review.progress');
  expect(expected.byStatus.completed).toBeGreaterThanOrEqual(1);

  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  await syncNow(page);
  await page.getByTestId('nav-dashboard').click();
  const value = (key: string) => page.getByTestId(`stat-${key}`);
  await expect(value('total')).toHaveAttribute('data-value', String(expected.total));
  await expect(value('completed')).toHaveAttribute('data-value', String(expected.byStatus.completed));
  await expect(value('awaitingReview')).toHaveAttribute(
    'data-value',
    String(expected.byReviewStatus.awaiting_review + expected.byReviewStatus.corrected),
  );
  await expect(value('overdue')).toHaveAttribute('data-value', String(expected.overdueForPublication));

  const series = async (testId: string) => {
    const chart = page.getByTestId(testId);
    await expect(chart).toHaveAttribute('data-rendered', 'true');
    return JSON.parse((await chart.getAttribute('data-series')) ?? '{}') as Record<string, number>;
  };
  expect(Object.values(await series('chart-status'))).toEqual(Object.values(expected.byStatus));
  expect(await series('chart-district')).toEqual(
    Object.fromEntries(expected.byDistrict.map((d) => [districtName(d.districtCode), d.total])),
  );
  expect(Object.values(await series('chart-department'))).toEqual(expected.byDepartment.map((d) => d.completed));
  expect(Object.values(await series('chart-results'))).toEqual(expected.resultCategories.map((r) => r.count));
  // Ten a page: the demo campaign has more awaiting publication than fit on one.
  const pending = page.getByTestId('pending-publication');
  const count = expected.pendingPublication.length;
  await expect(pending.locator('tbody tr.ant-table-row')).toHaveCount(Math.min(count, 10));
  const pages = pending.locator('xpath=ancestor-or-self::div[contains(@class, "ant-table-wrapper")]').locator('.ant-pagination-item');
  if (count > 10) await expect(pages.last()).toHaveText(String(Math.ceil(count / 10)));
});
