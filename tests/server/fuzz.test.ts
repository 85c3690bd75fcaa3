// The fuzz suite, generated from the table of operations (src/shared/api/operations.ts): every row, present and
// future, gets random and malformed params, query, body and headers, signed in as each role (or not at all), and must
// answer below 500; a refused request must leave every table as it was but the audit log. `npm test` runs a few dozen
// requests per operation; `npm run fuzz` runs FUZZ_RUNS (10,000) per operation.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_PREFIX, OPERATION_NAMES, operations, type OperationName, type OperationRow } from '@shared/api/operations';
import { ATTACHMENT_TYPES, officerRoleSchema, type OfficerRole } from '@shared/domain/model';
import type { DemoOfficer } from '../../src/server/demo/types';
import { arbitraryOf, hostileString, shapeOf, withOneHostileCharacter } from '../support/zodArbitrary';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, writeMark, type Harness } from './support/harness';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** A request takes well under a second even on a busy machine. */
const TIMEOUT_MS = Math.max(120_000, RUNS * 1000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Tables a refused request may still write: the audit log (sign-in throttling is counted in memory). */
const WRITTEN_ON_REFUSAL = ['audit_log'];

/** One officer of every role, so each row is tried as each role. */
const fixture = (() => {
  const base = buildFixture(4);
  const byRole = (role: OfficerRole): DemoOfficer => ({
    id: `fuzz-${role}`,
    username: `fuzz-${role}`,
    name: `模糊${role}`,
    departmentId: 'dept-amr',
    unitId: 'unit-a',
    role,
  });
  const present = new Set(base.officers.map((o) => o.role));
  return { ...base, officers: [...base.officers, ...officerRoleSchema.options.filter((r) => !present.has(r)).map(byRole)] };
})();
const CALLERS = [...officerRoleSchema.options, 'anonymous', 'garbage token'] as const;
type Caller = (typeof CALLERS)[number];

/** What a careless client sends for a lone surrogate: its code unit encoded as if it were a character (not UTF-8). */
const LONE_SURROGATE_BYTES = '%ED%A0%80';

/** Percent-encodes any JavaScript string, a lone surrogate as the bytes a careless client would send. */
function encodeSegment(value: string): string {
  return Array.from(value, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return LONE_SURROGATE_BYTES;
    }
  }).join('');
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface Parts {
  params: unknown;
  query: unknown;
  body: unknown;
  contentType: string;
  extraHeaders?: Record<string, string>;
}

/** The HTTP request for a row from the values of its parts, whatever their shape. */
function requestOf(row: OperationRow, { params, query, body, contentType, extraHeaders = {} }: Parts): FuzzRequest {
  const values = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const path = row.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, key: string) => encodeSegment(textOf(values[key]) || '%'));
  const search =
    typeof query === 'object' && query !== null && !Array.isArray(query)
      ? Object.entries(query)
          .flatMap(([key, value]) =>
            (Array.isArray(value) ? value : [value])
              .filter((v) => v !== undefined)
              .map((v) => `${encodeSegment(key)}=${encodeSegment(textOf(v))}`),
          )
          .join('&')
      : encodeSegment(textOf(query));
  const hasBody = row.method === 'POST' || row.method === 'PUT';
  const payload = Buffer.isBuffer(body) ? body : body === undefined ? undefined : (JSON.stringify(body) ?? 'null');
  return {
    url: `${API_PREFIX}${path}${search ? `?${search}` : ''}`,
    headers: { ...(hasBody ? { 'content-type': contentType } : {}), ...extraHeaders },
    ...(hasBody && payload !== undefined ? { payload } : {}),
  };
}

const JSON_TYPE = 'application/json';

/** Random requests for one row: its path params, query and body shaped by its schemas (or anything), raw bytes for raw rows. */
function requestsOf(row: OperationRow): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      params: row.params ? arbitraryOf(row.params) : fc.constant({}),
      query: row.query ? arbitraryOf(row.query) : fc.dictionary(hostileString(8), hostileString(), { maxKeys: 2 }),
      body: row.raw
        ? fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes))
        : row.body
          ? arbitraryOf(row.body)
          : fc.option(fc.jsonValue(), { nil: undefined }),
      contentType: row.raw
        ? fc.constantFrom<string>(...ATTACHMENT_TYPES, 'text/plain', JSON_TYPE)
        : fc.constantFrom(JSON_TYPE, `${JSON_TYPE}; charset=utf-8`, 'text/plain'),
      extraHeaders: fc.record(
        { 'content-range': hostileString(30).map((s) => s.replace(/[^\t\x20-\x7e]/g, '')), 'upload-offset': fc.nat().map(String) },
        { requiredKeys: [] },
      ),
    })
    .map((parts) => requestOf(row, parts));
}

/** Inputs whose shape their schema does not show (a pushed record is `unknown` until its collection is known). */
const EXAMPLES: Partial<Record<OperationName, () => Omit<Parts, 'contentType'>>> = {
  'sync.push': () => {
    const section = fixture.sections.find((s) => s.id === 't1-dept-amr')!;
    const data = {
      ...section,
      itemResults: [{ checkItemId: 'dept-amr-item1', outcome: 'non_compliant', note: '消防通道堵塞' }],
      checkIn: { at: '2025-05-01T10:00:00+08:00', location: null, accuracyM: null, place: '烟台市芝罘区', source: 'typed' },
      representativeName: '王经理',
    };
    return {
      params: {},
      query: {},
      body: {
        deviceId: 'fuzz',
        mutations: [{ mutationId: 'fuzz-mutation-1', collection: 'sections', id: section.id, baseVersion: 0, data }],
      },
    };
  },
};

/** A plausible input of each part of a row: its example, else a sample of its schemas. */
function plainInput(name: OperationName, row: OperationRow): Omit<Parts, 'contentType'> {
  const example = EXAMPLES[name];
  if (example) return example();
  const sample = (schema: z.ZodType | undefined) => (schema ? fc.sample(shapeOf(schema), { numRuns: 1, seed: 42 })[0] : {});
  return { params: sample(row.params), query: sample(row.query), body: row.raw ? Buffer.from('bytes') : sample(row.body) };
}

/** How many strings a value holds. */
const stringsIn = (value: unknown): number =>
  typeof value === 'string'
    ? 1
    : typeof value === 'object' && value !== null
      ? Object.values(value).reduce<number>((n, v) => n + stringsIn(v), 0)
      : 0;

describeEachDriver('fuzzing every operation of the table', (fresh, kind) => {
  let h: Harness;
  const tokens = new Map<Caller, string>();
  /** Every answer counted by class, printed at the end: `npm run fuzz` reports how many answered ≥ 500. */
  const answers = { total: 0, failed: 0, refused: 0, accepted: 0 };
  afterAll(() => {
    console.info(
      `fuzz on ${kind}: ${answers.total} requests, ${answers.failed} answers ≥ 500, ${answers.refused} refused (4xx), ${answers.accepted} accepted`,
    );
  });
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const role of officerRoleSchema.options) {
      const officer = fixture.officers.find((o) => o.role === role)!;
      tokens.set(role, await h.login(officer.username));
    }
  }, TIMEOUT_MS);

  const authorization = (caller: Caller): Record<string, string> => {
    if (caller === 'anonymous') return {};
    if (caller === 'garbage token') return { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    return { authorization: `Bearer ${tokens.get(caller)!}` };
  };

  /** The tables' fingerprint as they stand, while no request has been accepted since it was taken. */
  let standing: Record<string, string> | undefined;

  /** Sends the request; the answer is below 500 (a 4xx when `refused`), and a refusal left every table as it was. */
  async function check(row: OperationRow, request: FuzzRequest, caller: Caller, refused = false): Promise<void> {
    const before = standing ?? (await snapshot(h.database, { except: WRITTEN_ON_REFUSAL }));
    const mark = await writeMark(h.database);
    standing = undefined;
    const response = await h.request({
      method: row.method,
      url: request.url,
      headers: { ...request.headers, ...authorization(caller) },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    answers.total += 1;
    answers[response.statusCode >= 500 ? 'failed' : response.statusCode >= 400 ? 'refused' : 'accepted'] += 1;
    const what = `${row.method} ${request.url} ${String(request.payload ?? '').slice(0, 300)} as ${caller}: ${response.body.slice(0, 300)}`;
    expect(response.statusCode, what).toBeLessThan(500);
    if (refused) expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
    if (response.statusCode >= 400) {
      if ((await writeMark(h.database)) !== mark) expect(await snapshot(h.database, { except: WRITTEN_ON_REFUSAL }), what).toEqual(before);
      standing = before;
    }
  }

  it('the write mark stays while only reads run and moves with any write, even one rolled back', async () => {
    // On PostgreSQL transaction ids are the cluster's: the other test files' databases on the same server take some
    // meanwhile. Reads that took one would move the mark every time; a few tries tell that from the neighbours' writes.
    const readsKeepMark = async () => {
      const before = await writeMark(h.database);
      await snapshot(h.database);
      await h.request({ method: 'GET', url: `${API_PREFIX}/plans`, headers: authorization('supervisor') });
      await h.database.db.execute(sql`UPDATE device_info SET system = system WHERE false`);
      return (await writeMark(h.database)) === before;
    };
    let kept = false;
    for (let attempt = 0; attempt < 10 && !kept; attempt++) kept = await readsKeepMark();
    expect(kept).toBe(true);
    const mark = await writeMark(h.database);
    await h.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO departments (id, code, name) VALUES ('fuzz-mark', 'FM', '标记')`);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await writeMark(h.database)).not.toBe(mark);
  });

  const callersOf = (row: OperationRow) => (row.access === 'none' ? (['anonymous'] as const) : CALLERS);

  it.each(OPERATION_NAMES)(
    '%s: random and malformed input never answers ≥ 500, and a refusal changes nothing',
    async (name) => {
      const row: OperationRow = operations[name];
      await fc.assert(
        fc.asyncProperty(requestsOf(row), fc.constantFrom(...callersOf(row)), (request, caller) => check(row, request, caller)),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    },
    TIMEOUT_MS,
  );

  it.each(OPERATION_NAMES)(
    '%s: a NUL, a lone surrogate or DEL in each field is refused cleanly',
    async (name) => {
      const row: OperationRow = operations[name];
      const plain = plainInput(name, row);
      const callers = callersOf(row).filter((c) => c !== 'garbage token');
      for (const [part, value] of Object.entries(plain) as [keyof typeof plain, unknown][]) {
        if (Buffer.isBuffer(value)) continue;
        for (let i = 0; i < stringsIn(value); i++) {
          for (const unit of ['\u0000', '\uD800', '\uDC00', '\u007F']) {
            const parts = { ...plain, [part]: withOneHostileCharacter(value, i, unit), contentType: row.raw ? 'image/png' : JSON_TYPE };
            const request = requestOf(row, parts);
            // A lone surrogate in a path or query segment goes out as bytes that are not UTF-8: the segment may then
            // arrive undecoded, as its literal percent-encoded text (a well-formed value, so e.g. an unknown planId
            // answers 200), or as U+FFFD. Everywhere else the character itself arrives and must be refused.
            const undecodable = part !== 'body' && request.url.includes(LONE_SURROGATE_BYTES);
            await check(row, request, callers[(i + unit.charCodeAt(0)) % callers.length]!, !undecodable);
          }
        }
      }
    },
    TIMEOUT_MS,
  );
});
