// The double random draw end to end: a supervisor plans and draws in the app, the draw verifies from its file,
// and an officer drawn onto a team finds the new task after an ordinary sync.
import { spawnSync } from 'node:child_process';
import { publicityExportSchema } from '@shared/api/plans';
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { downloadJsonFile, createPlan, runDraw } from './support/plans';

test('a supervisor creates a plan and draws it; the draw verifies and a drawn inspector receives the task', async ({
  page,
  browser,
  endpoint,
}) => {
  // Two officers' first syncs, the draw and its verification on a shared 2-core machine.
  test.slow();
  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  // The check-item catalogue and the unit's districts come with the first sync.
  await syncNow(page);

  const planId = await createPlan(page, {
    name: '2025年芝罘区市场监管与税务联合抽查',
    addDepartments: ['税务局'],
    districts: ['芝罘区'],
    seedSource: '福彩3D 2025年第180期开奖号码',
  });
  await runDraw(page, '3 8 1');

  // What the app shows is the endpoint's record of the draw.
  const { api } = await endpoint.signIn('supervisor01');
  const draw = await api.call('draws.get', { params: { planId } });
  expect(draw.teams.length).toBeGreaterThan(0);
  const result = page.getByTestId('draw-result');
  await expect(result).toHaveAttribute('data-output-hash', draw.summary.outputHash);
  await expect(page.getByTestId('draw-workload')).toHaveAttribute('data-spread', String(draw.workload.spread));
  const team = draw.teams[0]!;
  await expect(page.locator(`[data-testid="draw-team"][data-task-id="${team.taskId}"]`)).toBeVisible();
  for (const t of draw.teams) {
    expect(new Set(t.officers.map((o) => o.departmentId))).toEqual(new Set(['dept-amr', 'dept-tax']));
  }

  // The publicity file carries public fields only; the draw file re-runs to the same result with one command.
  const publicity = await downloadJsonFile(page, 'download-publicity');
  const published = publicityExportSchema.parse(publicity.json);
  expect(published.drawn.map((d) => d.uscc)).toEqual(draw.teams.map((t) => t.enterpriseId));
  expect(published.draw.outputHash).toBe(draw.summary.outputHash);
  expect(publicity.text).not.toMatch(/riskClass|samplingRatios/);
  const drawFile = await downloadJsonFile(page, 'download-draw-file');
  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-draw.ts', drawFile.path], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toContain('IDENTICAL');

  // A drawn officer signs in on their own device and receives the task by the normal sync.
  const drawn = team.officers[0]!;
  const username = drawn.id.replace(/^off-/, '');
  const context = await browser.newContext();
  const inspectorPage = await context.newPage();
  await openApp(inspectorPage, endpoint.url);
  await signIn(inspectorPage, username);
  await syncNow(inspectorPage);
  await expect(inspectorPage.getByTestId('nav-plans')).toHaveCount(0);
  const row = inspectorPage.locator(`[data-testid="task-row"][data-task-id="${team.taskId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(team.enterpriseName);
  await context.close();
});

test('an inspector never sees the plan pages', async ({ page, endpoint }) => {
  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');
  await expect(page.getByTestId('sign-out')).toBeVisible();
  await expect(page.getByTestId('nav-plans')).toHaveCount(0);
  await page.goto(`${endpoint.url}/#/plans`);
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('plan-list')).toHaveCount(0);
  await expect(page.getByText('页面不存在')).toBeVisible();
});
