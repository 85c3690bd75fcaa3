// The city platform's intake over HTTP, on PGlite and PostgreSQL: every status, the two-approval flow, returns and
// their correction, the templates in GB18030 CSV and XLSX, malformed files, the cleaning run, and the profiles that
// reach the laptops.
import { parse as parseCsvSync } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CleaningReportResponse,
  IntakeBatch,
  IntakeBatchResponse,
  IntakeDecisionResponse,
  IntakeDisputeListResponse,
  IntakeOverview,
  IntakeRecordListResponse,
  IntakeRecordResponse,
  IntakeReturnListResponse,
} from '@shared/api/intake';
import type { Enterprise } from '@shared/domain/model';
import { INTAKE_MEDIA_TYPES, type IntakeKind } from '@shared/intake/kinds';
import { queryRows } from '../../src/server/db/open';
import { copier } from '../../src/server/db/writes';
import { rebuildProfiles } from '../../src/server/services/intake/profiles';
import { csvFile, jsonFile, licenceRow, ndjsonFile, penaltyRow, xlsxFile } from '../support/intakeFiles';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { overlappingStatements } from './support/statementsInFlight';

const fixture = buildFixture();
const enterprise = (i: number) => fixture.enterpriseAt(i);
const CSV = INTAKE_MEDIA_TYPES.csv;

describeEachDriver('intake', (fresh, kind) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  async function upload(who: string, kind: IntakeKind, body: Buffer, contentType: string, source = 'dept-amr', fileName = '处罚.csv') {
    return h.request({
      method: 'POST',
      url: `/api/v1/intake/batches?kind=${kind}&source=${source}`,
      headers: { ...auth(who), 'content-type': contentType, 'x-file-name': encodeURIComponent(fileName) },
      payload: body,
    });
  }

  async function uploaded(
    who: string,
    kind: IntakeKind,
    body: Buffer,
    contentType: string = CSV,
    source = 'dept-amr',
  ): Promise<IntakeBatch> {
    const response = await upload(who, kind, body, contentType, source);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<IntakeBatchResponse>().batch;
  }

  const get = async <T>(who: string, url: string): Promise<T> => {
    const response = await h.request({ method: 'GET', url: `/api/v1${url}`, headers: auth(who) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };
  const records = (who: string, batchId: string, status = '') =>
    get<IntakeRecordListResponse>(who, `/intake/batches/${batchId}/records?status=${status}`).then((r) => r.records);
  const decide = (who: string, recordId: string, decision: 'approve' | 'reject', reason?: string) =>
    h.request({
      method: 'POST',
      url: `/api/v1/intake/disputes/${recordId}/${decision}`,
      headers: auth(who),
      ...(reason === undefined ? {} : { payload: { reason } }),
    });
  const profileOf = async (uscc: string): Promise<Enterprise> => {
    const { changes } = await h.pullAll(tokens.amr1!);
    const change = changes.find((c) => c.collection === 'enterprises' && c.id === uscc);
    return (change as { data: Enterprise }).data;
  };
  const batchCount = async () =>
    Number((await queryRows<{ n: string }>(h.database.db, sql`SELECT count(*) AS n FROM intake_batches`))[0]!.n);

  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const who of ['data-amr', 'data-tax', 'rev1', 'rev2', 'admin1', 'amr1']) tokens[who] = await h.login(who);
  });

  describe('a penalty file with a good record, a bad code, a name mismatch and a 150 万元 fine', () => {
    let batch: IntakeBatch;
    beforeAll(async () => {
      batch = await uploaded(
        'data-amr',
        'penalties',
        csvFile('penalties', [
          penaltyRow(enterprise(0).uscc, enterprise(0).name, '芝市监罚〔2026〕1号'),
          penaltyRow('91350100M000100Y4Z', enterprise(1).name, '芝市监罚〔2026〕2号'),
          penaltyRow(enterprise(3).uscc, '别家公司', '芝市监罚〔2026〕3号'),
          penaltyRow(enterprise(3).uscc, enterprise(3).name, '芝市监罚〔2026〕4号', { fineAmount: '150' }),
        ]),
      );
    });

    it('answers 201 with the batch and its counts', () => {
      expect(batch).toMatchObject({
        kind: 'penalties',
        source: 'dept-amr',
        status: 'open',
        counts: { received: 4, accepted: 1, updated: 0, duplicate: 0, returned: 2, disputed: 1 },
        openReturns: 2,
        fileName: '处罚.csv',
        encoding: 'utf-8',
        uploadedBy: { id: 'data-amr' },
      });
    });

    it('lists the records page by page with their row, key, status and problems per field', async () => {
      const all = await records('data-amr', batch.id);
      expect(all.map((r) => [r.row, r.status])).toEqual([
        [1, 'accepted'],
        [2, 'returned'],
        [3, 'returned'],
        [4, 'disputed'],
      ]);
      expect(all[0]!.key).toBe('烟台市芝罘区市场监督管理局 / 芝市监罚〔2026〕1号');
      expect(all[1]!.problems).toEqual([
        expect.objectContaining({
          field: '行政相对人代码_1（统一社会信用代码）',
          code: 'uscc_invalid',
          message: expect.stringContaining('应为3'),
        }),
      ]);
      expect(all[2]!.problems).toEqual([expect.objectContaining({ code: 'uscc_name_mismatch' })]);
      const page = await get<IntakeRecordListResponse>('data-amr', `/intake/batches/${batch.id}/records?limit=2`);
      expect(page.hasMore).toBe(true);
      const next = await get<IntakeRecordListResponse>('data-amr', `/intake/batches/${batch.id}/records?limit=2&cursor=${page.cursor}`);
      expect(next.records.map((r) => r.row)).toEqual([3, 4]);
      expect((await records('data-amr', batch.id, 'returned')).map((r) => r.row)).toEqual([2, 3]);
    });

    it('puts only the accepted penalty in the profile, with its publicity and repairability', async () => {
      const profile = await profileOf(enterprise(0).uscc);
      expect(profile.penalties).toEqual([
        expect.objectContaining({
          decisionNumber: '芝市监罚〔2026〕1号',
          amountYuan: 10_000,
          publicityMonths: 36,
          publicityEndsOn: '2029-06-01',
          repairableFrom: '2026-12-01',
        }),
      ]);
      expect(profile.lighthouseEvents).toContainEqual(
        expect.objectContaining({
          kind: 'deduct',
          points: 30,
          source: expect.objectContaining({ kind: 'penalties', recordId: `${batch.id}.1` }),
        }),
      );
      expect(profile.lighthouseScore).toBe(1000 - 30);
      expect(JSON.stringify(profile)).not.toContain('11010519491231002X');
      expect((await profileOf(enterprise(3).uscc)).penalties).toEqual([]);
      // Stored as the endpoint serialized it (compact), with the columns for filtering and the past inspections copied from it.
      const [stored] = await queryRows<{ json: string; industry: string; category: string; past: unknown }>(
        h.database.db,
        sql`SELECT profile_json AS json, industry, entity_category AS category, past_inspections AS past FROM enterprises
          WHERE uscc = ${enterprise(0).uscc}`,
      );
      expect(stored!.json).toBe(JSON.stringify(JSON.parse(stored!.json)));
      expect(JSON.parse(stored!.json)).toEqual(profile);
      expect(stored).toMatchObject({ industry: profile.industry, category: profile.entityCategory, past: profile.pastInspections });
    });

    it('never lets an identity-card number out, and keeps every revision of a record', async () => {
      const [first] = await records('data-amr', batch.id);
      const { record } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${first!.id}`);
      expect(record.fields.legalRepresentativeIdNumber).toBe('******');
      expect(record.history).toHaveLength(1);
      expect(record.current).toBe(true);
    });

    it('lists the returns for the department, and the returned code and name never reach a profile', async () => {
      const { returns } = await get<IntakeReturnListResponse>('data-amr', '/intake/returns?source=dept-amr');
      expect(returns.map((r) => r.row)).toEqual([2, 3]);
      expect(returns[0]!.fields.uscc).toBe('91350100M000100Y4Z');
      expect(returns[0]!.returnState).toBe('open');
    });

    it('marks an identical resubmission duplicate and a changed one updated, keeping the history', async () => {
      const again = await uploaded(
        'data-amr',
        'penalties',
        csvFile('penalties', [penaltyRow(enterprise(0).uscc, enterprise(0).name, '芝市监罚〔2026〕1号')]),
      );
      expect(again.counts).toMatchObject({ received: 1, duplicate: 1, accepted: 0 });
      const changed = await uploaded(
        'data-amr',
        'penalties',
        csvFile('penalties', [
          penaltyRow(enterprise(0).uscc, enterprise(0).name, '芝市监罚〔2026〕1号', { fineAmount: '2', penaltyContent: '罚款2万元' }),
        ]),
      );
      expect(changed.counts).toMatchObject({ received: 1, updated: 1 });
      const [revision] = await records('data-amr', changed.id);
      const { record } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${revision!.id}`);
      expect(record.history.map((r) => [r.status, r.current])).toEqual([
        ['accepted', false],
        ['duplicate', false],
        ['updated', true],
      ]);
      expect((await profileOf(enterprise(0).uscc)).penalties).toEqual([expect.objectContaining({ amountYuan: 20_000 })]);
    });

    it('resubmits the returns file corrected in a spreadsheet: the returns clear and the records are accepted', async () => {
      const response = await h.request({
        method: 'GET',
        url: '/api/v1/intake/returns/file?source=dept-amr&kind=penalties&format=csv',
        headers: auth('data-amr'),
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
      const table = parseCsvSync(response.rawPayload, { bom: true }) as string[][];
      const header = table[0]!;
      expect(header.slice(-2)).toEqual(['问题', '退回编号']);
      expect(table).toHaveLength(3);
      const column = (name: string) => header.indexOf(name);
      // The spreadsheet user fixes the code and the name; the masked ID number stays as downloaded.
      table[1]![column('行政相对人代码_1（统一社会信用代码）')] = enterprise(1).uscc;
      table[2]![column('行政相对人名称')] = enterprise(3).name;
      expect(table[1]![column('法定代表人证件号码')]).toBe('******');
      const corrected = table
        .map((cells) => cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(','))
        .join('\r\n');
      const batch2 = await uploaded('data-amr', 'penalties', Buffer.from(corrected));
      expect(batch2.counts).toMatchObject({ received: 2, accepted: 2, returned: 0 });
      const { returns } = await get<IntakeReturnListResponse>('data-amr', '/intake/returns?source=dept-amr');
      expect(returns).toEqual([]);
      const cleared = await get<IntakeReturnListResponse>('data-amr', '/intake/returns?source=dept-amr&state=cleared');
      expect(cleared.returns.map((r) => r.clearedBy)).toEqual((await records('data-amr', batch2.id)).map((r) => r.id));
      expect((await get<IntakeBatchResponse>('data-amr', `/intake/batches/${batch.id}`)).batch.openReturns).toBe(0);
      // The stored identity-card number was kept, not replaced by the mask.
      const [row] = await queryRows<{ id: string }>(
        h.database.db,
        sql`SELECT fields->>'legalRepresentativeIdNumber' AS id FROM intake_records WHERE batch_id = ${batch2.id} AND row = 1`,
      );
      expect(row!.id).toBe('11010519491231002X');
    });

    it('confirms a disputed penalty only after two different reviewers, neither the uploader, approve it', async () => {
      const { disputes } = await get<IntakeDisputeListResponse>('rev1', '/intake/disputes');
      const dispute = disputes.find((d) => d.record.batchId === batch.id)!;
      expect(dispute).toMatchObject({ fineYuan: 1_500_000, approvals: 0 });
      expect(dispute.earlierRecords.map((r) => r.key)).toContain('烟台市芝罘区市场监督管理局 / 芝市监罚〔2026〕3号');
      const id = dispute.record.id;

      expect((await decide('data-amr', id, 'approve')).statusCode).toBe(403);
      const first = await decide('rev1', id, 'approve');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json<IntakeDecisionResponse>().record).toMatchObject({
        status: 'disputed',
        reviews: [expect.objectContaining({ decision: 'approve' })],
      });
      expect((await profileOf(enterprise(3).uscc)).penalties.map((p) => p.decisionNumber)).not.toContain('芝市监罚〔2026〕4号');

      const twice = await decide('rev1', id, 'approve');
      expect(twice.statusCode).toBe(403);
      expect(twice.json()).toMatchObject({ message: expect.stringContaining('already decided') });

      const second = await decide('rev2', id, 'approve');
      expect(second.statusCode, second.body).toBe(200);
      expect(second.json<IntakeDecisionResponse>().record).toMatchObject({ status: 'accepted', current: true });
      expect(second.json<IntakeDecisionResponse>().record.reviews.map((r) => r.reviewer.id)).toEqual(['rev1', 'rev2']);
      const penalty = (await profileOf(enterprise(3).uscc)).penalties.find((p) => p.decisionNumber === '芝市监罚〔2026〕4号');
      expect(penalty).toMatchObject({ amountYuan: 1_500_000, confirmations: 2 });
      expect((await get<IntakeBatchResponse>('data-amr', `/intake/batches/${batch.id}`)).batch.counts).toMatchObject({
        disputed: 0,
        accepted: 2,
      });
    });
  });

  it("refuses the uploader's own approval, and returns a rejected dispute to the department with the reason", async () => {
    const batch = await uploaded(
      'admin1',
      'penalties',
      csvFile('penalties', [penaltyRow(enterprise(6).uscc, enterprise(6).name, '芝市监罚〔2026〕9号', { fineAmount: '101' })]),
    );
    const [record] = await records('admin1', batch.id);
    expect(record!.status).toBe('disputed');
    const own = await decide('admin1', record!.id, 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ message: expect.stringContaining('you uploaded') });
    expect((await decide('rev1', record!.id, 'reject', '')).statusCode).toBe(400);
    const rejected = await decide('rev1', record!.id, 'reject', '罚款金额与决定书不符');
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<IntakeDecisionResponse>().record).toMatchObject({
      status: 'returned',
      returnState: 'open',
      problems: [{ field: '罚款金额（万元）', code: 'dispute_rejected', message: expect.stringContaining('罚款金额与决定书不符') }],
    });
    expect((await decide('rev2', record!.id, 'approve')).statusCode).toBe(409);
    const { returns } = await get<IntakeReturnListResponse>('data-amr', '/intake/returns?source=dept-amr');
    expect(returns.map((r) => r.id)).toContain(record!.id);

    // The returns file as XLSX, uploaded again as it is: the return is cleared and the record disputed anew.
    const file = await h.request({
      method: 'GET',
      url: '/api/v1/intake/returns/file?source=dept-amr&kind=penalties',
      headers: auth('data-amr'),
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(INTAKE_MEDIA_TYPES.xlsx);
    const again = await uploaded('data-amr', 'penalties', file.rawPayload, INTAKE_MEDIA_TYPES.xlsx);
    expect(again.counts).toMatchObject({ received: 1, disputed: 1 });
    const { record: cleared } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${record!.id}`);
    expect(cleared).toMatchObject({ returnState: 'cleared', clearedBy: `${again.id}.1` });
  });

  it('takes a record sent twice in one file as its revision, and a corrected row after a faulty one as its correction', async () => {
    const name = enterprise(9).name;
    const batch = await uploaded(
      'data-amr',
      'penalties',
      csvFile('penalties', [
        penaltyRow(enterprise(9).uscc, name, '芝市监罚〔2026〕20号'),
        penaltyRow(enterprise(9).uscc, name, '芝市监罚〔2026〕20号', { fineAmount: '3' }),
        penaltyRow(enterprise(9).uscc, '错名公司', '芝市监罚〔2026〕21号'),
        penaltyRow(enterprise(9).uscc, name, '芝市监罚〔2026〕21号'),
      ]),
    );
    expect(batch.counts).toMatchObject({ received: 4, accepted: 2, updated: 1, returned: 1 });
    expect(batch.openReturns).toBe(0);
    const all = await records('data-amr', batch.id);
    const { record } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${all[1]!.id}`);
    expect(record.history.map((r) => [r.row, r.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(all[2]).toMatchObject({ status: 'returned', returnState: 'cleared' });
    expect((await profileOf(enterprise(9).uscc)).penalties.map((p) => p.amountYuan).sort()).toEqual([10_000, 30_000]);
  });

  it("moves a penalty resubmitted about another enterprise out of the first one's profile and into the other's", async () => {
    const [from, to] = [enterprise(2), enterprise(11)];
    // Read where they are stored: not every enterprise of the fixture is in an officer's scope.
    const decisions = async (uscc: string) =>
      (
        await queryRows<{ n: string }>(
          h.database.db,
          sql`SELECT jsonb_array_elements(profile_json::jsonb->'penalties')->>'decisionNumber' AS n FROM enterprises WHERE uscc = ${uscc}`,
        )
      ).map((row) => row.n);
    await uploaded('data-amr', 'penalties', csvFile('penalties', [penaltyRow(from.uscc, from.name, '芝市监罚〔2026〕30号')]));
    expect(await decisions(from.uscc)).toEqual(['芝市监罚〔2026〕30号']);
    const moved = await uploaded('data-amr', 'penalties', csvFile('penalties', [penaltyRow(to.uscc, to.name, '芝市监罚〔2026〕30号')]));
    expect(moved.counts).toMatchObject({ received: 1, updated: 1 });
    expect(await decisions(from.uscc)).toEqual([]);
    expect(await decisions(to.uscc)).toEqual(['芝市监罚〔2026〕30号']);
  });

  it('reads a GB18030 CSV of the penalty template with its Chinese headers', async () => {
    const body = csvFile(
      'penalties',
      [penaltyRow(enterprise(4).uscc, enterprise(4).name, '福市监罚〔2026〕7号', { violationFacts: '销售过期食品，涉案货值较大。' })],
      'gb18030',
    );
    expect(body.includes(Buffer.from('行政相对人名称'))).toBe(false);
    const batch = await uploaded('data-amr', 'penalties', body, `${CSV}; charset=gb18030`);
    expect(batch).toMatchObject({ encoding: 'gb18030', counts: { accepted: 1, received: 1 } });
    const [record] = await records('data-amr', batch.id);
    const { record: detail } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${record!.id}`);
    expect(detail.fields.violationFacts).toBe('销售过期食品，涉案货值较大。');
    // Food: repairable after a year, not six months.
    expect((await profileOf(enterprise(4).uscc)).penalties).toEqual([expect.objectContaining({ repairableFrom: '2027-06-01' })]);
  });

  it('reads an XLSX of the licence template, date and number cells included', async () => {
    const body = await xlsxFile('licences', [
      licenceRow(enterprise(0).uscc, enterprise(0).name, '芝市监许〔2026〕1号'),
      licenceRow(enterprise(1).uscc, enterprise(1).name, '芝市监许〔2026〕2号', { validFrom: '2026-06-01', validTo: '2026-05-01' }),
    ]);
    const batch = await uploaded('data-amr', 'licences', body, INTAKE_MEDIA_TYPES.xlsx);
    expect(batch.counts).toMatchObject({ received: 2, accepted: 1, returned: 1 });
    const all = await records('data-amr', batch.id);
    expect(all[1]!.problems).toEqual([expect.objectContaining({ field: '有效期至', code: 'date_order' })]);
    const { record } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${all[0]!.id}`);
    expect(record.fields).toMatchObject({ decidedOn: '2026-05-01', validTo: '2099-12-31', licenceStatus: '1' });
  });

  it('reads JSON and NDJSON with English field names', async () => {
    const rows = [licenceRow(enterprise(5).uscc, enterprise(5).name, '芝市监许〔2026〕5号')];
    expect((await uploaded('data-amr', 'licences', jsonFile(rows), INTAKE_MEDIA_TYPES.json)).counts).toMatchObject({ accepted: 1 });
    expect((await uploaded('data-amr', 'licences', ndjsonFile(rows), INTAKE_MEDIA_TYPES.ndjson)).counts).toMatchObject({ duplicate: 1 });
  });

  it('stores values with tabs, line breaks, backslashes and quotes as written (by COPY on PostgreSQL)', async () => {
    await h.database.db.transaction(async (tx) => expect(copier(tx) !== null).toBe(kind === 'postgres'));
    const facts = '当事人\t未按规定公示\r\n年度报告\\隐瞒 "真实" 情况。\n';
    const decisionNumber = '芝市监罚〔2026〕\\N号';
    const batch = await uploaded(
      'data-amr',
      'penalties',
      jsonFile([penaltyRow(enterprise(8).uscc, enterprise(8).name, decisionNumber, { violationFacts: facts })]),
      INTAKE_MEDIA_TYPES.json,
    );
    expect(batch.counts).toMatchObject({ accepted: 1 });
    const [stored] = await queryRows<{ key: string; facts: string; replaces: string | null }>(
      h.database.db,
      sql`SELECT natural_key AS key, fields->>'violationFacts' AS facts, replaces FROM intake_records WHERE batch_id = ${batch.id}`,
    );
    expect(stored).toEqual({ key: `烟台市芝罘区市场监督管理局 / ${decisionNumber}`, facts: facts.trim(), replaces: null });
  });

  describe('a file it cannot read gets a 4xx saying why, and changes nothing', () => {
    const good = () => csvFile('penalties', [penaltyRow(enterprise(0).uscc, enterprise(0).name, '芝市监罚〔2026〕1号')]);
    it.each([
      ['an unknown header', () => Buffer.from('行政相对人名称,颜色\r\n甲,红\r\n'), CSV, 400, /unknown column 「颜色」/],
      ['GB18030 text sent as UTF-8', () => csvFile('penalties', [penaltyRow('x', '烟台', '1')], 'gb18030'), CSV, 400, /not valid UTF-8/],
      ['an empty file', () => Buffer.alloc(0), CSV, 400, /empty/],
      ['a header without records', () => Buffer.from('行政相对人名称,行政处罚决定书文号\r\n'), CSV, 400, /no records/],
      ['an XLSX sent as CSV', async () => xlsxFile('penalties', []), CSV, 400, /ZIP archive/],
      ['a CSV sent as XLSX', good, INTAKE_MEDIA_TYPES.xlsx, 400, /not an XLSX workbook/],
      ['a CSV sent as JSON', good, INTAKE_MEDIA_TYPES.json, 400, /does not start with a JSON/],
      ['JSON that is not an array of objects', () => Buffer.from('[1, 2]'), INTAKE_MEDIA_TYPES.json, 400, /not a JSON object/],
      ['a broken NDJSON line', () => Buffer.from('{"entityName":"甲"}\n{oops'), INTAKE_MEDIA_TYPES.ndjson, 400, /line 2 is not JSON/],
      ['an unclosed quote', () => Buffer.from('行政相对人名称,行政处罚决定书文号\r\n"甲,1\r\n'), CSV, 400, /CSV cannot be read/],
      ['a media type the intake does not read', good, 'text/plain', 415, /the intake reads/],
      ['a charset it does not read', good, `${CSV}; charset=big5`, 415, /UTF-8 or GB18030/],
    ] as const)('%s', async (_, body, contentType, status, message) => {
      const before = await batchCount();
      const response = await upload('data-amr', 'penalties', await body(), contentType);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toMatchObject({ message: expect.stringMatching(message) });
      expect(await batchCount()).toBe(before);
    });

    it('a truncated XLSX', async () => {
      const before = await batchCount();
      const whole = await xlsxFile(
        'licences',
        Array.from({ length: 50 }, (_, i) => licenceRow(enterprise(0).uscc, enterprise(0).name, `截断〔2026〕${i}号`)),
      );
      const response = await upload('data-amr', 'licences', whole.subarray(0, Math.floor(whole.length * 0.6)), INTAKE_MEDIA_TYPES.xlsx);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_file', message: expect.stringMatching(/XLSX/) });
      expect(await batchCount()).toBe(before);
    });
  });

  it('lets a data officer upload and read only for their own department', async () => {
    const body = csvFile('penalties', [penaltyRow(enterprise(0).uscc, enterprise(0).name, '税罚〔2026〕1号')]);
    expect((await upload('data-tax', 'penalties', body, CSV, 'dept-amr')).statusCode).toBe(403);
    expect((await upload('amr1', 'penalties', body, CSV, 'dept-amr')).statusCode).toBe(403);
    const own = await uploaded('data-tax', 'penalties', body, CSV, 'dept-tax');
    expect((await h.request({ method: 'GET', url: `/api/v1/intake/batches/${own.id}`, headers: auth('data-amr') })).statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url: '/api/v1/intake/returns?source=dept-tax', headers: auth('data-amr') })).statusCode).toBe(
      403,
    );
    const { batches } = await get<{ batches: IntakeBatch[] }>('data-tax', '/intake/batches');
    expect(new Set(batches.map((b) => b.source))).toEqual(new Set(['dept-tax']));
    expect((await h.request({ method: 'GET', url: '/api/v1/intake/disputes', headers: auth('data-amr') })).statusCode).toBe(403);
  });

  it('shows which departments have submitted in the half-month period', async () => {
    const overview = await get<IntakeOverview>('admin1', '/intake/overview');
    const byId = new Map(overview.departments.map((d) => [d.departmentId, d]));
    expect(byId.get('dept-amr')).toMatchObject({ submitted: true, kinds: expect.arrayContaining(['penalties', 'licences']) });
    expect(byId.get('dept-eco')).toMatchObject({ submitted: false, batches: 0 });
    expect(overview.period.start).toMatch(/-(01|16)$/);
    const own = await get<IntakeOverview>('data-tax', '/intake/overview');
    expect(own.departments.map((d) => d.departmentId)).toEqual(['dept-tax']);
    const earlier = await get<IntakeOverview>('admin1', '/intake/overview?date=2020-01-05');
    expect(earlier.departments.every((d) => !d.submitted)).toBe(true);
    expect(earlier.period).toMatchObject({ start: '2020-01-01', end: '2020-01-15' });
  });

  it('cleans: ends the publicity of penalties past their deadline and removes expired list entries, keeping the history', async () => {
    const target = enterprise(7);
    await uploaded(
      'data-amr',
      'penalties',
      csvFile('penalties', [
        penaltyRow(target.uscc, target.name, '芝市监罚〔2023〕5号', {
          decidedOn: '2023-01-05',
          validUntil: '2023-04-05',
          publicityEndsOn: '2023-04-05',
          fineAmount: '0.1',
        }),
      ]),
    );
    const list = await uploaded(
      'data-amr',
      'listEntries',
      jsonFile([
        {
          listType: '黑名单',
          entityName: target.name,
          uscc: target.uscc,
          decisionNumber: '烟黑〔2022〕1号',
          authority: '烟台市市场监督管理局',
          reason: '提交虚假材料',
          listedOn: '2022-01-01',
          validUntil: '2025-01-01',
        },
      ]),
      INTAKE_MEDIA_TYPES.json,
    );
    expect(list.counts).toMatchObject({ accepted: 1 });
    const before = await profileOf(target.uscc);
    expect(before.penalties).toHaveLength(1);
    expect(before.blackList).toHaveLength(1);

    expect((await h.request({ method: 'POST', url: '/api/v1/intake/cleaning-runs', headers: auth('rev1') })).statusCode).toBe(403);
    const response = await h.request({ method: 'POST', url: '/api/v1/intake/cleaning-runs', headers: auth('admin1') });
    expect(response.statusCode, response.body).toBe(201);
    const { run } = response.json<CleaningReportResponse>();
    expect(run).toMatchObject({ trigger: 'demand', startedBy: { id: 'admin1' }, counts: { publicity_expired: 1, list_entry_expired: 1 } });
    expect(
      run.changes
        .filter((c) => c.enterpriseUscc === target.uscc)
        .map((c) => c.action)
        .sort(),
    ).toEqual(['list_entry_expired', 'publicity_expired']);
    const after = await profileOf(target.uscc);
    expect(after.penalties).toEqual([]);
    expect(after.blackList).toEqual([]);
    // The deduction stays explained by its source record, which is kept with when and why it ended.
    const deduction = after.lighthouseEvents.find((e) => e.source?.kind === 'penalties')!;
    const { record } = await get<IntakeRecordResponse>('data-amr', `/intake/records/${deduction.source!.recordId}`);
    expect(record).toMatchObject({ endedBy: 'publicity_expired', current: true });
    const { runs } = await get<{ runs: { id: string }[] }>('rev1', '/intake/cleaning-runs');
    expect(runs[0]!.id).toBe(run.id);
    expect((await get<CleaningReportResponse>('rev1', `/intake/cleaning-runs/${run.id}`)).run.changes).toEqual(run.changes);
    const again = (
      await h.request({ method: 'POST', url: '/api/v1/intake/cleaning-runs', headers: auth('admin1') })
    ).json<CleaningReportResponse>();
    expect(again.run.changes).toEqual([]);
  });

  it.runIf(kind === 'postgres')('sends one statement at a time on a connection: an upload, and a rebuild of several pages', async () => {
    const upload = () =>
      uploaded(
        'data-amr',
        'penalties',
        csvFile('penalties', [penaltyRow(enterprise(10).uscc, enterprise(10).name, '芝市监罚〔2026〕90号')]),
      );
    expect(await overlappingStatements(upload)).toBe(0);
    // The fixture's enterprises among enterprises without records, three pages of them.
    const usccs = [...fixture.enterprises()].map((e) => e.uscc);
    for (let i = 0; i < 2500; i++) usccs.push(`91370600MA${String(i).padStart(7, '0')}X`);
    let changed = -1;
    const rebuild = () => h.database.db.transaction(async (tx) => (changed = await rebuildProfiles(tx, usccs)));
    expect(await overlappingStatements(rebuild)).toBe(0);
    // The profiles were current already.
    expect(changed).toBe(0);
  });
});
