// Picking options of antd Selects the way an officer does, robust to a click lost while a dropdown opens or its field
// re-renders: the pick is made again until the field shows it (the app's own signal), never after a fixed sleep.
import { expect, type Locator, type Page } from '@playwright/test';

/** Picks the option with this title and waits for the field to show it. */
export async function chooseOption(page: Page, select: Locator, title: string): Promise<void> {
  const combobox = select.locator('input[role="combobox"]');
  const shown = select.locator(`[title="${title}"]`).first();
  await expect(async () => {
    // Checked first: clicking a chosen option of a multiple Select again would take it away.
    if (await shown.isVisible()) return;
    if ((await combobox.getAttribute('aria-expanded')) !== 'true') await select.click();
    // This Select's own dropdown (the one holding its listbox), not another one still closing.
    const list = await combobox.getAttribute('aria-controls', { timeout: 2_000 });
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) });
    await dropdown.locator(`.ant-select-item-option[title="${title}"]`).click({ timeout: 5_000 });
    await expect(shown).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
}

/** Picks options of a multiple Select, then closes its dropdown. */
export async function chooseOptions(page: Page, select: Locator, titles: string[]): Promise<void> {
  for (const title of titles) await chooseOption(page, select, title);
  await page.keyboard.press('Escape');
}
