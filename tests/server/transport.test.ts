// What every answer tells the browser (security headers, the renderer's Content-Security-Policy), how attachments are
// served (a download of their declared type), and HTTPS with HSTS when the endpoint is given a certificate.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '@shared/api/client';
import { CONTRACT_REVISION } from '@shared/api/version';
import { buildApp } from '../../src/server/app';
import { ConfigError, loadConfig } from '../../src/server/config';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { hashOnce, startHarness } from './support/harness';
import { seedDatabase } from '../../src/server/services/seed';

const fixture = buildFixture(4);
const folder = mkdtempSync(path.join(tmpdir(), 'onevisit-transport-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Record<string, string> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources.join(' ')]),
  );
}

describeEachDriver('security headers', (fresh) => {
  it('serves the renderer with a strict Content-Security-Policy and the security headers, and no HSTS over HTTP', async () => {
    const webRoot = mkdtempSync(path.join(folder, 'web-'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>OneVisit</title>');
    const database = await (await fresh()).open();
    await seedDatabase(database.db, fixture, undefined, hashOnce);
    const app = await buildApp({ database, webRoot, tileOrigins: ['https://tiles.example.gov.cn'] });
    for (const url of ['/', '/tasks/t1', '/api/v1/health']) {
      const answer = await app.inject({ method: 'GET', url });
      const policy = directives(answer.headers['content-security-policy']);
      expect(policy).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'img-src': "'self' data: blob: https://tiles.example.gov.cn",
        'connect-src': "'self' https://tiles.example.gov.cn",
        'object-src': "'none'",
        'base-uri': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(answer.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
    await app.close();
  });

  it('serves an attachment as a download of its declared type, never sniffed', async () => {
    const h = await startHarness(fresh, fixture);
    const token = await h.login('amr1');
    const bytes = Buffer.from('<html><script>alert(1)</script></html>');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const headers = { authorization: `Bearer ${token}` };
    const put = await h.request({
      method: 'PUT',
      url: `/api/v1/attachments/${sha256}`,
      payload: bytes,
      headers: { ...headers, 'content-type': 'image/png' },
    });
    expect(put.statusCode).toBe(201);
    const got = await h.request({ method: 'GET', url: `/api/v1/attachments/${sha256}`, headers });
    expect(got.statusCode).toBe(200);
    expect(got.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="${sha256}.png"`,
    });
    await h.app.close();
  });
});

describeEachDriver('contract revisions', (fresh) => {
  it('tells an app older than it serves so (426, client_too_old), with the revision it speaks on every answer', async () => {
    const database = await (await fresh()).open();
    await seedDatabase(database.db, fixture, undefined, hashOnce);
    const app = await buildApp({ database, minClientRevision: CONTRACT_REVISION + 1 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    try {
      const old = await app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(old.statusCode).toBe(426);
      expect(old.json()).toMatchObject({ error: 'client_too_old', message: expect.stringMatching(/install the current version/) });
      expect(old.headers['x-onevisit-revision']).toBe(String(CONTRACT_REVISION));
      expect(old.headers['x-content-type-options']).toBe('nosniff');
      const current = await app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-onevisit-client-revision': String(CONTRACT_REVISION + 1) },
      });
      expect(current.statusCode).toBe(200);
      // This build's client declares its own revision: the endpoint that needs a newer one refuses it by kind.
      const client = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, getToken: () => null });
      await expect(client.call('system.health')).rejects.toMatchObject({ kind: 'client_too_old', status: 426 });
    } finally {
      await app.close();
    }
  });
});

describeEachDriver('HTTPS', (fresh) => {
  it('serves HTTPS with HSTS when given a certificate and key, and nothing over plain HTTP', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    writeFileSync(path.join(folder, 'cert.pem'), pems.cert);
    writeFileSync(path.join(folder, 'key.pem'), pems.private);
    const config = loadConfig({ TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem' }, folder);
    const database = await (await fresh()).open();
    const app = await buildApp({ database, tls: config.tls });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    try {
      const answer = await new Promise<{ status?: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        httpsRequest({ host: '127.0.0.1', port, path: '/api/v1/health', ca: pems.cert }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
        })
          .on('error', reject)
          .end();
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok' });
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      // A plain-HTTP request to the same port gets no answer of the endpoint.
      const plain = await new Promise<number | Error>((resolve) => {
        httpRequest({ host: '127.0.0.1', port, path: '/api/v1/health' }, (response) => resolve(response.statusCode ?? 0))
          .on('error', resolve)
          .end();
      });
      expect(plain === 200).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('TLS settings', () => {
  it.each([
    [{ TLS_CERT_FILE: 'cert.pem' }, /go together/],
    [{ TLS_KEY_FILE: 'key.pem' }, /go together/],
    [{ TLS_CERT_FILE: 'missing.pem', TLS_KEY_FILE: 'missing.pem' }, /TLS_CERT_FILE: cannot read/],
    [{ TILE_ORIGINS: "https://tiles.example 'unsafe-inline'" }, /TILE_ORIGINS/],
  ])('refuses %o with a clear error', (env, message) => {
    expect(() => loadConfig(env, folder)).toThrow(ConfigError);
    expect(() => loadConfig(env, folder)).toThrow(message);
  });
});
