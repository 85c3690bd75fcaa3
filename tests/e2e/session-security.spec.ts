// Offline sign-in after one online sign-in, and the wipe of a revoked device's local data.
import {
  test,
  expect,
  deviceIdOf,
  expectRevokedAndWiped,
  fillLogin,
  localDatabases,
  signIn,
  syncNow,
  signedInAndSynced,
} from './support/fixtures';
import { serverSection } from './support/api';
import { fillSection, openMySection, openTask, sectionCard } from './support/inspection';

test('an officer who signed in online once unlocks the app offline with their password, then signs in online to sync', async ({
  page,
  context,
  endpoint,
}) => {
  await signedInAndSynced(page, endpoint.url);
  // The table draws its rows interruptibly, just after the data arrived: wait until it shows the latest before counting.
  await expect(page.locator('[data-testid="task-list-keys"][data-current="true"]')).toBeAttached();
  await expect(page.getByTestId('task-row').first()).toBeVisible();
  const tasks = await page.getByTestId('task-row').count();
  expect(tasks).toBeGreaterThan(0);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-kind', 'up_to_date');

  // Sign out keeping the data, lose the network, reload: only the local verifier can let the officer in now.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-keep').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  // The service worker serves the app offline once it controls the page: from the load after it became active.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();

  await fillLogin(page, 'inspector01', 'not-the-password');
  await expect(page.getByTestId('login-error')).toContainText('离线登录失败');
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-kind', 'offline_session');
  await expect(page.getByTestId('task-row')).toHaveCount(tasks);
  // Nothing of the password or the token is kept in clear.
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(kept).not.toContain('demo1234');
  expect(kept).not.toMatch(/"token"/);

  // The network returns: the app asks for an online sign-in before it syncs. Chromium's offline emulation neither
  // updates navigator.onLine nor fires `online` for a page loaded while offline, as a real network change does.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  // The password field has the keyboard: the officer types and presses Enter.
  await expect(page.getByTestId('online-sign-in-password')).toBeFocused();
  await page.keyboard.type('demo1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sync-button')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-kind', 'up_to_date');
});

test("a revoked device pushes its queued work, then wipes the officer's local data and cannot sign in again", async ({
  page,
  endpoint,
}) => {
  const { api: api01, me, mySection } = await openMySection(page, endpoint);
  const { api: supervisor } = await endpoint.signIn('supervisor01');
  await fillSection(page, mySection, '灭火器过期');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  const revocation = await supervisor.call('devices.revoke', { params: { deviceId: await deviceIdOf(page) } });
  expect(revocation.sessionsRevoked).toBeGreaterThan(0);
  expect(await localDatabases(page)).toContain(`onevisit-${me.id}`);

  await page.getByTestId('sync-button').click();
  await expectRevokedAndWiped(page, { id: me.id, username: 'inspector01' });
  // The queued result reached the endpoint before the wipe.
  expect((await serverSection(api01, mySection.id)).itemResults[0]).toMatchObject({ outcome: 'non_compliant', note: '灭火器过期' });
});

test('signing out with a wipe pushes first; what cannot be pushed is wiped only after a confirmation that counts it', async ({
  page,
  context,
  endpoint,
}) => {
  const databases = () => localDatabases(page);
  // Online: the wipe pushes the waiting change, then deletes the local database without asking.
  const { api: api01, me, task, mySection } = await openMySection(page, endpoint);
  await fillSection(page, mySection, '安全出口标识缺失');
  await page.getByTestId('sign-out').click();
  // The suite's browser asks for reduced motion, as an officer may in their system: the dialog is there at once.
  const dialog = page.locator('.ant-modal', { has: page.getByTestId('sign-out-wipe') });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((modal) => modal.closest('.ant-modal-root')!.getAnimations({ subtree: true }).length)).toBe(0);
  await page.getByTestId('sign-out-wipe').click();
  await expect(page.getByTestId('login-notice')).toHaveAttribute('data-notice', 'wiped');
  expect((await serverSection(api01, mySection.id)).itemResults[0]).toMatchObject({ note: '安全出口标识缺失' });
  expect(await databases()).not.toContain(`onevisit-${me.id}`);

  // Offline: the change cannot be pushed, so the wipe waits for an explicit discard that names it.
  await signIn(page, 'inspector01');
  await syncNow(page);
  await page.getByTestId('nav-tasks').click();
  await openTask(page, task.id);
  await sectionCard(page, me.departmentId).getByTestId(`item-${mySection.checkItemIds[0]}-note`).fill('已整改');
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
  await context.setOffline(true);
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-wipe').click();
  await expect(page.getByTestId('discard-unsent')).toHaveAttribute('data-changes', '1');
  await page.getByTestId('discard-cancel').click();
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-wipe').click();
  await page.getByTestId('confirm-discard').click();
  await expect(page.getByTestId('login-notice')).toHaveAttribute('data-notice', 'wiped');
  expect(await databases()).not.toContain(`onevisit-${me.id}`);
  // With the data gone, so is the offline sign-in.
  await fillLogin(page, 'inspector01', 'demo1234');
  await expect(page.getByTestId('login-error')).toContainText('无法连接服务器');
});
