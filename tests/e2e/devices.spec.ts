// The supervisor's devices page: an inspector's laptop is lost, the supervisor revokes it in the app, the laptop wipes.
import { test, expect, deviceIdOf, expectRevokedAndWiped, openApp, signIn, syncNow } from './support/fixtures';

test("a supervisor sees an inspector's device on the devices page and revokes it; the device's next sync wipes it", async ({
  page,
  browser,
  endpoint,
}) => {
  const { officer: inspector } = await endpoint.signIn('inspector01');
  await openApp(page, endpoint.url);
  await signIn(page, 'inspector01');
  await syncNow(page);
  const laptop = await deviceIdOf(page);

  // The supervisor of the same unit, on another browser profile (another device).
  const supervisorContext = await browser.newContext();
  try {
    const supervisor = await supervisorContext.newPage();
    await openApp(supervisor, endpoint.url);
    await signIn(supervisor, 'supervisor01');
    await supervisor.getByTestId('nav-devices').click();
    await expect(supervisor.locator('[data-testid="device-row"][data-this-device="true"]')).toHaveAttribute(
      'data-device-id',
      await deviceIdOf(supervisor),
    );
    const row = supervisor.locator(`[data-testid="device-row"][data-device-id="${laptop}"]`);
    await expect(row).toHaveAttribute('data-state', 'active');
    await expect(row.getByTestId('device-officers')).toHaveText(inspector.name);

    await row.getByTestId('device-revoke').click();
    await expect(supervisor.getByTestId('device-revoke-text')).toContainText(inspector.name);
    await supervisor.getByTestId('device-revoke-confirm').click();
    await expect(row).toHaveAttribute('data-state', 'revoked');
    await expect(row.getByTestId('device-revoke')).toHaveCount(0);
    // The list lives on the endpoint: offline, the page says it needs the network.
    await supervisorContext.setOffline(true);
    await expect(supervisor.getByTestId('devices-offline')).toBeVisible();
  } finally {
    await supervisorContext.close();
  }

  await page.getByTestId('sync-button').click();
  await expectRevokedAndWiped(page, { id: inspector.id, username: 'inspector01' });
});
