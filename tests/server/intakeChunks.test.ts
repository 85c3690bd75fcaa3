// A batch of several chunks: each chunk's lookups (known revisions, open returns) go to the database before the chunk
// before it is stored, and that chunk's outcome corrects them. Keys repeated across adjacent chunks must come out as if
// the chunks had been stored one after the other: updated, duplicate, returns cleared.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { IntakeBatchResponse, IntakeCounts } from '@shared/api/intake';
import { shanghaiDate } from '@shared/calendar/workingDays';
import { halfMonthPeriodOf } from '@shared/intake/periods';
import { queryRows } from '../../src/server/db/open';
import { ingestBatch, lockIntake } from '../../src/server/services/intake/ingest';
import { INGEST_CHUNK, prepareRows, type PreparedRows } from '../../src/server/services/intake/prepare';
import { csvFile, penaltyRow } from '../support/intakeFiles';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const fixture = buildFixture();
const C = INGEST_CHUNK;

/** Three chunks' rows (two full ones and 3 rows) with keys repeated across the chunks' boundaries. */
function penalties(prefix: string): Record<string, string>[] {
  const row = (n: number, decision: string, overrides: Record<string, string> = {}, name?: string) => {
    const enterprise = fixture.enterpriseAt(n % 12);
    return penaltyRow(enterprise.uscc, name ?? enterprise.name, `${prefix}〔2026〕${decision}号`, overrides);
  };
  const rows = Array.from({ length: 2 * C + 3 }, (_, i) => row(i, String(i + 1)));
  const at = (n: number, values: Record<string, string>) => (rows[n - 1] = values);
  // Across the first two chunks: accepted then updated, accepted then repeated, disputed then repeated, returned then
  // corrected.
  at(C, row(0, 'A'));
  at(C + 1, row(0, 'A', { fineAmount: '3' }));
  at(C - 1, row(1, 'B'));
  at(C + 2, row(1, 'B'));
  at(C - 2, row(2, 'D', { fineAmount: '150' }));
  at(C + 3, row(2, 'D', { fineAmount: '150' }));
  at(C - 3, row(3, 'R', {}, '别家公司'));
  at(C + 4, row(3, 'R'));
  // Across the second and third: updated in the second and repeated in the third, returned and corrected.
  at(C - 4, row(4, 'E'));
  at(2 * C - 1, row(4, 'E', { fineAmount: '4' }));
  at(2 * C + 1, row(4, 'E', { fineAmount: '4' }));
  at(2 * C, row(5, 'S', {}, '别家公司'));
  at(2 * C + 2, row(5, 'S'));
  return rows;
}

const expectedCounts: IntakeCounts = { received: 2 * C + 3, accepted: 2 * C + 3 - 8, updated: 2, duplicate: 3, returned: 2, disputed: 1 };

describeEachDriver('intake in chunks', (fresh) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
  });

  async function expectStoredInOrder(batchId: string) {
    const row = async (n: number) =>
      (
        await queryRows<{
          status: string;
          current: boolean;
          return_state: string | null;
          cleared_by: string | null;
          replaces: string | null;
        }>(
          h.database.db,
          sql`SELECT status, current, return_state, cleared_by, replaces FROM intake_records WHERE id = ${`${batchId}.${n}`}`,
        )
      )[0];
    expect(await row(C)).toMatchObject({ status: 'accepted', current: false });
    expect(await row(C + 1)).toMatchObject({ status: 'updated', current: true, replaces: `${batchId}.${C}` });
    expect(await row(C + 2)).toMatchObject({ status: 'duplicate', current: false });
    expect(await row(C + 3)).toMatchObject({ status: 'duplicate', current: false });
    expect(await row(C - 3)).toMatchObject({ status: 'returned', return_state: 'cleared', cleared_by: `${batchId}.${C + 4}` });
    expect(await row(2 * C - 1)).toMatchObject({ status: 'updated', current: true, replaces: `${batchId}.${C - 4}` });
    expect(await row(2 * C + 1)).toMatchObject({ status: 'duplicate' });
    expect(await row(2 * C)).toMatchObject({ status: 'returned', return_state: 'cleared', cleared_by: `${batchId}.${2 * C + 2}` });
    const twice = await queryRows<{ key: string }>(
      h.database.db,
      sql`SELECT natural_key AS key FROM intake_records WHERE batch_id = ${batchId} AND current GROUP BY natural_key HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    const [batch] = await queryRows<{ open_returns: number }>(
      h.database.db,
      sql`SELECT open_returns FROM intake_batches WHERE id = ${batchId}`,
    );
    expect(batch!.open_returns).toBe(0);
  }

  it('stores chunks handed over at once as if stored one after the other', async () => {
    // Every chunk ready at once: each chunk's lookups go out before the chunk before it is decided and stored.
    const today = shanghaiDate(new Date());
    const chunks: PreparedRows[] = [];
    const parsed = penalties('芝市监罚').map((values, i) => ({ row: i + 1, values, returnId: null }));
    for await (const chunk of prepareRows(
      'penalties',
      (async function* () {
        yield parsed;
      })(),
      today,
    ))
      chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.row.length)).toEqual([C, C, 3]);
    const id = 'ib-chunks';
    const meta = {
      id,
      kind: 'penalties' as const,
      source: 'dept-amr',
      uploadedBy: 'data-amr',
      fileName: 'chunks.json',
      mediaType: 'application/json',
      encoding: null,
      periodStart: halfMonthPeriodOf(today).start,
    };
    const { counts } = await h.database.db.transaction(async (tx) => {
      await lockIntake(tx);
      return ingestBatch(
        tx,
        meta,
        (async function* () {
          yield* chunks;
        })(),
        { today, bytes: () => 0 },
      );
    });
    expect(counts).toEqual(expectedCounts);
    await expectStoredInOrder(id);
  });

  it('stores an uploaded file of several chunks as if stored one after the other', async () => {
    const token = await h.login('data-amr');
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/intake/batches?kind=penalties&source=dept-amr',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'x-file-name': 'chunks.csv' },
      payload: csvFile('penalties', penalties('莱市监罚')),
    });
    expect(response.statusCode, response.body).toBe(201);
    const { batch } = response.json<IntakeBatchResponse>();
    expect(batch.counts).toEqual(expectedCounts);
    await expectStoredInOrder(batch.id);
  });
});
