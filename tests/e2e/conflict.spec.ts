// The same item of one section changed on two devices (two browser contexts, each with its own IndexedDB) of the same
// department: the second device to sync is shown both values in the conflict panel, and the officer's choice is applied.
import { test, expect, openApp, signIn, syncNow } from './support/fixtures';
import { sectionsOfTask, serverSection, sharedTask } from './support/api';
import { openTask, sectionCard } from './support/inspection';

test('the same item edited on two devices: the conflict panel shows both values and applies the choice', async ({ browser, endpoint }) => {
  // Two full sessions in one test.
  test.slow();
  const { api, officer: me } = await endpoint.signIn('inspector01');
  const { officer: colleague } = await endpoint.signIn('inspector02');
  const task = await sharedTask(api, [me.id, colleague.id]);
  const section = (await sectionsOfTask(api, task.id)).find((s) => s.departmentId === me.departmentId)!;
  const [first, second] = section.checkItemIds;
  if (!first || !second) throw new Error('the section needs two check items');

  const devices = [];
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openApp(page, endpoint.url);
    await signIn(page, 'inspector01');
    await syncNow(page);
    await openTask(page, task.id);
    devices.push({ context, page, card: sectionCard(page, me.departmentId) });
  }
  const [laptop, tablet] = devices as [(typeof devices)[number], (typeof devices)[number]];

  // Both devices edit offline (no sync in between): the same first item differently; the tablet also the second item.
  await laptop.card.getByTestId(`item-${first}-non_compliant`).click();
  await laptop.card.getByTestId(`item-${first}-note`).fill('灭火器过期');
  await expect(laptop.page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
  await tablet.card.getByTestId(`item-${first}-compliant`).click();
  await tablet.card.getByTestId(`item-${second}-not_applicable`).click();
  await expect(tablet.page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');

  await syncNow(laptop.page);
  await expect(laptop.card).toHaveAttribute('data-sync-state', 'on_server');
  await syncNow(tablet.page);
  await expect(tablet.card).toHaveAttribute('data-sync-state', 'conflict');

  const panel = tablet.card.getByTestId('conflict-panel');
  const rows = panel.getByTestId('conflict-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-key', `item:${first}`);
  await expect(rows.first().getByTestId('conflict-local-value')).toHaveText('符合');
  await expect(rows.first().getByTestId('conflict-server-value')).toHaveText('不符合：灭火器过期');
  await expect(panel.getByTestId('conflict-changed-by')).toContainText(me.name);
  await expect(panel.getByTestId('conflict-apply')).toBeDisabled();

  await rows.first().getByTestId('conflict-choose-server').click();
  await panel.getByTestId('conflict-apply').click();
  await expect(tablet.card).toHaveAttribute('data-sync-state', 'saved_locally');
  await expect(panel).toHaveCount(0);
  await syncNow(tablet.page);
  await expect(tablet.card).toHaveAttribute('data-sync-state', 'on_server');
  await expect(tablet.card.getByTestId(`item-${first}-non_compliant`)).toBeChecked();
  await expect(tablet.card.getByTestId(`item-${first}-note`)).toHaveValue('灭火器过期');

  const stored = await serverSection(api, section.id);
  expect(stored.itemResults).toEqual([
    { checkItemId: first, outcome: 'non_compliant', note: '灭火器过期' },
    { checkItemId: second, outcome: 'not_applicable', note: '' },
  ]);
  await syncNow(laptop.page);
  await expect(laptop.card.getByTestId(`item-${second}-not_applicable`)).toBeChecked();
  for (const device of devices) await device.context.close();
});
