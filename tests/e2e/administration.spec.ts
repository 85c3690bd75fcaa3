// Administration from the app: an admin creates an officer who must choose a password at first sign-in; an admin
// changes the check-item catalogue while an inspector's draft waits offline.
import {
  test,
  expect,
  expectRevokedAndWiped,
  fillLogin,
  firstSyncDone,
  localDatabases,
  openApp,
  signIn,
  syncNow,
} from './support/fixtures';
import { myPartOfSharedTask, serverSection } from './support/api';
import { completeSection, fillSection, openTask, photos, recordEvidence, sectionCard } from './support/inspection';
import { chooseOption } from './support/select';

test('an admin creates an officer, who signs in with the one-time password and must change it first', async ({ page, endpoint }) => {
  await openApp(page, endpoint.url);
  await signIn(page, 'admin01');
  await page.getByTestId('nav-admin').click();
  await expect(page.getByTestId('officer-list')).toBeVisible();

  await page.getByTestId('officer-create').click();
  await page.getByTestId('officer-username').fill('newcomer01');
  await page.getByTestId('officer-name-input').fill('新同事');
  await chooseOption(page, page.getByTestId('officer-department'), '税务局');
  await chooseOption(page, page.getByTestId('officer-unit'), '烟台市双随机联合抽查办公室');
  await page.getByTestId('officer-save').click();
  const password = (await page.getByTestId('temporary-password').innerText()).trim();
  expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
  await page.getByTestId('temporary-password-done').click();
  await page.locator('input[data-testid="officer-search"], [data-testid="officer-search"] input').first().fill('newcomer01');
  await expect(page.locator('[data-testid="officer-row"][data-username="newcomer01"]')).toContainText('待改密码');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-keep').click();
  await fillLogin(page, 'newcomer01', password);
  await expect(page.getByTestId('forced-password-change')).toBeVisible();
  await page.getByTestId('password-current').fill(password);
  await page.getByTestId('password-new').fill('newcomer01-pass');
  await page.getByTestId('password-confirm').fill('newcomer01-pass');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('password-problems')).toContainText('不能包含用户名');
  await page.getByTestId('password-new').fill('海边的灯塔-2026');
  await page.getByTestId('password-confirm').fill('海边的灯塔-2026');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('sync-button')).toBeVisible();
  await syncNow(page);

  // The one-time password is spent; the new one signs in.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-keep').click();
  await fillLogin(page, 'newcomer01', password);
  await expect(page.getByTestId('login-error')).toBeVisible();
  await fillLogin(page, 'newcomer01', '海边的灯塔-2026');
  await expect(page.getByTestId('sync-button')).toBeVisible();
});

test('an admin retires and adds check items while an inspector’s draft waits offline; the inspector is told, completes it and the endpoint stores it', async ({
  page,
  context,
  endpoint,
}) => {
  const { api, me, task, mySection } = await myPartOfSharedTask(endpoint);
  const { api: admin } = await endpoint.signIn('admin01');
  const [recorded, unrecorded, ...rest] = mySection.checkItemIds;
  if (!recorded || !unrecorded) throw new Error('the section needs two items');

  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');
  await syncNow(page);
  await openTask(page, task.id);
  const card = sectionCard(page, me.departmentId);

  // Offline, the inspector records the first item only.
  await context.setOffline(true);
  await card.getByTestId(`item-${recorded}-non_compliant`).click();
  await card.getByTestId(`item-${recorded}-note`).fill('台账缺失');
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  // Meanwhile the admin retires the recorded item and one not yet recorded, and adds a new one.
  await admin.call('admin.checkItems.retire', { params: { checkItemId: recorded } });
  await admin.call('admin.checkItems.retire', { params: { checkItemId: unrecorded } });
  const added = await admin.call('admin.checkItems.create', {
    params: { departmentId: me.departmentId },
    body: { code: 'E2E-NEW', title: '新增检查事项：安全生产责任制', legalBasis: '《安全生产法》第四条' },
  });
  const newItem = added.department.checkItems.find((item) => item.code === 'E2E-NEW')!;

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await syncNow(page);

  // The inspector sees what changed: the new item appears, the unrecorded retired one is gone, the recorded one stays marked.
  await expect(card.getByTestId('items-changed')).toBeVisible();
  await expect(card.getByTestId('items-added')).toContainText('安全生产责任制');
  await expect(card.getByTestId('items-removed')).toBeVisible();
  await expect(card.getByTestId(`item-${unrecorded}`)).toHaveCount(0);
  await expect(card.getByTestId(`item-${recorded}`).getByTestId('item-retired')).toBeVisible();
  await card.getByTestId('items-changed-dismiss').click();
  await expect(card.getByTestId('items-changed')).toHaveCount(0);

  for (const checkItemId of [...rest, newItem.id]) await card.getByTestId(`item-${checkItemId}-compliant`).click();
  await chooseOption(page, card.getByTestId('section-result-category'), '发现问题已责令改正');
  await recordEvidence(page, mySection);
  await completeSection(page, card);
  await syncNow(page);
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');

  const stored = await serverSection(api, mySection.id);
  expect(stored.status).toBe('completed');
  expect([...stored.checkItemIds].sort()).toEqual([...rest, newItem.id, recorded].sort());
  expect(stored.itemResults.find((r) => r.checkItemId === recorded)).toMatchObject({ outcome: 'non_compliant', note: '台账缺失' });
});

test("an admin disables an officer: each of the officer's devices delivers its queued work on its next contact, then is wiped and signed out", async ({
  page,
  browser,
  endpoint,
}) => {
  test.slow();
  const { me, task, mySection } = await myPartOfSharedTask(endpoint);
  // The officer's second laptop, signed in and synced before the admin acts.
  const other = await browser.newContext();
  const second = await other.newPage();
  await openApp(second, endpoint.url);
  await signIn(second, 'inspector01');
  await firstSyncDone(second);

  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');
  await firstSyncDone(page);
  await openTask(page, task.id);
  await fillSection(page, mySection, '灭火器过期');
  const card = sectionCard(page, mySection.departmentId);
  const [photo] = await photos(page);
  await card.getByTestId('photos-drop').locator('input[type="file"]').setInputFiles(photo!);
  await expect(card.getByTestId('photos')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  // The admin disables the account from the app.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await openApp(admin, endpoint.url);
  await signIn(admin, 'admin01');
  await admin.getByTestId('nav-admin').click();
  await admin.locator('input[data-testid="officer-search"], [data-testid="officer-search"] input').first().fill('inspector01');
  const row = admin.locator(`[data-testid="officer-row"][data-username="inspector01"]`);
  await row.getByTestId('officer-disable').click();
  await admin
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(row.getByTestId('officer-enable')).toBeVisible();
  await adminContext.close();

  // The laptop with queued work: its next sync delivers the result and the photo, then wipes and signs out.
  expect(await localDatabases(page)).toContain(`onevisit-${me.id}`);
  await page.getByTestId('sync-button').click();
  await expectRevokedAndWiped(page, { id: me.id, username: 'inspector01' });
  const { api: supervisor } = await endpoint.signIn('supervisor01');
  const stored = await serverSection(supervisor, mySection.id);
  expect(stored.itemResults.find((r) => r.checkItemId === mySection.checkItemIds[0])).toMatchObject({
    outcome: 'non_compliant',
    note: '灭火器过期',
  });
  expect(stored.attachments.filter((a) => a.kind === 'photo')).toHaveLength(1);
  // The password no longer opens the laptop offline either: the device has learnt it.
  await page.context().setOffline(true);
  await fillLogin(page, 'inspector01', 'demo1234');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await expect(page.getByTestId('sync-button')).toHaveCount(0);

  // The second laptop, with nothing queued, is wiped on its next contact.
  await second.getByTestId('sync-button').click();
  await expectRevokedAndWiped(second, { id: me.id, username: 'inspector01' });
  await other.close();
});
