import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { ConfigError, loadConfig } from '../../src/server/config';
import { isDatabaseEmpty, seedDatabase } from '../../src/server/services/seed';
import { generateDemoData } from '../../src/server/demo/generate';
import { loadDistrictOutlines } from '../../src/server/demo/districts';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { hashOnce, startHarness } from './support/harness';

describeEachDriver('seeding', (fresh) => {
  it('fills an empty database once, and a seeded demo officer can sign in and pull', async () => {
    const database = await (await fresh()).open();
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    const dataset = generateDemoData({ seed: 'test-seed', enterpriseCount: 300, taskCount: 200 }, loadDistrictOutlines());
    const stages: string[] = [];
    await seedDatabase(database.db, dataset, (p) => stages.push(p.stage));
    expect(stages).toContain('enterprises');
    expect(stages.at(-1)).toBe('done');
    expect(await isDatabaseEmpty(database.db)).toBe(false);

    const app = await buildApp({ database });
    const inspector = dataset.officers.find((o) => o.role === 'inspector' && dataset.tasks.some((t) => t.officerIds.includes(o.id)))!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: inspector.username, password: 'demo1234', deviceId: 'd' },
    });
    expect(login.statusCode).toBe(200);
    const pull = await app.inject({
      method: 'GET',
      url: '/api/v1/sync/pull?limit=5000',
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
    });
    const changes = pull.json<{ changes: { collection: string; id: string }[] }>().changes;
    const myTasks = dataset.tasks.filter((t) => t.officerIds.includes(inspector.id));
    expect(
      changes
        .filter((c) => c.collection === 'tasks')
        .map((c) => c.id)
        .sort(),
    ).toEqual(myTasks.map((t) => t.id).sort());
    // The profiles of the whole jurisdiction of the inspector's unit, which covers their tasks' enterprises.
    const unit = dataset.units.find((u) => u.id === inspector.unitId)!;
    const jurisdiction = [...dataset.enterprises()].filter((e) => unit.districtCodes.includes(e.districtCode)).map((e) => e.id);
    const pulledEnterprises = changes
      .filter((c) => c.collection === 'enterprises')
      .map((c) => c.id)
      .sort();
    expect(pulledEnterprises).toEqual(jurisdiction.sort());
    expect(pulledEnterprises).toEqual(expect.arrayContaining([...new Set(myTasks.map((t) => t.enterpriseId))]));
    await app.close();
  });
});

describeEachDriver('HTTP behaviour', (fresh) => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'onevisit-web-'));
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  it('serves the built renderer with an index.html fallback, no-cache where needed, and compressed JSON', async () => {
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>OneVisit</title>');
    writeFileSync(path.join(webRoot, 'index.html.br'), brotliCompressSync('<!doctype html><title>OneVisit</title>'));
    writeFileSync(path.join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    const script = `console.log(${JSON.stringify('一'.repeat(2000))});`;
    writeFileSync(path.join(webRoot, 'app.js'), script);
    writeFileSync(path.join(webRoot, 'app.js.br'), brotliCompressSync(script));
    const database = await (await fresh()).open();
    await seedDatabase(database.db, buildFixture(40), undefined, hashOnce);
    const app = await buildApp({ database, webRoot });

    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('OneVisit');
    expect(index.headers['cache-control']).toBe('no-cache');
    const indexBrotli = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    expect(indexBrotli.headers['content-encoding']).toBe('br');
    expect(indexBrotli.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/sw.js' })).headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/app.js' })).headers['cache-control']).not.toBe('no-cache');
    // The build's brotli file is served as it is to a browser that accepts it; others get the plain file.
    const brotli = await app.inject({ method: 'GET', url: '/app.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.rawPayload).toEqual(readFileSync(path.join(webRoot, 'app.js.br')));
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ method: 'GET', url: '/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    const deepLink = await app.inject({ method: 'GET', url: '/tasks/t1' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('OneVisit');
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    // API paths never fall back to the page.
    const missing = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'sup-a', password: 'demo1234', deviceId: 'd' },
    });
    const pull = await app.inject({
      method: 'GET',
      url: '/api/v1/sync/pull',
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}`, 'accept-encoding': 'gzip' },
    });
    expect(pull.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(pull.rawPayload).toString('utf8')).changes.length).toBeGreaterThan(20);
    await app.close();
  });

  it('answers 500 JSON without internals when the database fails, and keeps serving', async () => {
    const h = await startHarness(fresh);
    await h.database.close();
    const health = await h.request({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(500);
    expect(health.json()).toEqual({ error: 'internal_error', message: 'the endpoint failed unexpectedly; the error was logged' });
    expect((await h.request({ method: 'GET', url: '/api/v1/unknown' })).statusCode).toBe(404);
    await h.app.close();
  });
});

describe('configuration', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'onevisit-cfg-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('has defaults', () => {
    expect(loadConfig({}, cwd)).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: path.join(cwd, 'data'),
      databaseUrl: undefined,
      seedDemo: false,
      demoSize: 20000,
      demoSeed: 'onevisit-demo',
      webRoot: undefined,
      tokenTtlHours: 12,
      scopeEventRetentionDays: 90,
      trustProxy: false,
      tileOrigins: [],
      tls: undefined,
      intakeCleaningIntervalHours: 24,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATA_DIR: 'x',
        DATABASE_URL: 'postgres://u@h/db',
        SEED_DEMO: '1',
        DEMO_SIZE: '500',
        DEMO_SEED: 's',
        WEB_ROOT: '.',
        TOKEN_TTL_HOURS: '2',
        SCOPE_EVENT_RETENTION_DAYS: '30',
        TRUST_PROXY: '10.0.0.1, 192.168.0.0/16',
        TILE_ORIGINS: 'https://tiles.example.gov.cn/{z}/{x}/{y}.png',
        INTAKE_CLEANING_INTERVAL_HOURS: '6',
      },
      cwd,
    );
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: path.join(cwd, 'x'),
      databaseUrl: 'postgres://u@h/db',
      seedDemo: true,
      demoSize: 500,
      demoSeed: 's',
      webRoot: cwd,
      tokenTtlHours: 2,
      scopeEventRetentionDays: 30,
      trustProxy: ['10.0.0.1', '192.168.0.0/16'],
      tileOrigins: ['https://tiles.example.gov.cn'],
      tls: undefined,
      intakeCleaningIntervalHours: 6,
    });
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
  ])('reads TRUST_PROXY=%s', (value, trustProxy) => {
    expect(loadConfig({ TRUST_PROXY: value }, cwd).trustProxy).toEqual(trustProxy);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEMO_SIZE: '-1' }, /DEMO_SIZE/],
    [{ SEED_DEMO: 'yes please' }, /SEED_DEMO/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ TOKEN_TTL_HOURS: '0' }, /TOKEN_TTL_HOURS/],
    [{ WEB_ROOT: 'does-not-exist' }, /WEB_ROOT/],
    [{ SEED_DEMO: '1', NODE_ENV: 'production' }, /production/],
    [{ TRUST_PROXY: 'the proxy' }, /TRUST_PROXY/],
  ])('refuses %o with a clear error', (env, message) => {
    expect(() => loadConfig(env, cwd)).toThrow(ConfigError);
    expect(() => loadConfig(env, cwd)).toThrow(message);
  });
});
