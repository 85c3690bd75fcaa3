/// <reference lib="dom" />
// Text from data stays text: every enterprise carries markup and a script in its name (as a department's file could),
// and the map's tooltip, the task, the credit dossier, the inspection record and its PDF show the characters without
// running anything or fetching anything the markup names.
import { sql } from 'drizzle-orm';
import type { InspectionTask } from '@shared/domain/model';
import { test, expect, openApp, signedInAndSynced } from './support/fixtures';
import { pullAll } from './support/api';
import { openTask } from './support/inspection';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>烟台';

test.use({
  endpointOptions: {
    alterDemo: (db) =>
      db
        .execute(
          sql`UPDATE enterprises SET name = ${HOSTILE} || uscc, profile_json = jsonb_set(profile_json::jsonb, '{name}', to_jsonb(${HOSTILE} || uscc))::text`,
        )
        .then(() => undefined),
  },
});

test('an enterprise named with markup is shown as text on the map, in the task, the dossier, the record and the PDF', async ({
  page,
  endpoint,
}) => {
  const { api, officer } = await endpoint.signIn('inspector01');
  const task = (await pullAll(api))
    .flatMap((c) => (c.collection === 'tasks' && c.op === 'upsert' ? [c.data as InspectionTask] : []))
    .find((t) => t.officerIds.includes(officer.id))!;
  const name = `${HOSTILE}${task.enterpriseId}`;
  // Markup that ran would fetch its image (`x`, relative to the page) or set the flag.
  const fetchedByMarkup: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/x')) fetchedByMarkup.push(request.url());
  });
  const nothingRan = async () => {
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"], script:not([src])')).toHaveCount(0);
    expect(fetchedByMarkup).toEqual([]);
  };

  await signedInAndSynced(page, endpoint.url);

  await openTask(page, task.id);
  await expect(page.getByText(name).first()).toBeVisible();
  await nothingRan();

  await page.goto(`${endpoint.url}/#/enterprises/${task.enterpriseId}`);
  await expect(page.getByTestId('dossier-name')).toHaveText(name);
  await nothingRan();

  await page.goto(`${endpoint.url}/#/tasks/${task.id}/record`);
  await expect(page.getByTestId('record-enterprise')).toContainText(name);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
  await nothingRan();

  await page.getByTestId('nav-map').click();
  const map = page.getByTestId('task-map');
  await expect(map).toHaveAttribute('data-state', 'ready');
  const at = await map.getAttribute('data-first-task');
  expect(at).toMatch(/^\d+,\d+$/);
  const [x, y] = at!.split(',').map(Number);
  await map.hover({ position: { x: x!, y: y! } });
  const tooltip = page.getByTestId('map-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveText(new RegExp(`^${HOSTILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await nothingRan();
});

test('the browser host is served with a strict Content-Security-Policy', async ({ page, endpoint }) => {
  const response = await page.goto(endpoint.url);
  const policy = (await response!.headerValue('content-security-policy')) ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
  // An inline script injected into the page is refused.
  await openApp(page, endpoint.url);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = 3';
    document.body.append(script);
  });
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});
