import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium by default: Playwright cannot download its own browser on this network. */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined; // Playwright's own browser, where one is installed
}

/**
 * Chromium's switches for tests and benchmarks. The machine has no network but loopback: keep Chromium from dialling
 * out at start. Headless Chromium also builds the address bar's popup (a WebUI page in a renderer of its own, about
 * half a CPU-second) for every new context, that is for every test, beside the page under test: not wanted.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export default defineConfig({
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // One test at a time: on two cores, two at once took a third longer (each test's endpoint, browser and sync compete).
  workers: 1,
  retries: 0,
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app's dialogs and menus then appear at once (app/reducedMotion.ts). On a loaded machine Playwright can find a
    // zooming dialog "stable" between two frames and click where its button no longer is: the click reports success
    // and nothing happens. Their animations are not what the tests are about.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'web', testDir: 'tests/e2e' },
    { name: 'electron', testDir: 'tests/e2e-electron' },
  ],
});
