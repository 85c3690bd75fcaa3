// The same newcomer flow inside Electron, through Playwright's Electron support. Runs only where an Electron binary exists.
import { _electron as electron, test, expect } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { startEndpoint, type RunningEndpoint } from '../e2e/support/endpoint';
import { myPartOfSharedTask, serverSection } from '../e2e/support/api';
import { inspectAndComplete, openTask } from '../e2e/support/inspection';
import { signIn, syncNow } from '../e2e/support/fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binary = findElectronBinary();

test.describe('Electron host', () => {
  test.skip(binary.path === null, `Electron suite skipped: ${binary.path === null ? binary.reason : ''}`);

  let endpoint: RunningEndpoint;
  test.beforeEach(async () => {
    endpoint = await startEndpoint();
  });
  test.afterEach(async () => {
    await endpoint.stop();
  });

  test('an inspector completes their section in the desktop app and it reaches the endpoint', async () => {
    const { api, task, mySection: section } = await myPartOfSharedTask(endpoint);

    const userData = mkdtempSync(join(tmpdir(), 'onevisit-electron-'));
    const app = await electron.launch({
      executablePath: binary.path ?? undefined,
      // Chromium's switch for what playwright.config.ts's reducedMotion asks of the browser suite: dialogs without animations.
      args: ['.', `--user-data-dir=${userData}`, '--force-prefers-reduced-motion'],
      env: { ...process.env, ONEVISIT_SERVER_URL: endpoint.url },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
      await signIn(page, 'inspector01');
      await syncNow(page);
      await openTask(page, task.id);
      // The same flow as the browser suite (support/inspection.ts), so the two follow the completion rules together.
      await inspectAndComplete(page, section, '电子版流程');
      await syncNow(page);
      expect((await serverSection(api, section.id)).status).toBe('completed');
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
