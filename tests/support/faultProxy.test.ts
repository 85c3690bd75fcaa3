import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy } from './faultProxy';

const BODY = JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i, text: `记录${i}` })) });

describe('fault proxy', () => {
  let backend: Server;
  let proxy: FaultProxy;
  const seen: string[] = [];
  beforeAll(async () => {
    backend = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(BODY);
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    proxy = await FaultProxy.start(`http://127.0.0.1:${(backend.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => backend.close(resolve));
  });
  beforeEach(() => {
    proxy.clear();
    seen.length = 0;
  });
  const get = (path = '/x?a=1') => fetch(`${proxy.url}${path}`);

  it('passes requests and responses through unchanged', async () => {
    const response = await fetch(`${proxy.url}/echo?q=1`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(BODY);
    expect(seen).toEqual(['POST /echo?q=1 {"a":1}']);
  });

  it('answers an injected 500 or 502 without reaching the backend', async () => {
    proxy.addRule({ fault: { kind: 'status', status: 502 }, times: 1 }).addRule({ fault: { kind: 'status', status: 500 }, times: 1 });
    expect((await get()).status).toBe(502);
    expect((await get()).status).toBe(500);
    expect(seen).toEqual([]);
    expect((await get()).status).toBe(200);
    expect(proxy.log.slice(-3).map((r) => r.forwarded)).toEqual([false, false, true]);
  });

  it('drops the connection before forwarding: the client sees a network error', async () => {
    proxy.addRule({ fault: { kind: 'drop' }, times: 1 });
    await expect(get()).rejects.toThrow();
    expect(seen).toEqual([]);
  });

  it('drops mid-response after forwarding: the backend handled it, the body never completes', async () => {
    proxy.addRule({ fault: { kind: 'dropMidResponse', afterBytes: 100 }, times: 1 });
    const response = await get();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(seen).toHaveLength(1);
  });

  it('truncates a body: complete as far as HTTP goes, but not valid JSON', async () => {
    proxy.addRule({ fault: { kind: 'truncate', bytes: 200 }, times: 1 });
    const response = await get();
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(Buffer.from(BODY).subarray(0, 200))).toBe(true);
    expect(() => JSON.parse(bytes.toString())).toThrow();
  });

  it('delays a request before it reaches the backend', async () => {
    proxy.addRule({ fault: { kind: 'delay', ms: 150 }, times: 1 });
    const started = performance.now();
    expect((await get()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies rules only to matching requests, and faults by schedule by request number', async () => {
    proxy.addRule({ match: (r) => r.method === 'POST' && r.path === '/push', fault: { kind: 'status', status: 500 } });
    expect((await get('/pull')).status).toBe(200);
    expect((await fetch(`${proxy.url}/push`, { method: 'POST', body: '{}' })).status).toBe(500);
    expect((await fetch(`${proxy.url}/push`, { method: 'POST', body: '{}' })).status).toBe(500);
    const next = proxy.log.length + 1;
    proxy.clear();
    proxy.schedule({ [next + 1]: { kind: 'status', status: 502 } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(502);
    expect((await get()).status).toBe(200);
  });
});

describe('fault proxy in front of two endpoints', () => {
  it('takes turns between them, request by request', async () => {
    const backends = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const server = createServer((_req, res) => res.end(name));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return server;
      }),
    );
    const proxy = await FaultProxy.start(backends.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    try {
      const answers: string[] = [];
      for (let i = 0; i < 4; i++) answers.push(await (await fetch(`${proxy.url}/x`)).text());
      expect(answers).toEqual(['a', 'b', 'a', 'b']);
      expect(proxy.log.map((entry) => entry.target)).toEqual([0, 1, 0, 1]);
    } finally {
      await proxy.close();
      for (const server of backends) await new Promise((resolve) => server.close(resolve));
    }
  });
});
