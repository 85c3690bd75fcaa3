// Inspections as they really happen: nobody at the registered address, a representative who refuses to sign, every
// officer's signature on the joint record, and the published result coming back into another officer's dossier.
import type { Page } from '@playwright/test';
import type { InspectionSection } from '@shared/domain/model';
import type { RunningEndpoint } from './support/endpoint';
import { test, expect, signedInAndSynced, syncNow } from './support/fixtures';
import { chooseOption } from './support/select';
import { enterpriseOf, myPartOfSharedTask, sectionsOfTask, serverSection } from './support/api';
import { checkInTyped, completeSection, openMySection, openTask, photos, sectionCard, sign, tickTeam } from './support/inspection';
import { completeTaskThroughApi } from './support/review';

async function answerAll(page: Page, section: InspectionSection, outcome: 'compliant' | 'not_applicable') {
  const card = sectionCard(page, section.departmentId);
  for (const id of section.checkItemIds) await card.getByTestId(`item-${id}-${outcome}`).click();
}

/** inspector01's section found compliant with every piece of evidence but the representative's signature. */
async function awaitingTheRepresentative(page: Page, endpoint: RunningEndpoint) {
  const opened = await openMySection(page, endpoint);
  const { card, mySection } = opened;
  await answerAll(page, mySection, 'compliant');
  await chooseOption(page, card.getByTestId('section-result-category'), '未发现问题');
  await checkInTyped(card);
  await tickTeam(card);
  await card.getByTestId('representative-name').fill('王经理');
  await sign(page, card, 'officer_signature');
  return opened;
}

test('an unreachable enterprise: completed offline with a photo, findings and a located check-in, and no representative', async ({
  page,
  context,
  endpoint,
}) => {
  const { api, task, mySection, card } = await openMySection(page, endpoint);
  const { location } = await enterpriseOf(api, task.enterpriseId);
  // The position is asked for only when the officer checks in.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: location.lng, latitude: location.lat, accuracy: 15 });
  const files = await photos(page);
  await context.setOffline(true);

  await answerAll(page, mySection, 'not_applicable');
  await chooseOption(page, card.getByTestId('section-result-category'), '通过登记的住所（经营场所）无法联系');
  // Nobody represents the enterprise: no name, no signature asked for; the officers' own record is.
  await expect(card.getByTestId('no-representative')).toBeVisible();
  await expect(card.getByTestId('representative-name')).toHaveCount(0);
  await card.getByTestId('check-in-now').click();
  await expect(card.getByTestId('check-in')).toHaveAttribute('data-location-source', 'device');
  await tickTeam(card);
  await sign(page, card, 'officer_signature');
  // Without findings and a photo it cannot be completed, and says so where the officer is looking.
  await card.getByTestId('section-complete').click();
  await expect(card.getByTestId('section-problems')).toBeInViewport();
  await expect(card.getByTestId('section-problems')).toContainText('请填写现场情况');
  await expect(card.getByTestId('section-problems')).toContainText('至少需要一张现场照片');
  await card.getByTestId('findings').fill('登记住所大门紧锁，张贴“暂停营业”告示，电话无人接听');
  await card.getByTestId('photos-drop').locator('input[type="file"]').setInputFiles(files[0]!);
  await expect(card.getByTestId('photos')).toHaveAttribute('data-count', '1');
  await completeSection(page, card);

  await context.setOffline(false);
  await syncNow(page);
  await expect(sectionCard(page, mySection.departmentId)).toHaveAttribute('data-sync-state', 'attachments_verified');
  await page.getByTestId('open-record').click();
  const record = page.locator(`[data-testid="record-section"][data-department-id="${mySection.departmentId}"]`);
  await expect(record.getByTestId('record-outcome')).toContainText('通过登记的住所（经营场所）无法联系');
  await expect(record.getByTestId('record-findings')).toContainText('大门紧锁');
  await expect(record.getByTestId('record-representative-signature')).toHaveCount(0);
  await expect(record.getByTestId('record-officer-signature')).toHaveCount(1);
  expect(await serverSection(api, mySection.id)).toMatchObject({
    status: 'completed',
    resultCategory: 'address_unreachable',
    representativeName: '',
    findings: '登记住所大门紧锁，张贴“暂停营业”告示，电话无人接听',
    checkIn: { location: { lng: location.lng, lat: location.lat } },
  });
});

test('a refusal to sign, confirmed by the second officer present with their own credentials on this laptop', async ({ page, endpoint }) => {
  const { api, mySection, colleague, card } = await awaitingTheRepresentative(page, endpoint);

  await card.getByTestId('refuse-signature').click();
  await expect(card.getByTestId('signature-refused')).toHaveText('当事人拒绝签字');
  await card.getByTestId(`confirm-refusal-${colleague.id}`).click();
  // Only the colleague's own credentials confirm it.
  await page.getByTestId('attest-username').fill('inspector02');
  await page.getByTestId('attest-password').fill('not-the-password');
  await page.getByTestId('attest-confirm').click();
  await expect(page.getByTestId('attest-error')).toContainText('用户名或密码错误');
  await page.getByTestId('attest-password').fill('demo1234');
  await page.getByTestId('attest-confirm').click();
  await expect(card.getByTestId('signature-refusal-confirmation')).toContainText(colleague.name);
  await expect(card.getByTestId('signature-refusal-confirmation')).toContainText('服务器核验');
  await completeSection(page, card);
  await syncNow(page);

  const stored = await serverSection(api, mySection.id);
  expect(stored.signatureRefusal?.confirmation).toMatchObject({ officerId: colleague.id, method: 'online' });
  expect(stored.attachments.filter((a) => a.kind === 'representative_signature')).toEqual([]);
  await page.getByTestId('open-record').click();
  const refused = page
    .locator(`[data-testid="record-section"][data-department-id="${mySection.departmentId}"]`)
    .getByTestId('record-signature-refused');
  await expect(refused).toContainText('当事人拒绝签字');
  await expect(refused).toContainText(colleague.name);
});

test('a refusal to sign, confirmed by the second officer in the section as they see it on their own device', async ({
  page,
  browser,
  endpoint,
}) => {
  test.slow();
  const { api, task, mySection, colleague, card } = await awaitingTheRepresentative(page, endpoint);
  await card.getByTestId('refuse-signature').click();
  await syncNow(page);

  // inspector02, on their own device, sees inspector01's section and confirms there.
  const other = await (await browser.newContext()).newPage();
  await signedInAndSynced(other, endpoint.url, 'inspector02');
  await openTask(other, task.id);
  const seen = sectionCard(other, mySection.departmentId);
  await seen.getByTestId('confirm-refusal-here').click();
  await expect(seen.getByTestId('refusal-confirmed-here')).toBeVisible();

  await card.getByTestId('fetch-refusal-confirmation').click();
  await expect(card.getByTestId('signature-refusal-confirmation')).toContainText(colleague.name);
  await completeSection(page, card);
  await syncNow(page);
  expect((await serverSection(api, mySection.id)).signatureRefusal?.confirmation).toMatchObject({
    officerId: colleague.id,
    method: 'online',
  });
});

test('every officer signs: the joint record shows the signature of each officer who completed a section', async ({ page, endpoint }) => {
  const { api, task, me, colleague } = await myPartOfSharedTask(endpoint);
  await completeTaskThroughApi(endpoint, task, await sectionsOfTask(api, task.id));
  await signedInAndSynced(page, endpoint.url);
  await openTask(page, task.id);
  await page.getByTestId('open-record').click();
  const signatures = page.getByTestId('record-officer-signature');
  await expect(signatures).toHaveCount(task.officerIds.length);
  for (const officer of [me, colleague])
    await expect(page.locator(`[data-testid="record-officer-signature"][data-officer-id="${officer.id}"]`)).toContainText(officer.name);
});

test("a published inspection comes back into another officer's dossier with their next sync", async ({ page, endpoint }) => {
  const { api, task } = await myPartOfSharedTask(endpoint);
  // inspector02 holds the enterprise's profile before the inspection is published.
  await signedInAndSynced(page, endpoint.url, 'inspector02');
  await page.goto(`${endpoint.url}/#/enterprises/${task.enterpriseId}`);
  await expect(page.getByTestId('credit-profile')).toBeVisible();
  await expect(page.locator(`[data-testid="past-inspection"][data-task-id="${task.id}"]`)).toHaveCount(0);

  await completeTaskThroughApi(endpoint, task, await sectionsOfTask(api, task.id));
  const { api: supervisor } = await endpoint.signIn('supervisor01');
  await supervisor.call('review.approve', { params: { taskId: task.id } });
  await supervisor.call('publication.publish', { body: { taskIds: [task.id] } });

  await syncNow(page);
  const entries = page.locator(`[data-testid="past-inspection"][data-task-id="${task.id}"]`);
  await expect(entries).toHaveCount(task.departmentIds.length);
  await expect(entries.first()).toContainText('未发现问题');
});
