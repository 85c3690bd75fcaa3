/// <reference lib="dom" />
// The inspector's workbench: task filters, the credit dossier, the instant check, the joint inspection record with
// photos and signatures done offline, and the printable inspection record.
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Enterprise, InspectionTask } from '@shared/domain/model';
import { test, expect, firstSyncDone, openApp, signIn, signedInAndSynced, syncNow } from './support/fixtures';
import { chooseOption } from './support/select';
import { enterpriseOf, myPartOfSharedTask, pullAll, serverSection } from './support/api';
import { completeSection, openTask, photos, recordEvidence, sectionCard } from './support/inspection';

async function signedIn(page: Page, url: string, username = 'inspector01') {
  await signedInAndSynced(page, url, username);
  // From the second load after the service worker is active (every page chunk cached), it serves the app offline.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached();
}

async function choose(page: Page, select: string, optionTitle: string) {
  await chooseOption(page, page.getByTestId(select), optionTitle);
}

test('task list filters by due date, risk class and department, sorts, and opens a task from the keyboard', async ({ page, endpoint }) => {
  const { api, officer } = await endpoint.signIn('inspector01');
  const changes = await pullAll(api);
  const tasks = changes
    .flatMap((c) => (c.collection === 'tasks' && c.op === 'upsert' ? [c.data as InspectionTask] : []))
    .filter((t) => t.officerIds.includes(officer.id));
  const enterprises = new Map(
    changes.flatMap((c) => (c.collection === 'enterprises' && c.op === 'upsert' ? [[c.id, c.data as Enterprise] as const] : [])),
  );
  await signedIn(page, endpoint.url);
  const rows = page.getByTestId('task-row');
  await expect(rows).toHaveCount(tasks.length);

  const riskClass = enterprises.get(tasks[0]!.enterpriseId)!.riskClass;
  await choose(page, 'filter-risk', `${riskClass} · 内部`);
  await expect(rows).toHaveCount(tasks.filter((t) => enterprises.get(t.enterpriseId)?.riskClass === riskClass).length);
  await choose(page, 'filter-risk', '全部分类');

  const departments = new Map(
    changes.flatMap((c) =>
      c.collection === 'departments' && c.op === 'upsert' ? [[c.id, (c.data as { name: string }).name] as const] : [],
    ),
  );
  const otherDepartment = tasks.flatMap((t) => t.departmentIds).find((d) => d !== officer.departmentId)!;
  await choose(page, 'filter-department', departments.get(otherDepartment)!);
  await expect(rows).toHaveCount(tasks.filter((t) => t.departmentIds.includes(otherDepartment)).length);
  await choose(page, 'filter-department', '全部部门');

  // Overdue and due-soon tasks are marked; the due filter shows only the chosen ones.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const open = tasks.filter((t) => t.status !== 'completed');
  await choose(page, 'filter-due', '已逾期');
  await expect(rows).toHaveCount(open.filter((t) => t.dueDate < today).length);
  await expect(page.locator('[data-testid="task-row"]:not([data-due="overdue"])')).toHaveCount(0);
  await choose(page, 'filter-due', '全部期限');

  await choose(page, 'task-sort', '到期日（远→近）');
  const latestFirst = [...tasks].sort((a, b) => b.dueDate.localeCompare(a.dueDate))[0]!;
  await expect(rows.first().locator('.mono').nth(1)).toHaveText(latestFirst.dueDate);

  await page.getByTestId('task-list-keys').focus();
  await page.keyboard.press('ArrowDown');
  const second = await rows.nth(1).getAttribute('data-task-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/tasks/${second}$`));
});

test('sign-in and the task list load neither the chart nor the map library; the map and the dashboard load them when opened', async ({
  page,
  endpoint,
}) => {
  // What the page ran, by script: the libraries are recognised by their own strings, whatever their chunk is called.
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''));
  });
  const loaded = async (marker: string) => (await Promise.all(scripts)).some((text) => text.includes(marker));
  const CHARTS = '_echarts_instance_';
  const MAP = 'leaflet-container';
  await openApp(page, endpoint.url);
  await signIn(page, 'supervisor01');
  await firstSyncDone(page);
  await expect(page.getByTestId('task-row').first()).toBeVisible();
  expect(await loaded(CHARTS)).toBe(false);
  expect(await loaded(MAP)).toBe(false);

  await page.getByTestId('nav-map').click();
  await expect(page.locator('.leaflet-container')).toBeVisible();
  expect(await loaded(MAP)).toBe(true);
  expect(await loaded(CHARTS)).toBe(false);
  await page.getByTestId('nav-dashboard').click();
  await expect.poll(() => loaded(CHARTS)).toBe(true);
});

test('the credit dossier shows lists, penalties (disputed over 1,000,000 yuan), repairs and the internal risk class', async ({
  page,
  endpoint,
}) => {
  const { api } = await endpoint.signIn('inspector01');
  const enterprises = (await pullAll(api)).flatMap((c) =>
    c.collection === 'enterprises' && c.op === 'upsert' ? [c.data as Enterprise] : [],
  );
  const seeded =
    enterprises.find((e) => e.penalties.length > 0 && e.blackList.length + e.redList.length + e.dishonestDebtors.length > 0) ??
    enterprises.find((e) => e.penalties.length > 0);
  expect(seeded, 'the demo data gives inspector01 an enterprise with penalties').toBeTruthy();
  const enterprise = seeded!;
  await signedIn(page, endpoint.url);
  await page.goto(`${endpoint.url}/#/enterprises/${enterprise.id}`);
  await expect(page.getByTestId('dossier')).toHaveAttribute('data-uscc', enterprise.uscc);
  await expect(page.getByTestId('dossier-name')).toHaveText(enterprise.name);
  const profile = page.getByTestId('credit-profile');
  await expect(profile.locator(`[data-risk-class="${enterprise.riskClass}"]`)).toContainText('内部');
  await expect(profile).toContainText('不公示，不作为处罚依据');
  await expect(page.getByTestId('penalty')).toHaveCount(enterprise.penalties.length);
  for (const penalty of enterprise.penalties) {
    const row = page.locator(`[data-testid="penalty"][data-decision="${penalty.decisionNumber}"]`);
    await expect(row).toContainText(penalty.authority);
    await expect(row).toContainText(penalty.decidedOn);
    await expect(row).toContainText(penalty.publicityEndsOn);
    await expect(row.getByTestId('penalty-disputed')).toHaveCount(penalty.amountYuan > 1_000_000 && penalty.confirmations < 2 ? 1 : 0);
  }
  await expect(page.getByTestId('lighthouse-event')).toHaveCount(enterprise.lighthouseEvents.length);
  await expect(page.getByTestId('credit-repair')).toHaveCount(enterprise.creditRepairs.length);
  for (const entry of [...enterprise.blackList, ...enterprise.redList].filter((e) => e.removedOn === null)) {
    await expect(page.getByTestId('credit-lists')).toContainText(entry.reason);
  }
  for (const debtor of enterprise.dishonestDebtors) await expect(page.getByTestId('credit-lists')).toContainText(debtor.caseNumber);
});

test('instant check answers a valid, an invalid and an unknown USCC, and pinyin initials, offline', async ({ page, context, endpoint }) => {
  const { api } = await endpoint.signIn('inspector01');
  const enterprises = (await pullAll(api)).flatMap((c) =>
    c.collection === 'enterprises' && c.op === 'upsert' ? [c.data as Enterprise] : [],
  );
  const target = enterprises.find((e) => /^[\u4e00-\u9fff]{2}/.test(e.name))!;
  await signedIn(page, endpoint.url);
  await context.setOffline(true);

  await page.keyboard.press('Control+k');
  const input = page.getByTestId('instant-check-input');
  await expect(input).toBeFocused();
  await expect(page.getByTestId('instant-check')).toHaveAttribute('data-ready', 'true');
  const answer = page.getByTestId('check-answer');

  await input.fill(target.uscc);
  await expect(answer).toHaveAttribute('data-kind', 'matches');
  await expect(answer).toHaveAttribute('data-by', 'uscc');
  await expect(page.getByTestId('check-result')).toHaveAttribute('data-uscc', target.uscc);
  await expect(page.getByTestId('check-result').locator(`[data-risk-class="${target.riskClass}"]`)).toBeVisible();

  const wrongCheck = target.uscc.slice(0, 17) + (target.uscc.endsWith('0') ? '1' : '0');
  await input.fill(wrongCheck);
  await expect(answer).toHaveAttribute('data-kind', 'invalid_uscc');
  await expect(answer).toHaveAttribute('data-reason', /check_digit/);
  await expect(answer).toContainText('校验');
  await input.fill('9137060');
  await expect(answer).toHaveAttribute('data-kind', /matches|partial_code_not_found/);
  await input.fill(`${target.uscc}1`);
  await expect(answer).toHaveAttribute('data-reason', 'length');

  await input.fill('91110000600037341L');
  await expect(answer).toHaveAttribute('data-kind', 'uscc_not_found');
  await expect(answer).toContainText('本机数据中没有');

  const { pinyin } = await import('pinyin-pro');
  const initials = pinyin(target.name.slice(0, 4), { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  await input.fill(initials);
  await expect(answer).toHaveAttribute('data-by', 'initials');
  await expect(page.locator(`[data-testid="check-result"][data-uscc="${target.uscc}"]`)).toBeVisible();
  await page.locator(`[data-testid="check-result"][data-uscc="${target.uscc}"]`).click();
  await expect(page.getByTestId('dossier')).toHaveAttribute('data-uscc', target.uscc);
});

test('a joint inspection with two photos (one of a check item) and two signatures, done offline, reaches the endpoint with its evidence; then it is locked, printable, and the other department sees it', async ({
  page,
  context,
  browser,
  endpoint,
}, testInfo) => {
  test.slow();
  const { api: api01, task, mySection } = await myPartOfSharedTask(endpoint);
  await signedIn(page, endpoint.url);
  await openTask(page, task.id);
  const files = await photos(page);
  await context.setOffline(true);
  const card = sectionCard(page, mySection.departmentId);

  // Fast keyboard entry: 1 = compliant on the focused item, and the focus moves on.
  const [first] = mySection.checkItemIds;
  await card.getByTestId(`item-${first}`).focus();
  for (let i = 0; i < mySection.checkItemIds.length; i++) await page.keyboard.press('1');
  for (const id of mySection.checkItemIds) await expect(card.getByTestId(`item-${id}-compliant`)).toBeChecked();

  // The category rule: a problem category needs a non-compliant item, and 未发现问题 is impossible with one.
  await card.getByTestId('section-result-category').click();
  await expect(page.locator('.ant-select-item-option[title^="发现问题已责令改正"]')).toHaveClass(/disabled/);
  await chooseOption(page, card.getByTestId('section-result-category'), '未发现问题');
  await card.getByTestId(`item-${first}`).focus();
  await page.keyboard.press('2');
  await expect(card.getByTestId(`item-${first}-note`)).toBeFocused();
  await expect(card.getByTestId('category-inconsistent')).toContainText('不能选择“未发现问题”');
  await page.keyboard.type('消防通道堵塞，已当场责令改正');
  await card.getByTestId('section-result-category').click();
  await expect(page.locator('.ant-select-item-option[title^="未发现问题"]')).toHaveClass(/disabled/);
  await chooseOption(page, card.getByTestId('section-result-category'), '发现问题已责令改正');
  await expect(card.getByTestId('category-inconsistent')).toHaveCount(0);

  // Photos: compressed and kept locally, counted as waiting. One of the whole section, dropped in; one as evidence of the
  // non-compliant item, picked from the keyboard (P on the focused item).
  await card.getByTestId('photos-drop').locator('input[type="file"]').setInputFiles(files[0]!);
  await expect(card.getByTestId('photos')).toHaveAttribute('data-count', '1');
  await card.getByTestId(`item-${first}`).focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('p');
  await (await chooser).setFiles(files[1]!);
  await expect(card.getByTestId(`item-${first}-photos`)).toHaveAttribute('data-count', '1');
  await expect(card.getByTestId('photos')).toHaveAttribute('data-count', '1');
  await recordEvidence(page, mySection);
  await expect(card.getByTestId('attachments-waiting')).toHaveAttribute('data-count', '4');

  // Completing needs everything; once completed the section is locked.
  await completeSection(page, card);
  await expect(card).toHaveAttribute('data-status', 'completed');
  await expect(card).toHaveAttribute('data-editable', 'false');
  await expect(card.getByTestId(`item-${first}-compliant`)).toBeDisabled();
  await expect(card.getByTestId('sign-officer_signature-pad')).toHaveCount(0);
  await testInfo.attach('task page', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await context.setOffline(false);
  await syncNow(page);
  await expect(card).toHaveAttribute('data-sync-state', 'attachments_verified');

  const stored = await serverSection(api01, mySection.id);
  expect(stored.status).toBe('completed');
  expect(stored.representativeName).toBe('王经理');
  expect(stored.teamPresent).toEqual(task.officerIds);
  expect(stored.checkIn).toMatchObject({ source: 'typed', place: '烟台市芝罘区南大街 1 号' });
  expect(stored.attachments.map((a) => a.kind).sort()).toEqual(['officer_signature', 'photo', 'photo', 'representative_signature']);
  const originals = files.map((f) => createHash('sha256').update(f.buffer).digest('hex')).sort();
  expect(
    stored.attachments
      .filter((a) => a.kind === 'photo')
      .map((a) => a.originalSha256)
      .sort(),
  ).toEqual(originals);
  const itemPhoto = stored.attachments.find((a) => a.kind === 'photo' && a.checkItemId !== undefined);
  expect(itemPhoto).toMatchObject({ checkItemId: first, originalSha256: createHash('sha256').update(files[1]!.buffer).digest('hex') });
  const { token } = (await (
    await fetch(`${endpoint.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'inspector01', password: 'demo1234', deviceId: 'e2e-verify' }),
    })
  ).json()) as { token: string };
  for (const attachment of stored.attachments) {
    const response = await fetch(`${endpoint.url}/api/v1/attachments/${attachment.sha256}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(attachment.sha256);
    expect(bytes.length).toBe(attachment.size);
    // Photos were downscaled before storage.
    if (attachment.kind === 'photo') expect(bytes.length).toBeLessThan(files[0]!.buffer.length);
  }

  // The inspection record: every department's section, the enterprise, signatures and photos, rendered to PDF.
  await page.getByTestId('open-record').click();
  const record = page.getByTestId('inspection-record');
  const enterpriseName = await page.getByTestId('record-enterprise').innerText();
  expect(enterpriseName.length).toBeGreaterThan(0);
  await expect(page.getByTestId('record-section')).toHaveCount(task.departmentIds.length);
  for (const departmentId of task.departmentIds)
    await expect(page.locator(`[data-testid="record-section"][data-department-id="${departmentId}"]`)).toBeVisible();
  await expect(record).toContainText('发现问题已责令改正');
  await expect(record).toContainText('王经理');
  await expect(record.locator('img.record-photo')).toHaveCount(2);
  // The item's photo is printed under its item, the other with the section.
  await expect(record.getByTestId(`record-item-photos-${first}`).locator('img.record-photo')).toHaveCount(1);
  await expect(record.getByTestId('record-section-photos').locator('img.record-photo')).toHaveCount(1);
  await expect(record.locator('img.record-signature-image')).toHaveCount(2);
  await testInfo.attach('inspection record', { body: await record.screenshot(), contentType: 'image/png' });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('export-pdf')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // The CJK font is embedded (not a fallback box font).
  expect(pdf.toString('latin1')).toMatch(/NotoSe?r?i?f?(Sans)?CJK|Noto.?Serif.?CJK|NotoSansCJK|NotoSerifCJK/);
  await testInfo.attach('inspection record.pdf', { body: pdf, contentType: 'application/pdf' });

  // An officer of the other department, on another machine: the photos and signatures come down with the record.
  const otherContext = await browser.newContext();
  try {
    const other = await otherContext.newPage();
    await signedIn(other, endpoint.url, 'inspector02');
    await other.goto(`${endpoint.url}/#/tasks/${task.id}/record`);
    const otherRecord = other.getByTestId('inspection-record');
    await expect(otherRecord).toHaveAttribute('data-attachment-downloads', 'done');
    const mine = otherRecord.locator(`[data-testid="record-section"][data-department-id="${mySection.departmentId}"]`);
    await expect(mine.getByTestId(`record-item-photos-${first}`).locator('img.record-photo')).toHaveCount(1);
    await expect(mine.getByTestId('record-section-photos').locator('img.record-photo')).toHaveCount(1);
    await expect(mine.locator('img.record-signature-image')).toHaveCount(2);
    // Read-only in the task page too, with the item's photo under the item.
    await other.goto(`${endpoint.url}/#/tasks/${task.id}`);
    const theirView = sectionCard(other, mySection.departmentId);
    await expect(theirView).toHaveAttribute('data-editable', 'false');
    await expect(theirView.getByTestId(`item-${first}-photos`).locator('[data-testid="photo"][data-local="true"]')).toHaveCount(1);
    await expect(theirView.locator('input[type="file"]')).toHaveCount(0);
  } finally {
    await otherContext.close();
  }
});

test('with no device position, the officer picks the check-in point on the offline map: Esc cancels, Enter confirms, and the endpoint and the record say "picked on map"', async ({
  page,
  context,
  endpoint,
}) => {
  const { api, task, mySection } = await myPartOfSharedTask(endpoint);
  const enterprise = await enterpriseOf(api, task.enterpriseId);
  await signedIn(page, endpoint.url);
  await openTask(page, task.id);
  await context.setOffline(true);
  const card = sectionCard(page, mySection.departmentId);
  const checkIn = card.getByTestId('check-in');
  const map = page.getByTestId('check-in-map');

  // The map opens on the enterprise's registered location, over the bundled district outlines, with no tile server.
  await card.getByTestId('check-in-pick-map').click();
  await expect(map).toHaveAttribute('data-state', 'ready');
  await expect(map).toHaveAttribute('data-centred', 'enterprise');
  await expect(map).toHaveAttribute('data-tiles', 'off');
  await expect(map.getByTestId('district-label').first()).toBeAttached();
  await expect(page.getByTestId('check-in-map-confirm')).toBeDisabled();
  // Esc cancels: nothing is recorded.
  await map.click();
  await page.keyboard.press('Escape');
  await expect(map).toHaveCount(0);
  await expect(checkIn).toHaveAttribute('data-source', '');

  // A click places the marker; Enter confirms it.
  await card.getByTestId('check-in-pick-map').click();
  await expect(map).toHaveAttribute('data-state', 'ready');
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width / 2 + 60, y: box.height / 2 - 40 } });
  await expect(map).toHaveAttribute('data-picked', /,/);
  const [lng, lat] = (await map.getAttribute('data-picked'))!.split(',').map(Number) as [number, number];
  // East and north of the enterprise, a few hundred metres at the street zoom the map opens at.
  expect(lng).toBeGreaterThan(enterprise.location.lng);
  expect(lat).toBeGreaterThan(enterprise.location.lat);
  expect(Math.abs(lng - enterprise.location.lng) + Math.abs(lat - enterprise.location.lat)).toBeLessThan(0.01);
  await expect(page.getByTestId('check-in-map-point')).toHaveText(`${lng.toFixed(5)}, ${lat.toFixed(5)}`);
  await page.keyboard.press('Enter');
  await expect(map).toHaveCount(0);
  await expect(checkIn).toHaveAttribute('data-location-source', 'map');
  await expect(checkIn).toHaveAttribute('data-source', 'typed');
  await expect(card.getByTestId('check-in-source')).toHaveText('地图选点');
  await expect(checkIn).toContainText(`${lng.toFixed(5)}, ${lat.toFixed(5)}`);
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');

  // Reopened, the dialog starts from the recorded point.
  await card.getByTestId('check-in-pick-map').click();
  const recorded = { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
  await expect(map).toHaveAttribute('data-picked', `${recorded.lng},${recorded.lat}`);
  await page.getByTestId('check-in-map-cancel').click();
  await expect(map).toHaveCount(0);

  await context.setOffline(false);
  await syncNow(page);
  const stored = await serverSection(api, mySection.id);
  expect(stored.checkIn).toMatchObject({ source: 'typed', locationSource: 'map', accuracyM: null, location: recorded });

  // The printed record names the source of the place.
  await page.getByTestId('open-record').click();
  await expect(page.getByTestId('record-place')).toHaveAttribute('data-location-source', 'map');
  await expect(page.getByTestId('record-place')).toContainText('地图选点');
});
