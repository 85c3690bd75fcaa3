// Steps of the supervisor's plan pages, and the checks made on what they download.
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { chooseOptions } from './select';

export interface NewPlan {
  name: string;
  /** Departments added to the supervisor's own, by name. */
  addDepartments: string[];
  districts: string[];
  seedSource: string;
}

/** Fills and sends the create-plan form; resolves on the new plan's page with its id. */
export async function createPlan(page: Page, plan: NewPlan): Promise<string> {
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('plan-new').click();
  await expect(page.getByTestId('plan-form')).toBeVisible();
  await page.getByTestId('plan-name').fill(plan.name);
  await chooseOptions(page, page.getByTestId('plan-departments'), plan.addDepartments);
  await chooseOptions(page, page.getByTestId('plan-districts'), plan.districts);
  await page.getByTestId('plan-seed-source').fill(plan.seedSource);
  await page.getByTestId('plan-submit').click();
  const planPage = page.getByTestId('plan-page');
  await expect(planPage).toBeVisible();
  const planId = await planPage.getAttribute('data-plan-id');
  if (!planId) throw new Error('plan page without a plan id');
  return planId;
}

export async function runDraw(page: Page, seedValue: string): Promise<void> {
  await page.getByTestId('seed-value').fill(seedValue);
  await page.getByTestId('run-draw').click();
  await page.getByTestId('run-draw-confirm').click();
  await expect(page.getByTestId('draw-result')).toBeVisible();
}

/** Clicks a download button and returns the downloaded file's path and parsed JSON. */
export async function downloadJsonFile(page: Page, testId: string): Promise<{ path: string; json: unknown; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  return { path, json: JSON.parse(text) as unknown, text };
}
