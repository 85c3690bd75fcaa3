// A fault-injecting HTTP proxy for tests: sits on 127.0.0.1 in front of the endpoint and, by rule or by schedule,
// answers 500/502 without reaching it, drops the connection before or in the middle of the response, truncates the
// body, or delays. Everything else is passed through unchanged (including compressed bodies). In front of several
// endpoint instances it takes turns between them, request by request, as a round-robin load balancer does.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Answer this status (e.g. 500, 502) without forwarding the request. */
  | { kind: 'status'; status: number; body?: string }
  /** Close the connection without forwarding the request: the endpoint never sees it. */
  | { kind: 'drop' }
  /** Forward the request, then send the response headers and the first `afterBytes` body bytes and cut the connection. */
  | { kind: 'dropMidResponse'; afterBytes: number }
  /** Forward the request, then send only the first `bytes` body bytes as if they were the whole body. */
  | { kind: 'truncate'; bytes: number }
  /** Forward after `ms` milliseconds (before the request reaches the endpoint). */
  | { kind: 'delay'; ms: number };

export interface RequestInfo {
  /** 1-based number of the request through this proxy. */
  index: number;
  method: string;
  /** Path without the query string. */
  path: string;
  url: string;
}

export interface FaultRule {
  match?: (request: RequestInfo) => boolean;
  fault: Fault;
  /** How many matching requests this rule hits; unlimited when omitted. */
  times?: number;
}

export interface ProxiedRequest extends RequestInfo {
  fault: Fault | null;
  /** Whether the request reached the endpoint. */
  forwarded: boolean;
  /** Which of the targets it was (or would have been) sent to, from 0. */
  target: number;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class FaultProxy {
  readonly log: ProxiedRequest[] = [];
  private rules: (FaultRule & { hits: number })[] = [];
  private scheduled = new Map<number, Fault>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly targets: readonly URL[],
  ) {}

  /** Starts a proxy in front of `target` (e.g. http://127.0.0.1:8787), or taking turns between several. */
  static async start(target: string | readonly string[]): Promise<FaultProxy> {
    const targets = (typeof target === 'string' ? [target] : target).map((url) => new URL(url));
    if (targets.length === 0) throw new Error('a fault proxy needs a target');
    const server = createServer();
    const proxy = new FaultProxy(server, targets);
    server.on('request', (req, res) => void proxy.handle(req, res));
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds a rule; rules are tried in the order added, after the schedule. */
  addRule(rule: FaultRule): this {
    this.rules.push({ ...rule, hits: 0 });
    return this;
  }

  /** Faults by request number (1-based, counted from the proxy's start). */
  schedule(faults: Record<number, Fault>): this {
    for (const [index, fault] of Object.entries(faults)) this.scheduled.set(Number(index), fault);
    return this;
  }

  /** Removes every rule and scheduled fault: plain pass-through again. */
  clear(): void {
    this.rules = [];
    this.scheduled.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pick(info: RequestInfo): Fault | null {
    const scheduled = this.scheduled.get(info.index);
    if (scheduled) return scheduled;
    for (const rule of this.rules) {
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (rule.match && !rule.match(info)) continue;
      rule.hits += 1;
      return rule.fault;
    }
    return null;
  }

  private async handle(req: import('node:http').IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const info: RequestInfo = { index: this.log.length + 1, method: req.method ?? 'GET', path: url.split('?')[0] ?? '/', url };
    const fault = this.pick(info);
    const entry: ProxiedRequest = { ...info, fault, forwarded: false, target: (info.index - 1) % this.targets.length };
    this.log.push(entry);

    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' });
      return void res.end(fault.body ?? `injected ${fault.status}`);
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));

    let upstream: Upstream;
    try {
      entry.forwarded = true;
      upstream = await this.forward(this.targets[entry.target]!, req.method ?? 'GET', url, req.headers, Buffer.concat(chunks));
    } catch {
      res.writeHead(502, { 'content-type': 'text/plain' });
      return void res.end('upstream unreachable');
    }
    const headers = { ...upstream.headers };
    delete headers['transfer-encoding'];
    if (fault?.kind === 'dropMidResponse') {
      res.writeHead(upstream.status, { ...headers, 'content-length': String(upstream.body.length) });
      res.write(upstream.body.subarray(0, fault.afterBytes), () => res.socket?.destroy());
      return;
    }
    const body = fault?.kind === 'truncate' ? upstream.body.subarray(0, fault.bytes) : upstream.body;
    res.writeHead(upstream.status, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  }

  private forward(target: URL, method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method, path: url, headers: { ...headers, host: target.host } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
