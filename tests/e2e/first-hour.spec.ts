// What a new supervisor and a new inspector meet in their first hour: a draw whose size is known before it runs, a
// draw result one can search, download hints that say what each file holds.
import { test, expect, firstSyncDone, openApp, signIn, syncNow, signedInAndSynced } from './support/fixtures';
import { chooseOption, chooseOptions } from './support/select';
import { enterpriseOf, myPartOfSharedTask, sectionsOfTask, sharedTask } from './support/api';
import { openTask, sectionCard } from './support/inspection';
import { completeTaskThroughApi } from './support/review';

test('a plan and its draw confirmation tell the population per risk class, the tasks and the load, and warn above capacity', async ({
  page,
  endpoint,
}, testInfo) => {
  test.slow();
  await signedInAndSynced(page, endpoint.url, 'supervisor01');
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('plan-new').click();
  await page.getByTestId('plan-name').fill('2026年芝罘区市场监管专项抽查');
  await chooseOptions(page, page.getByTestId('plan-districts'), ['芝罘区']);
  await page.getByTestId('plan-seed-source').fill('福彩3D 2026年第300期开奖号码');

  // The form's estimate is the endpoint's population under the plan's ratios.
  const { api } = await endpoint.signIn('supervisor01');
  const population = await api.call('plans.population', {
    body: { populationFilter: { districtCodes: ['370602'] }, departmentIds: ['dept-amr'] },
  });
  const estimate = page.getByTestId('draw-estimate');
  await expect(estimate).toHaveAttribute('data-state', 'ready');
  await expect(estimate).toHaveAttribute('data-population', String(Object.values(population.byClass).reduce((a, b) => a + b, 0)));
  for (const riskClass of ['A', 'D', 'E'])
    await expect(estimate.locator('tr', { has: page.locator(`[data-risk-class="${riskClass}"]`) })).toContainText(
      String(population.byClass[riskClass as 'A']),
    );
  const tasks = Number(await estimate.getAttribute('data-tasks'));
  expect(tasks).toBeGreaterThan(0);
  await expect(page.getByTestId('estimate-load')).toContainText(`${population.inspectorsByDepartment['dept-amr']} 名检查人员`);

  // The capacity is the supervisor's setting: below the load the form warns, above it the warning goes.
  const capacity = page.locator('[data-testid="estimate-capacity"] input, input[data-testid="estimate-capacity"]').first();
  await capacity.fill('0.1');
  await capacity.blur();
  await expect(page.getByTestId('estimate-over-capacity')).toBeVisible();
  await capacity.fill('10');
  await capacity.blur();
  await expect(page.getByTestId('estimate-over-capacity')).toHaveCount(0);
  await capacity.fill('0.1');
  await capacity.blur();
  await expect(page.getByTestId('estimate-over-capacity')).toBeVisible();

  await page.getByTestId('plan-submit').click();
  await expect(page.getByTestId('plan-page')).toBeVisible();
  const planId = await page.getByTestId('plan-page').getAttribute('data-plan-id');

  // The draw confirmation says the same before anything is recorded.
  await page.getByTestId('seed-value').fill('2 7 9');
  await page.getByTestId('run-draw').click();
  await expect(page.getByTestId('draw-confirmation')).toBeVisible();
  const confirmation = page.locator('.ant-modal', { has: page.getByTestId('draw-confirmation') });
  await expect(confirmation.getByTestId('draw-estimate')).toHaveAttribute('data-tasks', String(tasks));
  await expect(confirmation.getByTestId('estimate-over-capacity')).toBeVisible();
  await testInfo.attach('plan-draw-confirmation', {
    body: await confirmation.locator('.ant-modal-container, .ant-modal-content').first().screenshot(),
    contentType: 'image/png',
  });
  await page.getByTestId('run-draw-confirm').click();
  const result = page.getByTestId('draw-result');
  await expect(result).toHaveAttribute('data-drawn-count', String(tasks));

  // The result is searched by an officer's user name or name, not paged through.
  const draw = await api.call('draws.get', { params: { planId: planId! } });
  const officer = draw.teams[0]!.officers[1]!;
  const theirs = draw.teams.filter((t) => t.officers.some((o) => o.id === officer.id));
  await page.getByTestId('draw-team-search').locator('input').fill(officer.username);
  await expect(page.getByTestId('draw-team-count')).toHaveAttribute('data-count', String(theirs.length));
  await expect(page.getByTestId('draw-team')).toHaveCount(Math.min(theirs.length, 50));
  await expect(page.getByTestId('draw-team').first()).toContainText(officer.username);
  await page.getByTestId('draw-team-search').locator('input').fill(officer.name);
  await expect(page.getByTestId('draw-team-count')).toHaveAttribute('data-count', String(theirs.length));

  // Each download says what it holds: the draw file is internal, for auditors; the publicity file is public fields.
  await expect(page.getByTestId('draw-file-hint')).toContainText('内部文件，仅供核验和审计人员使用');
  await expect(page.getByTestId('draw-file-hint')).toContainText('信用风险分类');
  await expect(page.getByTestId('publicity-hint')).toContainText('不含风险分类');
  await expect(page.getByTestId('publicity-hint')).toContainText('区市名称');

  // The plan list names the draw once, with its size.
  await page.getByTestId('nav-plans').click();
  await expect(page.locator(`[data-testid="plan-row"][data-plan-id="${planId}"]`)).toContainText(`已抽取 ${tasks} 户`);

  // The drawn tasks are new since the last sync: marked, first in the list though due last, and found by their plan.
  await syncNow(page);
  await page.getByTestId('nav-tasks').click();
  const firstRow = page.getByTestId('task-row').first();
  await expect(firstRow).toHaveAttribute('data-new', 'true');
  await expect(firstRow.getByTestId('task-new')).toBeVisible();
  await expect(firstRow).toContainText('2026年芝罘区市场监管专项抽查');
  await expect(page.locator('[data-testid="task-row"][data-new="true"]')).toHaveCount(Math.min(tasks, 100));
  await chooseOption(page, page.getByTestId('filter-plan'), '2026年芝罘区市场监管专项抽查');
  await expect(page.getByTestId('task-list-keys')).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('task-row')).toHaveCount(Math.min(tasks, 100));
  await expect(page.locator('[data-testid="task-row"][data-new="false"]')).toHaveCount(0);

  // This browser is named in the device list by its system, browser and app version.
  await page.getByTestId('nav-devices').click();
  const thisDevice = page.locator('[data-testid="device-row"][data-this-device="true"]');
  await expect(thisDevice.getByTestId('device-name')).toContainText('Chrome');
  await expect(thisDevice.getByTestId('device-system')).toContainText(/应用 \d+\.\d+\.\d+/);
});

test('an inspector’s first sync says it is under way; keyboard entry never types the next item’s key into a note; the header and the section agree on the status', async ({
  page,
  endpoint,
}) => {
  test.slow();
  const { task, mySection } = await myPartOfSharedTask(endpoint);
  expect(mySection.checkItemIds.length).toBeGreaterThanOrEqual(3);
  await openApp(page, endpoint.url);
  // The first pull (the sync that follows the sign-in) is held until the empty list has been read.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/sync/pull**', async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, 'inspector01');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'syncing');
  await expect(page.getByTestId('task-list-empty')).toContainText('正在首次同步');
  release();
  await firstSyncDone(page);
  await page.unroute('**/api/v1/sync/pull**');
  await openTask(page, task.id);

  const card = sectionCard(page, mySection.departmentId);
  const [first, second, third] = mySection.checkItemIds as [string, string, string];
  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'assigned');
  await expect(card.getByTestId('section-stage')).toHaveAttribute('data-status', 'assigned');
  // The hint names the choices in their own words and says what Enter and Tab do in a note.
  const hint = card.locator('.category-hint').first();
  await expect(hint).toContainText('3 不适用');
  await expect(hint).not.toContainText('不涉及');
  await expect(hint).toContainText('Enter 或 Tab');

  await card.getByTestId(`item-${first}`).focus();
  await page.keyboard.press('2');
  await expect(card.getByTestId(`item-${first}-note`)).toBeFocused();
  await page.keyboard.type('灭火器过期');
  await page.keyboard.press('Enter');
  await expect(card.getByTestId(`item-${second}`)).toBeFocused();
  await page.keyboard.press('1');
  await expect(card.getByTestId(`item-${third}`)).toBeFocused();
  await page.keyboard.press('2');
  await page.keyboard.type('台账不全');
  await page.keyboard.press('Tab');
  const fourth = mySection.checkItemIds[3];
  if (fourth) {
    await expect(card.getByTestId(`item-${fourth}`)).toBeFocused();
    await page.keyboard.press('3');
    await expect(card.getByTestId(`item-${fourth}-not_applicable`)).toBeChecked();
  }
  await expect(card.getByTestId(`item-${first}-note`)).toHaveValue('灭火器过期');
  await expect(card.getByTestId(`item-${second}-compliant`)).toBeChecked();
  await expect(card.getByTestId(`item-${third}-note`)).toHaveValue('台账不全');

  // Once anything is entered, the task and its section are both in progress, before any sync.
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'in_progress');
  await expect(card.getByTestId('section-stage')).toHaveAttribute('data-status', 'in_progress');
  await expect(page.getByTestId('task-status')).toHaveText(await card.getByTestId('section-stage').innerText());
});

test('in English at 1,280 px the supervisor’s header holds on one row, and the progress page names enterprises with whole chart labels', async ({
  page,
  endpoint,
}, testInfo) => {
  test.slow();
  const { api: api01, officer: officer01 } = await endpoint.signIn('inspector01');
  const { officer: officer02 } = await endpoint.signIn('inspector02');
  const task = await sharedTask(api01, [officer01.id, officer02.id]);
  await completeTaskThroughApi(endpoint, task, await sectionsOfTask(api01, task.id));

  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  // The sign-in's sync first: its progress appears in the header, which moves the language switch under the pointer.
  await firstSyncDone(page);
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('language-switch')).toHaveAttribute('data-language', 'en');
  await syncNow(page);

  const header = page.locator('.app-header');
  const brand = await page.locator('.app-brand').boundingBox();
  const signOut = await page.getByTestId('sign-out').boundingBox();
  const headerBox = await header.boundingBox();
  expect(signOut!.y).toBeLessThan(brand!.y + brand!.height);
  expect(headerBox!.height).toBeLessThanOrEqual(64);
  await expect(page.getByTestId('sign-out')).toHaveText(/Sign out/);
  await testInfo.attach('english-header-1280', { body: await header.screenshot(), contentType: 'image/png' });

  await page.getByTestId('nav-dashboard').click();
  const pending = page.locator(`[data-testid="pending-task"][data-task-id="${task.id}"]`);
  const enterprise = await enterpriseOf(api01, task.enterpriseId);
  // The demo campaign has more tasks waiting than a page holds: open the page of this one (the order is the endpoint's).
  const { api: supervisorApi } = await endpoint.signIn('supervisor01');
  const waiting = (await supervisorApi.call('review.progress')).pendingPublication;
  const index = waiting.findIndex((p) => p.taskId === task.id);
  expect(index).toBeGreaterThanOrEqual(0);
  const pendingTable = page.locator('.ant-table-wrapper', { has: page.getByTestId('pending-task') });
  if (index >= 10) await pendingTable.locator(`.ant-pagination-item-${Math.floor(index / 10) + 1}`).click();
  await expect(pending).toHaveText(enterprise.name);
  await expect(page.getByTestId('pending-task').filter({ hasText: /^plan-/ })).toHaveCount(0);
  // A due date that depends on a holiday arrangement not yet published says so in its row.
  const deadline = waiting[index]!;
  const row = page.locator('tr', { has: pending });
  await expect(row).toContainText(deadline.dueOn);
  await expect(row.getByTestId('deadline-provisional')).toHaveCount(deadline.calendarKnown ? 0 : 1);

  const chart = page.getByTestId('chart-results');
  await expect(chart).toHaveAttribute('data-rendered', 'true');
  const names = Object.keys(JSON.parse((await chart.getAttribute('data-series')) ?? '{}') as object);
  expect(names.length).toBeGreaterThan(0);
  const drawn = (await chart.locator('svg text').allTextContents()).join('').replace(/\s+/g, '');
  expect(drawn).not.toMatch(/\.\.\.|…/);
  for (const name of names) expect(drawn).toContain(name.replace(/\s+/g, ''));
});
