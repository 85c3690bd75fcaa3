import { expect, type Locator, type Page } from '@playwright/test';
import type { InspectionSection } from '@shared/domain/model';
import { myPartOfSharedTask, type MyPart } from './api';
import type { RunningEndpoint } from './endpoint';
import { signedInAndSynced } from './fixtures';
import { chooseOption } from './select';

export function sectionCard(page: Page, departmentId: string): Locator {
  return page.locator(`[data-testid="section-card"][data-department-id="${departmentId}"]`);
}

/** Fills a section the way an inspector does: first item non-compliant with a note, the rest compliant. */
export async function fillSection(page: Page, section: InspectionSection, note: string): Promise<void> {
  const card = sectionCard(page, section.departmentId);
  const [first, ...rest] = section.checkItemIds;
  if (!first) throw new Error('section without check items');
  await card.getByTestId(`item-${first}-non_compliant`).click();
  await card.getByTestId(`item-${first}-note`).fill(note);
  for (const checkItemId of rest) await card.getByTestId(`item-${checkItemId}-compliant`).click();
  await chooseOption(page, card.getByTestId('section-result-category'), '发现问题已责令改正');
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
}

export async function openTask(page: Page, taskId: string): Promise<void> {
  await page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`).click();
  await expect(page.getByTestId('section-card').first()).toBeVisible();
}

/** `myPartOfSharedTask` as its inspector sees it: signed in, synced, the task open; `card` is their section's. */
export async function openMySection(page: Page, endpoint: RunningEndpoint, username = 'inspector01'): Promise<MyPart & { card: Locator }> {
  const part = await myPartOfSharedTask(endpoint, username);
  await signedInAndSynced(page, endpoint.url, username);
  await openTask(page, part.task.id);
  return { ...part, card: sectionCard(page, part.mySection.departmentId) };
}

/** Draws a stroke on a signature pad and confirms it. */
export async function sign(page: Page, card: Locator, kind: 'representative_signature' | 'officer_signature'): Promise<void> {
  const pad = card.getByTestId(`sign-${kind}-pad`);
  // The mouse draws only where the page shows the pad.
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error(`signature pad ${kind} is not visible`);
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
  await page.mouse.up();
  await card.getByTestId(`sign-${kind}-save`).click();
  await expect(card.getByTestId(`signature-${kind}`)).toHaveAttribute('data-signed', 'true');
}

/** Checks in by a typed place (no position). */
export async function checkInTyped(card: Locator, place = '烟台市芝罘区南大街 1 号'): Promise<void> {
  await card.getByTestId('check-in-place').fill(place);
  await card.getByTestId('check-in-typed').click();
  await expect(card.getByTestId('check-in')).toHaveAttribute('data-source', 'typed');
}

/** Marks every officer of the team present. */
export async function tickTeam(card: Locator): Promise<void> {
  for (const box of await card.getByTestId('team-present').locator('input[type="checkbox"]').all()) await box.check();
}

/** The evidence completion asks for: a typed check-in, the whole team present, the representative and both signatures. */
export async function recordEvidence(page: Page, section: InspectionSection, place?: string): Promise<void> {
  const card = sectionCard(page, section.departmentId);
  await checkInTyped(card, place);
  await tickTeam(card);
  await card.getByTestId('representative-name').fill('王经理');
  await sign(page, card, 'representative_signature');
  await sign(page, card, 'officer_signature');
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
}

/** Presses 完成 and confirms the dialog that names what will lock; the section is then completed and read-only. */
export async function completeSection(page: Page, card: Locator): Promise<void> {
  await card.getByTestId('section-complete').click();
  await page.getByTestId('complete-confirm').click();
  await expect(card).toHaveAttribute('data-status', 'completed');
}

/** An inspection from start to lock, as a newcomer does it: the items, the evidence of the visit, completion. */
export async function inspectAndComplete(page: Page, section: InspectionSection, note: string): Promise<void> {
  await fillSection(page, section, note);
  await recordEvidence(page, section);
  await completeSection(page, sectionCard(page, section.departmentId));
}

/** Two different JPEG photos, drawn by the browser itself. */
export async function photos(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const encoded = await page.evaluate(() =>
    ['#c8102e', '#1f4e99'].map((color, i) => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 2400, 1800);
      ctx.fillStyle = '#fff';
      ctx.font = '200px sans-serif';
      ctx.fillText(`消防通道 ${i + 1}`, 200, 900);
      return canvas.toDataURL('image/jpeg', 0.95).split(',')[1]!;
    }),
  );
  return encoded.map((base64, i) => ({ name: `IMG_000${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') }));
}
