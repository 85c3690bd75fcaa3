import { beforeAll, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { apiErrorBodySchema } from '@shared/api/errors';
import { PUSH_MAX_MUTATIONS } from '@shared/sync/protocol';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(4);
const section = fixture.sections.find((s) => s.id === 't1-dept-amr')!;
const goodMutation = { mutationId: 'mutation-0001', collection: 'sections', id: section.id, baseVersion: 0, data: section };
const json = { 'content-type': 'application/json' };

describeEachDriver('malformed requests', (fresh) => {
  let h: Harness;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    auth = { authorization: `Bearer ${await h.login('amr1')}` };
  });

  const push = (payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: { ...json, ...auth, ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const login = (payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { ...json, ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const pull = (query: string): InjectOptions => ({ method: 'GET', url: `/api/v1/sync/pull${query}`, headers: auth });

  // [what, request, expected status, pattern the message must match]
  const cases: [string, () => InjectOptions, number, RegExp][] = [
    ['malformed JSON', () => push('{"deviceId": "d", "mutations": ['), 400, /JSON/i],
    ['an empty JSON body', () => push(''), 400, /empty/i],
    [
      'a text/plain body',
      () => push(JSON.stringify({ deviceId: 'd', mutations: [goodMutation] }), { 'content-type': 'text/plain' }),
      415,
      /content-type/i,
    ],
    [
      'a form-encoded login',
      () => login('username=amr1&password=x&deviceId=d', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      /content-type/i,
    ],
    ['a body over 5 MB', () => push({ deviceId: 'd', mutations: [goodMutation], padding: 'x'.repeat(6 * 1024 * 1024) }), 413, /large/i],
    ['a push without mutations', () => push({ deviceId: 'd' }), 400, /mutations/],
    ['a push without deviceId', () => push({ mutations: [goodMutation] }), 400, /deviceId/],
    ['an empty mutations array', () => push({ deviceId: 'd', mutations: [] }), 400, /mutations/],
    [
      'too many mutations',
      () =>
        push({
          deviceId: 'd',
          mutations: Array.from({ length: PUSH_MAX_MUTATIONS + 1 }, (_, i) => ({ ...goodMutation, mutationId: `mutation-${i}-xx` })),
        }),
      400,
      /mutations/,
    ],
    [
      'an unknown collection',
      () => push({ deviceId: 'd', mutations: [{ ...goodMutation, collection: 'enterprises' }] }),
      400,
      /collection/,
    ],
    ['a negative baseVersion', () => push({ deviceId: 'd', mutations: [{ ...goodMutation, baseVersion: -1 }] }), 400, /baseVersion/],
    ['a fractional baseVersion', () => push({ deviceId: 'd', mutations: [{ ...goodMutation, baseVersion: 0.5 }] }), 400, /baseVersion/],
    ['a baseVersion as a string', () => push({ deviceId: 'd', mutations: [{ ...goodMutation, baseVersion: '0' }] }), 400, /baseVersion/],
    ['a too short mutationId', () => push({ deviceId: 'd', mutations: [{ ...goodMutation, mutationId: 'x' }] }), 400, /mutationId/],
    [
      'section data missing fields',
      () => push({ deviceId: 'd', mutations: [{ ...goodMutation, data: { id: section.id } }] }),
      400,
      /data\./,
    ],
    [
      'an unknown item outcome',
      () =>
        push({
          deviceId: 'd',
          mutations: [
            { ...goodMutation, data: { ...section, itemResults: [{ checkItemId: 'dept-amr-item1', outcome: 'fine', note: '' }] } },
          ],
        }),
      400,
      /outcome/,
    ],
    [
      'an unknown result category',
      () => push({ deviceId: 'd', mutations: [{ ...goodMutation, data: { ...section, resultCategory: 'all_good' } }] }),
      400,
      /resultCategory/,
    ],
    [
      'a note over 2000 characters',
      () =>
        push({
          deviceId: 'd',
          mutations: [
            {
              ...goodMutation,
              data: { ...section, itemResults: [{ checkItemId: 'dept-amr-item1', outcome: 'compliant', note: '注'.repeat(2001) }] },
            },
          ],
        }),
      400,
      /note/,
    ],
    [
      'a completedAt that is not a date-time',
      () => push({ deviceId: 'd', mutations: [{ ...goodMutation, data: { ...section, completedAt: 'yesterday' } }] }),
      400,
      /completedAt/,
    ],
    ['an array as push body', () => push([goodMutation]), 400, /push request/],
    ['a string as push body', () => push('"hello"'), 400, /push request/],
    ['null as push body', () => push('null'), 400, /push request/],
    ['a push without token', () => push({ deviceId: 'd', mutations: [goodMutation] }, { authorization: '' }), 401, /sign/],
    ['a login without deviceId', () => login({ username: 'amr1', password: 'demo1234' }), 400, /deviceId/],
    ['a login with a numeric password', () => login({ username: 'amr1', password: 1234, deviceId: 'd' }), 400, /password/],
    [
      'a login with a 100 kB username',
      () => login({ username: 'a'.repeat(100_000), password: 'demo1234', deviceId: 'd' }),
      400,
      /username/,
    ],
    ['a login body that is an array', () => login([{ username: 'amr1' }]), 400, /login request/],
    ['a login body that is a number', () => login('42'), 400, /login request/],
    ['a non-numeric cursor', () => pull('?cursor=abc'), 400, /cursor/],
    ['a negative cursor', () => pull('?cursor=-5'), 400, /cursor/],
    ['a cursor beyond the sequence range', () => pull(`?cursor=${'9'.repeat(30)}`), 400, /cursor/],
    ['limit 0', () => pull('?limit=0'), 400, /limit/],
    ['a huge limit', () => pull('?limit=1000000'), 400, /limit/],
    ['a non-numeric limit', () => pull('?limit=lots'), 400, /limit/],
    ['a repeated limit', () => pull('?limit=1&limit=2'), 400, /limit/],
    ['an unknown API route', () => ({ method: 'GET', url: '/api/v1/enterprises' }), 404, /no such endpoint/],
    ['an unknown API version', () => ({ method: 'GET', url: '/api/v2/health' }), 404, /no such endpoint/],
    ['GET on the login route', () => ({ method: 'GET', url: '/api/v1/auth/login' }), 405, /POST/],
    ['DELETE on the push route', () => ({ method: 'DELETE', url: '/api/v1/sync/push', headers: auth }), 405, /POST/],
  ];

  for (const [what, build, status, message] of cases) {
    it(`answers ${status} to ${what} and changes nothing`, async () => {
      const before = await snapshot(h.database);
      const response = await h.request(build());
      expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
      const body = apiErrorBodySchema.parse(response.json());
      expect(body.message).toMatch(message);
      expect(body.message.length).toBeLessThan(2000);
      if (status === 400 && body.error === 'invalid_request' && body.details) expect(body.details.length).toBeGreaterThan(0);
      expect(await snapshot(h.database)).toEqual(before);
    });
  }

  it('lists every zod issue in details', async () => {
    const response = await h.request(push({ deviceId: '', mutations: [{ ...goodMutation, baseVersion: -1, collection: 'x' }] }));
    const body = apiErrorBodySchema.parse(response.json());
    expect(body.error).toBe('invalid_request');
    expect(body.details?.length).toBeGreaterThanOrEqual(3);
    expect(body.details?.join('\n')).toMatch(/deviceId/);
  });

  it('treats empty query values as absent, and still serves a good request afterwards', async () => {
    const response = await h.request(pull('?cursor=&limit='));
    expect(response.statusCode).toBe(200);
    expect(response.json<{ changes: unknown[] }>().changes.length).toBeGreaterThan(0);
  });
});
