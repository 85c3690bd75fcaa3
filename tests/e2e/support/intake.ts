// Steps of the intake's screens, and the department files they upload: the penalty template with its Chinese headers.
import { expect, type Locator, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { buildUscc } from '@shared/domain/uscc';
import type { Enterprise } from '@shared/domain/model';
import { INTAKE_TEMPLATES } from '@shared/intake/templates';

/** A department file in the penalty template: the template's headers in its order, one row per record. */
export function penaltyCsv(rows: readonly Record<string, string>[], encoding: 'utf-8' | 'gb18030'): Buffer {
  const fields = INTAKE_TEMPLATES.penalties.fields;
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [fields.map((f) => f.header), ...rows.map((row) => fields.map((f) => row[f.name] ?? ''))];
  return iconv.encode(lines.map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n', encoding);
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A penalty of the district's market regulator on `enterprise`, fined `fineWan` 万元; `overrides` by field name. */
export function penaltyRow(enterprise: Enterprise, decisionNumber: string, fineWan: string, overrides: Record<string, string> = {}) {
  return {
    entityName: enterprise.name,
    entityCategory: enterprise.entityCategory === 'individual_business' ? '个体工商户' : '法人及非法人组织',
    uscc: enterprise.uscc,
    legalRepresentative: enterprise.legalRepresentative,
    decisionNumber,
    violationType: '销售不符合食品安全标准的食品',
    violationFacts: '经抽检，当事人销售的海参产品菌落总数不合格。',
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    penaltyCategories: '警告;罚款',
    penaltyContent: `警告，并处罚款${fineWan}万元`,
    fineAmount: fineWan,
    decidedOn: daysAgo(20),
    validUntil: '2099-12-31',
    authority: '烟台市芝罘区市场监督管理局',
    authorityUscc: buildUscc('1', '1', '370602', '00418400'),
    dataSource: '烟台市市场监督管理局',
    dataSourceUscc: buildUscc('1', '1', '370600', '00418300'),
    ...overrides,
  };
}

/** Signs in as an officer whose work is on the endpoint (data officer, reviewer): they land on the intake, no sync. */
export async function signInToIntake(page: Page, username: string, landing: Locator): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(landing).toBeVisible();
}

/** Chooses the file in the browser's file chooser the upload opens, and waits for the batch it made. */
export async function uploadFile(page: Page, file: { name: string; buffer: Buffer }): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('intake-upload-choose').click();
  await (await chooser).setFiles({ name: file.name, mimeType: 'text/csv', buffer: file.buffer });
  const done = page.getByTestId('intake-upload-done');
  await expect(done).toBeVisible();
  return done;
}

/** The counts of a batch as the app shows them. */
export async function shownCounts(scope: Locator): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of ['received', 'accepted', 'updated', 'duplicate', 'returned', 'disputed']) {
    counts[name] = Number(await scope.getByTestId(`intake-count-${name}`).getAttribute('data-count'));
  }
  return counts;
}

/** Approves the disputed record in the reviewer's queue and waits for the endpoint's answer. */
export async function approveDispute(page: Page, recordId: string): Promise<Locator> {
  const card = page.locator(`[data-testid="intake-dispute"][data-record-id="${recordId}"]`);
  await card.getByTestId('intake-approve').click();
  await page.getByTestId('intake-approve-confirm').click();
  return card;
}
