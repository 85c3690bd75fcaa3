import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '@shared/api/client';
import { FaultProxy } from '../support/faultProxy';
import { PASSWORD } from './support/fixture';
import { ATTACHMENT_MAX_BYTES, type AttachmentMeta, type InspectionSection } from '@shared/domain/model';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { snapshot, startHarness, type Harness } from './support/harness';

const fixture = buildFixture(6);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// A real PNG header is not needed: the endpoint stores bytes, it does not decode them.
const photo = Buffer.from('\x89PNG\r\n\x1a\n photo of the fire exit, blocked', 'binary');

describeEachDriver('attachments', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of ['amr1', 'amr2', 'tax1', 'sup-a', 'amrb1']) tokens[username] = await h.login(username);
  });
  const auth = (username: string) => ({ authorization: `Bearer ${tokens[username]!}` });
  const put = (username: string, sha256: string, body: Buffer, type = 'image/png') =>
    h.request({ method: 'PUT', url: `/api/v1/attachments/${sha256}`, payload: body, headers: { ...auth(username), 'content-type': type } });

  it('stores bytes under their sha256 once; the same bytes again are acknowledged without a second copy', async () => {
    const first = await put('amr1', sha(photo), photo);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ sha256: sha(photo), size: photo.length });
    const before = await snapshot(h.database);
    const again = await put('amr1', sha(photo), photo);
    expect(again.statusCode).toBe(200);
    expect(await snapshot(h.database)).toEqual(before);

    const head = await h.request({ method: 'HEAD', url: `/api/v1/attachments/${sha(photo)}`, headers: auth('tax1') });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(photo.length));
    const missing = await h.request({ method: 'HEAD', url: `/api/v1/attachments/${'0'.repeat(64)}`, headers: auth('tax1') });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses bytes that do not match their address, bad addresses, other media types, empty and oversized bodies', async () => {
    const before = await snapshot(h.database);
    const mismatch = await put('amr1', sha(Buffer.from('other')), photo);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().message).toContain(sha(photo));
    expect((await put('amr1', 'ABC', photo)).statusCode).toBe(400);
    expect((await put('amr1', sha(photo).toUpperCase(), photo)).statusCode).toBe(400);
    expect((await put('amr1', sha(photo), photo, 'application/pdf')).statusCode).toBe(415);
    expect((await put('amr1', sha(Buffer.alloc(0)), Buffer.alloc(0))).statusCode).toBe(400);
    const huge = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1);
    expect((await put('amr1', sha(huge), huge)).statusCode).toBe(413);
    expect(await snapshot(h.database)).toEqual(before);
  });

  it('requires sign-in for every call, and only inspectors upload', async () => {
    const other = Buffer.from('signature strokes');
    for (const method of ['PUT', 'HEAD', 'GET'] as const) {
      const response = await h.request({
        method,
        url: `/api/v1/attachments/${sha(other)}`,
        payload: method === 'PUT' ? other : undefined,
        headers: { 'content-type': 'image/png' },
      });
      expect(response.statusCode).toBe(401);
    }
    expect((await put('sup-a', sha(other), other)).statusCode).toBe(403);
  });

  it('lets the uploader and officers who may see a section referencing the bytes download them, nobody else', async () => {
    const evidence = Buffer.from('evidence photo bytes for t1');
    expect((await put('amr1', sha(evidence), evidence, 'image/jpeg')).statusCode).toBe(201);
    const get = (username: string) => h.request({ method: 'GET', url: `/api/v1/attachments/${sha(evidence)}`, headers: auth(username) });

    const own = await get('amr1');
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(own.rawPayload.equals(evidence)).toBe(true);
    expect((await get('tax1')).statusCode).toBe(403);

    const base = fixture.sections.find((s) => s.id === 't1-dept-amr')!;
    const meta: AttachmentMeta = {
      id: 'a-1',
      sha256: sha(evidence),
      size: evidence.length,
      type: 'image/jpeg',
      kind: 'photo',
      capturedAt: '2025-05-06T09:10:00.000Z',
    };
    const data: InspectionSection = { ...base, attachments: [meta] };
    const answer = await h.push(tokens.amr1!, {
      deviceId: 'dev',
      mutations: [{ mutationId: 'attach-mutation-1', collection: 'sections', id: base.id, baseVersion: 0, data }],
    });
    expect(answer.results[0]?.status).toBe('applied');

    expect((await get('tax1')).statusCode).toBe(200); // on the team of t1
    expect((await get('sup-a')).statusCode).toBe(200); // supervisor of unit-a
    expect((await get('amr2')).statusCode).toBe(403); // same unit, not on t1
    expect((await get('amrb1')).statusCode).toBe(403); // another unit
    expect((await h.request({ method: 'GET', url: `/api/v1/attachments/${'1'.repeat(64)}`, headers: auth('amr1') })).statusCode).toBe(404);
  });
});

describeEachDriver('resumable attachment uploads', (fresh) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    for (const username of ['amr1', 'tax1']) tokens[username] = await h.login(username);
  });
  afterAll(() => h.app.close());
  const auth = (username: string) => ({ authorization: `Bearer ${tokens[username]!}` });
  const chunk = (username: string, sha256: string, whole: Buffer, start: number, end: number, type = 'image/jpeg') =>
    h.request({
      method: 'PUT',
      url: `/api/v1/attachments/${sha256}`,
      payload: whole.subarray(start, end + 1),
      headers: { ...auth(username), 'content-type': type, 'content-range': `bytes ${start}-${end}/${whole.length}` },
    });
  const offset = async (username: string, sha256: string) => {
    const head = await h.request({ method: 'HEAD', url: `/api/v1/attachments/${sha256}`, headers: auth(username) });
    return { status: head.statusCode, offset: head.headers['upload-offset'] };
  };

  it('appends chunks, tells the offset, takes a repeated chunk, refuses a gap, and stores the whole once complete', async () => {
    const photo = randomBytes(3000);
    const address = sha(photo);
    expect(await offset('amr1', address)).toEqual({ status: 404, offset: '0' });
    const first = await chunk('amr1', address, photo, 0, 999);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ sha256: address, size: 3000, received: 1000 });
    expect(await offset('amr1', address)).toEqual({ status: 404, offset: '1000' });
    // Another officer's unfinished upload of the same bytes is their own.
    expect(await offset('tax1', address)).toEqual({ status: 404, offset: '0' });

    const before = await snapshot(h.database);
    const gap = await chunk('amr1', address, photo, 1500, 1999);
    expect(gap.statusCode).toBe(409);
    expect(gap.json().message).toContain('continue from byte 1000');
    expect(await snapshot(h.database)).toEqual(before);

    // The answer to a chunk was lost: sending it again, overlapping what is held, does no harm.
    expect((await chunk('amr1', address, photo, 500, 1999)).json()).toMatchObject({ received: 2000 });
    const last = await chunk('amr1', address, photo, 2000, 2999);
    expect(last.statusCode).toBe(201);
    expect(last.json()).toEqual({ sha256: address, size: 3000 });
    expect((await offset('amr1', address)).status).toBe(200);
    const got = await h.request({ method: 'GET', url: `/api/v1/attachments/${address}`, headers: auth('amr1') });
    expect(got.rawPayload.equals(photo)).toBe(true);
    // Idempotent: chunks of stored bytes are acknowledged without storing anything.
    const after = await snapshot(h.database);
    expect((await chunk('amr1', address, photo, 0, 999)).json()).toEqual({ sha256: address, size: 3000 });
    expect(await snapshot(h.database)).toEqual(after);
  });

  it('discards an unfinished upload whose bytes do not hash to the address, with a clear 422', async () => {
    const photo = randomBytes(2000);
    const address = sha(randomBytes(16));
    expect((await chunk('amr1', address, photo, 0, 999)).statusCode).toBe(200);
    const wrong = await chunk('amr1', address, photo, 1000, 1999);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: 'hash_mismatch' });
    expect(wrong.json().message).toContain('unfinished upload was discarded');
    expect(await offset('amr1', address)).toEqual({ status: 404, offset: '0' });
    // Continuing the discarded upload is refused; it starts again from byte 0.
    expect((await chunk('amr1', address, photo, 1000, 1999)).statusCode).toBe(409);
  });

  it('refuses malformed ranges, chunks that do not match their range, oversized totals and other types mid-upload', async () => {
    const photo = randomBytes(1200);
    const address = sha(photo);
    const put = (range: string, body: Buffer, type = 'image/jpeg') =>
      h.request({
        method: 'PUT',
        url: `/api/v1/attachments/${address}`,
        payload: body,
        headers: { ...auth('amr1'), 'content-type': type, 'content-range': range },
      });
    const before = await snapshot(h.database);
    for (const range of ['bytes 10-5/1200', 'bytes 0-1200/1200', 'bytes */1200', 'items 0-9/1200', 'bytes 0-9'])
      expect((await put(range, photo.subarray(0, 10))).statusCode).toBe(400);
    expect((await put('bytes 0-99/1200', photo.subarray(0, 10))).statusCode).toBe(400);
    expect((await put(`bytes 0-9/${ATTACHMENT_MAX_BYTES + 1}`, photo.subarray(0, 10))).statusCode).toBe(413);
    expect(await snapshot(h.database)).toEqual(before);
    expect((await put('bytes 0-599/1200', photo.subarray(0, 600))).statusCode).toBe(200);
    expect((await put('bytes 600-1199/1200', photo.subarray(600), 'image/png')).statusCode).toBe(409);
    expect((await put('bytes 600-1199/1200', photo.subarray(600))).statusCode).toBe(201);
  });

  it('resumes an upload cut off by the network from what the endpoint holds (ApiClient through the fault proxy)', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const proxy = await FaultProxy.start(`http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`);
    try {
      let token: string | null = null;
      const client = new ApiClient({ baseUrl: proxy.url, getToken: () => token });
      token = (await client.call('auth.login', { body: { username: 'amr1', password: PASSWORD, deviceId: 'laptop-1' } })).token;
      const photo = randomBytes(5 * 64 * 1024 + 123);
      const upload = { sha256: sha(photo), type: 'image/jpeg' as const, bytes: new Uint8Array(photo) };
      const chunkBytes = 64 * 1024;
      // Requests so far: the login. Then HEAD, and the third chunk (request 5) reaches the endpoint but its answer is lost.
      expect(proxy.log).toHaveLength(1);
      proxy.schedule({ 5: { kind: 'dropMidResponse', afterBytes: 0 } });
      const cut = await client.putAttachment(upload, chunkBytes).catch((error: unknown) => error);
      expect(cut).toBeInstanceOf(ApiError);
      expect((cut as ApiError).kind).toBe('network');
      expect(proxy.log.map((r) => [r.method, r.fault?.kind ?? null])).toEqual([
        ['POST', null],
        ['HEAD', null],
        ['PUT', null],
        ['PUT', null],
        ['PUT', 'dropMidResponse'],
      ]);
      expect(await offset('amr1', upload.sha256)).toEqual({ status: 404, offset: String(3 * chunkBytes) });

      proxy.clear();
      const resumedFrom = proxy.log.length;
      expect(await client.putAttachment(upload, chunkBytes)).toEqual({ sha256: upload.sha256, size: photo.length });
      // Only what was missing went up again: a HEAD, then the last three chunks.
      expect(proxy.log.slice(resumedFrom).map((r) => r.method)).toEqual(['HEAD', 'PUT', 'PUT', 'PUT']);
      expect(await client.getAttachment(upload.sha256)).toEqual(new Uint8Array(photo));
      expect((await offset('amr1', upload.sha256)).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });
});

describe('attachment metadata on a section', () => {
  it('is a version-1 addition: a section without it parses with empty evidence', async () => {
    const { inspectionSectionSchema } = await import('@shared/domain/model');
    const { checkIn, teamPresent, representativeName, attachments, ...old } = fixture.sections[0]!;
    expect([checkIn, teamPresent, representativeName, attachments]).toEqual([null, [], '', []]);
    expect(inspectionSectionSchema.parse(old)).toEqual(fixture.sections[0]);
  });
});
