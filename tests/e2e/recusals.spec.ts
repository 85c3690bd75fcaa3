// The recusal registry end to end: a supervisor registers an officer's conflict of interest in an enterprise and ends
// it early in the app, and the endpoint's registry (which the draw reads) says the same.
import type { Department, Enterprise } from '@shared/domain/model';
import { pullAll } from './support/api';
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { chooseOption } from './support/select';

/** Today in Yantai, as the app dates a recusal. */
const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

test('a supervisor registers a recusal, sees it in the registry, ends it early and sees the new end date', async ({ page, endpoint }) => {
  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  // The unit's officers and the enterprise directory come with the first sync.
  await syncNow(page);

  const { api } = await endpoint.signIn('supervisor01');
  const { officer } = await endpoint.signIn('inspector01');
  const upserts = (await pullAll(api)).flatMap((c) => (c.op === 'upsert' ? [c] : []));
  const enterprise = upserts.find((c) => c.collection === 'enterprises')!.data as Enterprise;
  const department = upserts.find((c) => c.collection === 'departments' && c.id === officer.departmentId)!.data as Department;

  await page.getByTestId('nav-plans').click();
  await page.getByTestId('nav-recusals').click();
  await expect(page.getByTestId('recusal-list')).toBeVisible();

  // The unit has many officers: typed to narrow the list, as a supervisor does.
  const officerSelect = page.getByTestId('recusal-officer');
  await officerSelect.locator('input[role="combobox"]').fill(officer.name);
  await chooseOption(page, officerSelect, `${officer.name}（${department.name}）`);
  await page.getByTestId('recusal-reason').fill('配偶在该企业任职');
  // A mistyped code is refused with its reason, and nothing typed is lost.
  const wrongCheck = enterprise.uscc.slice(0, 17) + (enterprise.uscc.endsWith('0') ? '1' : '0');
  await page.getByTestId('recusal-uscc').fill(wrongCheck);
  await page.getByTestId('recusal-submit').click();
  await expect(page.getByTestId('recusal-form')).toContainText('统一社会信用代码无效：第 18 位校验码错误');
  await expect(page.getByTestId('recusal-reason')).toHaveValue('配偶在该企业任职');
  await expect(page.locator('[data-testid="recusal-row"]')).toHaveCount(0);

  // Typed in lower case with spaces, as pasted from a document; the device names the enterprise.
  await page.getByTestId('recusal-uscc').fill(` ${enterprise.uscc.toLowerCase()} `);
  await expect(page.getByTestId('recusal-enterprise-found')).toHaveText(enterprise.name);
  await page.getByTestId('recusal-submit').click();

  const today = todayInShanghai();
  const row = page.locator(`[data-testid="recusal-row"][data-officer-id="${officer.id}"][data-enterprise-id="${enterprise.uscc}"]`);
  await expect(row).toHaveAttribute('data-state', 'in_force');
  await expect(row).toHaveAttribute('data-valid-to', '');
  await expect(row.getByTestId('recusal-officer-name')).toHaveText(officer.name);
  await expect(row.getByTestId('recusal-enterprise-name')).toHaveText(enterprise.name);
  await expect(row.getByTestId('recusal-period')).toHaveText(`${today} – 长期`);
  const recusalId = await row.getAttribute('data-recusal-id');
  expect((await api.call('recusals.list')).recusals.find((r) => r.id === recusalId)).toEqual({
    id: recusalId,
    unitId: officer.unitId,
    officerId: officer.id,
    enterpriseId: enterprise.uscc,
    reason: '配偶在该企业任职',
    validFrom: today,
    validTo: null,
  });

  // Ending early says what follows before it happens; the date defaults to today.
  await row.getByTestId('recusal-end').click();
  await expect(page.getByTestId('recusal-end-text')).toContainText(`${officer.name} 对 ${enterprise.name} 的回避将于 ${today} 结束`);
  await page.getByTestId('recusal-end-confirm').click();
  await expect(row).toHaveAttribute('data-valid-to', today);
  await expect(row.getByTestId('recusal-period')).toHaveText(`${today} – ${today}`);
  await expect(row.getByTestId('recusal-end')).toHaveCount(0);
  const ended = (await api.call('recusals.list')).recusals.find((r) => r.id === recusalId);
  expect(ended).toMatchObject({ officerId: officer.id, enterpriseId: enterprise.uscc, validFrom: today, validTo: today });
});
