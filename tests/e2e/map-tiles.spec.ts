// The optional tile layer: used when its server answers (a tiny tile server of the test serves one PNG for any
// z/x/y), under the district outlines; an unreachable tile server leaves the offline outlines working, without errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { startEndpoint } from './support/endpoint';
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { chooseOption } from './support/select';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A tile server: a PNG for /{z}/{x}/{y}.png, 404 otherwise; remembers the tiles asked for. */
async function startTileServer(): Promise<{ template: string; requested: string[]; close(): Promise<void> }> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const match = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(request.url ?? '');
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    requested.push(match.slice(1).join('/'));
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length }).end(PNG);
  });
  const port = await listen(server);
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function openMap(page: Page, url: string): Promise<void> {
  await openApp(page, url);
  await signIn(page, 'supervisor01');
  await syncNow(page);
  await page.getByTestId('nav-map').click();
  await expect(page.getByTestId('task-map')).toHaveAttribute('data-state', 'ready');
}

async function setTileUrl(page: Page, template: string): Promise<void> {
  const input = page.getByTestId('map-tile-url');
  await input.fill(template);
  await input.blur();
}

/** The offline base map and the tasks are all there. */
async function expectOutlinesAndTasks(page: Page): Promise<void> {
  const map = page.getByTestId('task-map');
  await expect(map).toHaveAttribute('data-outlines', '12');
  await expect(page.locator('.leaflet-overlay-pane canvas')).toBeVisible();
  await expect(page.getByTestId('district-label')).toHaveCount(11);
  const total = await page.getByTestId('map-count').getAttribute('data-count');
  await expect(map).toHaveAttribute('data-drawn', total!);
}

test('a reachable tile server the endpoint admits is used under the district outlines, and the setting is kept', async ({ page }) => {
  const tiles = await startTileServer();
  // The browser host's Content-Security-Policy admits the tile server the deployment names, and no other.
  const endpoint = await startEndpoint({ env: { TILE_ORIGINS: new URL(tiles.template).origin } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await openMap(page, endpoint.url);
    await expect(page.getByTestId('task-map')).toHaveAttribute('data-tiles', 'off');
    await setTileUrl(page, tiles.template);
    await expect(page.getByTestId('task-map')).toHaveAttribute('data-tiles', 'on');
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(tiles.requested.length).toBeGreaterThan(0);
    // Tiles lie under the outlines: the tile pane is stacked below the overlay pane that holds the outline canvas.
    const zIndex = (selector: string) => page.locator(selector).evaluate((el) => Number(getComputedStyle(el).zIndex));
    expect(await zIndex('.leaflet-tile-pane')).toBeLessThan(await zIndex('.leaflet-overlay-pane'));
    await expectOutlinesAndTasks(page);

    // The setting survives a reload.
    const before = tiles.requested.length;
    await page.reload();
    await expect(page.getByTestId('task-map')).toHaveAttribute('data-tiles', 'on');
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(tiles.requested.length).toBeGreaterThan(before);
    expect(errors).toEqual([]);
  } finally {
    await endpoint.stop();
    await tiles.close();
  }
});

test('a tile server the endpoint does not name is refused by the Content-Security-Policy: the outlines stay', async ({
  page,
  endpoint,
}) => {
  const tiles = await startTileServer();
  try {
    await openMap(page, endpoint.url);
    await setTileUrl(page, tiles.template);
    await expect(page.getByTestId('task-map')).toHaveAttribute('data-tiles', 'unreachable');
    await expect(page.locator('img.leaflet-tile')).toHaveCount(0);
    expect(tiles.requested).toEqual([]);
    await expectOutlinesAndTasks(page);
  } finally {
    await tiles.close();
  }
});

test('an unreachable tile server leaves the offline outlines working, without errors', async ({ page, endpoint }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openMap(page, endpoint.url);
  await setTileUrl(page, `http://127.0.0.1:${await closedPort()}/{z}/{x}/{y}.png`);
  await expect(page.getByTestId('task-map')).toHaveAttribute('data-tiles', 'unreachable');
  await expect(page.getByTestId('map-tiles-unreachable')).toBeVisible();
  await expect(page.locator('img.leaflet-tile')).toHaveCount(0);
  await expectOutlinesAndTasks(page);
  // The map still works: a filter redraws the tasks.
  const all = await page.getByTestId('map-count').getAttribute('data-count');
  await chooseOption(page, page.getByTestId('map-filter-risk'), 'E');
  await expect(page.getByTestId('map-count')).not.toHaveAttribute('data-count', all!);
  const count = await page.getByTestId('map-count').getAttribute('data-count');
  expect(Number(count)).toBeGreaterThan(0);
  await expect(page.getByTestId('task-map')).toHaveAttribute('data-points', count!);
  await expect(page.getByTestId('task-map')).toHaveAttribute('data-drawn', count!);
  expect(errors).toEqual([]);
});
