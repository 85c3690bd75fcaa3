// The city platform's intake end to end, in the browser host: a data officer uploads a penalty file (GB18030, as
// Chinese office software writes it) with a bad USCC, a name the register does not know for its code and a fine of
// 150 万元; two rows come back as returns and one is disputed. Two credit reviewers approve the dispute, an inspector's
// sync brings the penalty to the enterprise's dossier, and the returned rows, corrected in the downloaded returns file,
// go in again and clear their returns.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Enterprise, InspectionTask } from '@shared/domain/model';
import { INTAKE_TEMPLATES, PROBLEMS_COLUMN, RETURN_ID_COLUMN } from '@shared/intake/templates';
import { test, expect, firstSyncDone, openApp, signIn } from './support/fixtures';
import { pullAll } from './support/api';
import { chooseOption } from './support/select';
import { approveDispute, penaltyCsv, penaltyRow, shownCounts, signInToIntake, uploadFile } from './support/intake';

test('penalties in: returns, a dispute confirmed twice, the penalty on the laptop, the returns corrected', async ({
  browser,
  endpoint,
}) => {
  // Four officers' sessions on a shared 2-core machine.
  test.setTimeout(300_000);

  // The enterprise of one of inspector01's tasks (so its dossier is on the laptop), and two more of the register.
  const { api: inspectorApi } = await endpoint.signIn('inspector01');
  const changes = await pullAll(inspectorApi);
  const enterprises = new Map(
    changes.flatMap((c) => (c.collection === 'enterprises' && c.op === 'upsert' ? [[c.id, c.data as Enterprise] as const] : [])),
  );
  const task = changes.find((c) => c.collection === 'tasks' && c.op === 'upsert')?.data as InspectionTask;
  const fined = task && enterprises.get(task.enterpriseId);
  if (!fined) throw new Error("no enterprise of inspector01's tasks in the demo data");
  const [badCode, wrongName] = [...enterprises.values()].filter((e) => e.id !== fined.id);
  if (!badCode || !wrongName) throw new Error('the demo data has too few enterprises for inspector01');
  // The check character of badCode's USCC, changed: an invalid code.
  const brokenUscc = badCode.uscc.slice(0, 17) + (badCode.uscc.endsWith('0') ? '1' : '0');
  const decision = (n: number) => `烟芝市监罚〔2026〕E2E${n}号`;
  const file = penaltyCsv(
    [
      penaltyRow(fined, decision(1), '150'),
      penaltyRow(badCode, decision(2), '0.5', { uscc: brokenUscc }),
      penaltyRow(wrongName, decision(3), '0.2', { entityName: '烟台市不存在贸易有限公司' }),
    ],
    'gb18030',
  );

  // The data officer lands on the intake: no tasks, no sync.
  const officer = await (await browser.newContext()).newPage();
  await openApp(officer, endpoint.url);
  await signInToIntake(officer, 'data01', officer.getByTestId('intake-batches-page'));
  await expect(officer.getByTestId('nav-tasks')).toHaveCount(0);
  await expect(officer.getByTestId('sync-button')).toHaveCount(0);

  const done = await uploadFile(officer, { name: '行政处罚-12月上半月.csv', buffer: file });
  expect(await shownCounts(done)).toEqual({ received: 3, accepted: 0, updated: 0, duplicate: 0, returned: 2, disputed: 1 });

  // The batch's records by status: the dispute is the 150 万元 fine.
  await done.getByTestId('intake-upload-open-batch').click();
  await officer.getByTestId('intake-record-filter').getByText('争议', { exact: false }).click();
  const disputedRow = officer.locator('[data-testid="intake-record-row"][data-status="disputed"]');
  await expect(disputedRow).toHaveCount(1);
  await expect(disputedRow).toContainText(fined.name);
  const disputedId = (await disputedRow.getAttribute('data-record-id'))!;

  // Two returns (beside those the demo data left the department), each with its problem on its field.
  await officer.getByTestId('nav-intake-returns').click();
  const ourReturns = () => officer.getByTestId('intake-return-list').getByTestId('intake-record-row').filter({ hasText: 'E2E' });
  await expect(ourReturns()).toHaveCount(2);
  const problem = (code: string) => ourReturns().locator(`[data-testid="intake-problem"][data-code="${code}"]`);
  await expect(problem('uscc_invalid')).toHaveCount(1);
  await expect(problem('uscc_name_mismatch')).toHaveCount(1);
  await expect(ourReturns().locator(`[data-testid="intake-problem-field"][data-field="行政相对人代码_1（统一社会信用代码）"]`)).toHaveCount(
    2,
  );

  // Two different reviewers approve; the second sees the first one's decision, with who and when.
  const reviewer1 = await (await browser.newContext()).newPage();
  await openApp(reviewer1, endpoint.url);
  await signInToIntake(reviewer1, 'reviewer01', reviewer1.getByTestId('intake-disputes-page'));
  const first = await approveDispute(reviewer1, disputedId);
  await expect(first).toHaveAttribute('data-approvals', '1');
  await expect(first.getByTestId('intake-approve')).toBeDisabled();

  const reviewer2 = await (await browser.newContext()).newPage();
  await openApp(reviewer2, endpoint.url);
  await signInToIntake(reviewer2, 'reviewer02', reviewer2.getByTestId('intake-disputes-page'));
  const card = reviewer2.locator(`[data-testid="intake-dispute"][data-record-id="${disputedId}"]`);
  await expect(card.locator('[data-testid="intake-review"][data-reviewer="off-reviewer01"]')).toHaveAttribute('data-decision', 'approve');
  await approveDispute(reviewer2, disputedId);
  // Confirmed twice: it leaves the queue.
  await expect(card).toHaveCount(0);

  // An inspector's sync brings the penalty to the enterprise's dossier.
  const inspector = await (await browser.newContext()).newPage();
  await openApp(inspector, endpoint.url);
  await signIn(inspector, 'inspector01');
  await firstSyncDone(inspector);
  await inspector.evaluate((id) => (window.location.hash = `#/enterprises/${encodeURIComponent(id)}`), fined.id);
  await expect(inspector.locator(`[data-testid="penalty"][data-decision="${decision(1)}"]`)).toBeVisible();

  // The data officer downloads the returns as the template, corrects the two rows and uploads the file as it is.
  await chooseOption(officer, officer.getByTestId('intake-returns-kind'), INTAKE_TEMPLATES.penalties.title);
  const download = officer.waitForEvent('download');
  await officer.getByTestId('intake-returns-download-csv').click();
  const returnsFile = await readFile((await (await download).path())!);
  const [header, ...rows] = parse(returnsFile, { bom: true, relax_column_count: true }) as string[][];
  expect(header).toEqual(expect.arrayContaining([PROBLEMS_COLUMN.header, RETURN_ID_COLUMN.header]));
  const column = (name: string) => header!.indexOf(INTAKE_TEMPLATES.penalties.fields.find((f) => f.name === name)!.header);
  const ours = rows.filter((row) => [decision(2), decision(3)].includes(row[column('decisionNumber')]!));
  expect(ours).toHaveLength(2);
  const corrected = ours.map((row) => {
    const fixed = [...row];
    if (row[column('decisionNumber')] === decision(2)) fixed[column('uscc')] = badCode.uscc;
    if (row[column('decisionNumber')] === decision(3)) fixed[column('entityName')] = wrongName.name;
    return fixed;
  });
  const csv = [header!, ...corrected].map((line) => line.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','));
  const again = await uploadFile(officer, { name: '行政处罚-退回更正.csv', buffer: Buffer.from(`\ufeff${csv.join('\r\n')}\r\n`) });
  const counts = await shownCounts(again);
  expect(counts).toMatchObject({ received: 2, returned: 0, disputed: 0 });
  expect(counts.accepted! + counts.updated!).toBe(2);
  await expect(ourReturns()).toHaveCount(0);
  await officer.getByTestId('intake-returns-state').getByText('已更正').click();
  await expect(ourReturns()).toHaveCount(2);
  await expect(ourReturns().first()).toHaveAttribute('data-return-state', 'cleared');
});
