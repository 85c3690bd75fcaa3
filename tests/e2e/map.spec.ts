// The task map offline: outlines from the bundled GeoJSON with no tile server, clusters for the demo plan, filters
// changing the markers, and a click opening the task.
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { chooseOption } from './support/select';

test('the map renders outlines offline, clusters the demo plan, filters change markers and a click opens the task', async ({
  page,
  context,
  endpoint,
}) => {
  // Nothing but the endpoint is reachable: any other request (a tile server, a CDN) fails.
  const foreign: string[] = [];
  await context.route(
    (url) => !url.href.startsWith(endpoint.url),
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  await syncNow(page);
  await page.getByTestId('nav-map').click();

  const map = page.getByTestId('task-map');
  await expect(map).toHaveAttribute('data-state', 'ready');
  await expect(map).toHaveAttribute('data-outlines', '12');
  // Outlines are drawn on the canvas renderer (fast with many shapes): the canvas is there, no tile image is.
  await expect(page.locator('.leaflet-overlay-pane canvas')).toBeVisible();
  await expect(page.locator('img.leaflet-tile')).toHaveCount(0);
  await expect(page.getByTestId('district-label')).toHaveCount(11);
  await expect(page.locator('[data-testid="district-label"][data-code="370614"]')).toHaveText('蓬莱区');
  const total = Number(await page.getByTestId('map-count').getAttribute('data-count'));
  expect(total).toBeGreaterThanOrEqual(200);
  await expect(map).toHaveAttribute('data-points', String(total));
  // Tasks are drawn on a canvas too: the map reports what it drew, and where, for the clicks below.
  await expect(map).toHaveAttribute('data-clusters', /^[1-9]/);
  await expect(page.locator('.leaflet-marker-pane canvas')).toBeVisible();
  const drawn = async () => Number(await map.getAttribute('data-drawn'));
  expect(await drawn()).toBe(total);

  // A filter changes the markers: only E-class enterprises.
  await chooseOption(page, page.getByTestId('map-filter-risk'), 'E');
  const eCount = Number(await page.getByTestId('map-count').getAttribute('data-count'));
  expect(eCount).toBeGreaterThan(0);
  expect(eCount).toBeLessThan(total);
  await expect(map).toHaveAttribute('data-points', String(eCount));
  await expect.poll(drawn).toBe(eCount);

  // Colour by risk class switches the legend.
  await page.getByTestId('map-colour-mode').getByText('按风险分类着色').click();
  await expect(page.getByTestId('map-legend')).toHaveAttribute('data-mode', 'risk');

  /** Clicks the map at a position it reported ("x,y" in the map's pixels). */
  const clickAt = async (attribute: string) => {
    const at = await map.getAttribute(attribute);
    expect(at).toMatch(/^\d+,\d+$/);
    const [x, y] = at!.split(',').map(Number);
    await map.click({ position: { x: x!, y: y! } });
  };

  // Clicking a single task opens it.
  await clickAt('data-first-task');
  await expect(page).toHaveURL(/#\/tasks\/[^/]+$/);
  await expect(page.getByTestId('section-card').first()).toBeVisible();
  await page.goBack();
  await expect(map).toHaveAttribute('data-state', 'ready');

  // Clicking a cluster lists its tasks; clicking one opens the task.
  await clickAt('data-biggest-cluster');
  const first = page.getByTestId('cluster-task').first();
  const taskId = await first.getAttribute('data-task-id');
  await first.click();
  await expect(page).toHaveURL(new RegExp(`#/tasks/${taskId}$`));
  await expect(page.getByTestId('section-card').first()).toBeVisible();
  expect(foreign).toEqual([]);
});
