// What a new supervisor and a new inspector meet in their first hour: a draw whose size is known before it runs, a
// draw result one can search, download hints that say what each file holds.
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { chooseOptions } from './support/select';

test('a plan and its draw confirmation tell the population per risk class, the tasks and the load, and warn above capacity', async ({
  page,
  endpoint,
}, testInfo) => {
  test.slow();
  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  await syncNow(page);
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
});
