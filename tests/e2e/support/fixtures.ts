import { test as base, expect, type Page } from '@playwright/test';
import { startEndpoint, type EndpointOptions, type RunningEndpoint } from './endpoint';

export const test = base.extend<{ endpoint: RunningEndpoint; endpointOptions: EndpointOptions }>({
  // What the app said (warnings, errors, uncaught exceptions) is printed when a test fails: the run's output is often
  // all there is of a failure on a CI machine.
  page: async ({ page }, use, testInfo) => {
    const said: string[] = [];
    const started = performance.now();
    const at = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') said.push(`${at()} ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => said.push(`${at()} uncaught: ${error.stack ?? error.message}`));
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && said.length) console.log(`the app said:\n${said.join('\n')}`);
  },
  /** How a spec's endpoint differs from the default one (`test.use({ endpointOptions: … })`). */
  endpointOptions: [{}, { option: true }],
  // A fresh endpoint and data folder per test; Playwright gives every test a fresh browser context (profile).
  endpoint: async ({ endpointOptions }, use) => {
    const endpoint = await startEndpoint(endpointOptions);
    await use(endpoint);
    await endpoint.stop();
  },
});

export { expect };

/** Opens the app and waits for its ready signal. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('sync-button')).toBeVisible();
}

/** Waits for the first sync the sign-in starts: the whole jurisdiction, which gets its time on a shared machine. */
export async function firstSyncDone(page: Page): Promise<void> {
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-last-synced', /.+/, { timeout: 120_000 });
  await expect(status).toHaveAttribute('data-state', 'done');
}

/** Runs a manual sync and waits for the app to report it finished. */
export async function syncNow(page: Page): Promise<void> {
  const status = page.getByTestId('sync-status');
  const before = await status.getAttribute('data-last-synced');
  await page.getByTestId('sync-button').click();
  // A finished sync moves the last-synced time; the state alone could still be 'done' from an earlier sync.
  await expect.poll(() => status.getAttribute('data-last-synced')).not.toBe(before);
  await expect(status).toHaveAttribute('data-state', 'done');
}

/** Opens the app, signs `username` in and waits for a sync: where most tests start. */
export async function signedInAndSynced(page: Page, url: string, username = 'inspector01'): Promise<void> {
  await openApp(page, url);
  await signIn(page, username);
  await syncNow(page);
}

export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The id the web bridge gave this browser profile (the device the endpoint sees). */
export async function deviceIdOf(page: Page): Promise<string> {
  const deviceId = await page.evaluate(() => localStorage.getItem('onevisit.deviceId'));
  expect(deviceId).toBeTruthy();
  return deviceId!;
}

/** Names of the IndexedDB databases of the page's origin (an officer's local data is `onevisit-<officer id>`). */
export function localDatabases(page: Page): Promise<(string | undefined)[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

/** After the sync that learnt its device was revoked: the officer is signed out, their local data wiped, their sign-in refused. */
export async function expectRevokedAndWiped(page: Page, officer: { id: string; username: string }): Promise<void> {
  await expect(page.getByTestId('login-notice')).toHaveAttribute('data-notice', 'revoked');
  expect(await localDatabases(page)).not.toContain(`onevisit-${officer.id}`);
  await fillLogin(page, officer.username, 'demo1234');
  await expect(page.getByTestId('login-error')).toContainText('此设备已被停用');
}
