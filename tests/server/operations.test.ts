// The registrar (http/operations.ts): every row of the table parsed by its schemas, refusals mapped in one place, and
// exactly one handler per operation.
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type OperationName } from '@shared/api/operations';
import { DomainError, type DomainErrorKind } from '../../src/server/domain/errors';
import { errorBody, statusOf } from '../../src/server/http/errors';
import { assertOneHandlerEach } from '../../src/server/http/operations';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const fixture = buildFixture();

describeEachDriver('operations', (fresh) => {
  let h: Harness;
  let supervisor: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    supervisor = await h.login('sup-a');
  });

  it('refuses a path parameter its schema refuses with a 400 naming it', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await h.request({ method, url: `/api/v1/plans/${'p'.repeat(300)}/draw`, headers: auth(supervisor), payload: {} });
      expect(response.statusCode).toBe(400);
      const body = response.json<{ error: string; message: string; details: string[] }>();
      expect(body).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^invalid plan id: planId: /) });
      expect(body.details).toEqual([expect.stringMatching(/^planId: /)]);
    }
  });

  it('authenticates before it looks at the input', async () => {
    const response = await h.request({ method: 'GET', url: `/api/v1/plans/${'p'.repeat(300)}/draw` });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('counts query values sent empty as absent', async () => {
    const pull = await h.request({ method: 'GET', url: '/api/v1/sync/pull?cursor=&limit=&include=', headers: auth(supervisor) });
    expect(pull.statusCode, pull.body).toBe(200);
    const progress = await h.request({ method: 'GET', url: '/api/v1/review/progress?planId=', headers: auth(supervisor) });
    expect(progress.statusCode, progress.body).toBe(200);
  });

  it("answers a service's refusal with its status and body", async () => {
    const response = await h.request({ method: 'GET', url: '/api/v1/plans/plan-none/draw', headers: auth(supervisor) });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'no plan plan-none in your unit' });
  });

  it("answers with the row's status", async () => {
    const response = await h.request({
      method: 'POST',
      url: '/api/v1/recusals',
      headers: auth(supervisor),
      payload: { officerId: 'amr1', enterpriseId: fixture.enterpriseAt(0).uscc, reason: '回避', validFrom: '2025-01-01', validTo: null },
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('refusals', () => {
  it('map every kind to its status, keeping the wire code and details', () => {
    const kinds: DomainErrorKind[] = [
      'invalid',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'gone',
      'too_large',
      'unsupported_media',
      'unprocessable',
    ];
    expect(kinds.map((kind) => statusOf(new DomainError(kind, 'some_code', 'm')))).toEqual([400, 401, 403, 404, 409, 410, 413, 415, 422]);
    expect(errorBody(new DomainError('unprocessable', 'draw_infeasible', 'no team', ['a', 'b']))).toEqual({
      error: 'draw_infeasible',
      message: 'no team',
      details: ['a', 'b'],
    });
    expect(errorBody(new DomainError('gone', 'cursor_reset', 'start again'))).toEqual({ error: 'cursor_reset', message: 'start again' });
  });
});

describe('handlers', () => {
  const group = (names: OperationName[]) => ({ names, plugin: async () => {} });

  it('are refused at startup when an operation of the table has none', () => {
    const names = OPERATION_NAMES.filter((name) => name !== 'recusals.end' && name !== 'draws.file');
    expect(() => assertOneHandlerEach([group(names)])).toThrow('operations without a handler: recusals.end, draws.file');
    expect(() => assertOneHandlerEach([group(OPERATION_NAMES)])).not.toThrow();
  });

  it('are refused at startup when an operation has two', () => {
    expect(() => assertOneHandlerEach([group(OPERATION_NAMES), group(['plans.list'])])).toThrow('operations with two handlers: plans.list');
  });
});
