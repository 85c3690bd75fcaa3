// The header's sync indicator: progress in records and bytes while pulling, then up to date; the automatic interval.
import { test, expect, openApp, signIn } from './support/fixtures';

test("the header shows a first sync's progress in records and bytes against the server's total, then up to date", async ({
  page,
  endpoint,
}) => {
  // Hold the second pull page until the progress of the first has been checked.
  const queries: string[] = [];
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/sync/pull?**', async (route) => {
    queries.push(route.request().url());
    if (queries.length > 1) await held;
    await route.continue();
  });
  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');

  const indicator = page.getByTestId('sync-indicator');
  await expect(page.getByTestId('sync-progress')).toBeVisible();
  await expect.poll(async () => Number(await indicator.getAttribute('data-pulled'))).toBeGreaterThan(0);
  const expected = Number(await indicator.getAttribute('data-expected'));
  const pulled = Number(await indicator.getAttribute('data-pulled'));
  expect(expected).toBeGreaterThan(pulled);
  expect(Number(await indicator.getAttribute('data-bytes'))).toBeGreaterThan(pulled * 100);
  await expect(page.getByTestId('sync-progress')).toContainText(`${pulled} / ${expected}`);
  // The server counts once per round, on the first page.
  await expect.poll(() => queries.length).toBe(2);
  expect(queries.map((url) => new URL(url).searchParams.get('remaining'))).toEqual(['1', null]);
  release();

  await expect(indicator).toHaveAttribute('data-kind', 'up_to_date');
  await expect(page.getByTestId('sync-progress')).toHaveCount(0);
  // The table draws its rows interruptibly, just after the data arrived: wait until it shows the latest before counting.
  await expect(page.locator('[data-testid="task-list-keys"][data-current="true"]')).toBeAttached();
  await expect(page.getByTestId('task-row').first()).toBeVisible();
  expect(await page.getByTestId('task-row').count()).toBeGreaterThan(0);
});

test('syncs by itself on the interval the officer chose', async ({ page, endpoint }) => {
  await page.clock.install();
  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'done');
  const first = await status.getAttribute('data-last-synced');

  // The choice is made again until the control shows it: a click can be lost while the menu is still opening.
  const interval = page.getByTestId('sync-interval');
  await expect(async () => {
    if ((await interval.getAttribute('data-minutes')) === '5') return;
    const item = page.getByRole('menuitem', { name: '每 5 分钟' });
    if (!(await item.isVisible())) await interval.click();
    await item.click({ timeout: 5_000 });
    await expect(interval).toHaveAttribute('data-minutes', '5', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await page.clock.fastForward('04:00');
  expect(await status.getAttribute('data-last-synced')).toBe(first);
  await page.clock.fastForward('01:10');
  await expect.poll(() => status.getAttribute('data-last-synced')).not.toBe(first);
  await expect(status).toHaveAttribute('data-state', 'done');
});
