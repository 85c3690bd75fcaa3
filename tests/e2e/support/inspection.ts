import { expect, type Locator, type Page } from '@playwright/test';
import type { InspectionSection } from '../../../src/shared/domain/model';

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
  await card.getByTestId('section-result-category').click();
  await page.locator('.ant-select-item-option[title="发现问题已责令改正"]').click();
  await expect(page.getByTestId('autosave-status')).toHaveAttribute('data-state', 'saved');
}

export async function openTask(page: Page, taskId: string): Promise<void> {
  await page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`).click();
  await expect(page.getByTestId('section-card').first()).toBeVisible();
}
