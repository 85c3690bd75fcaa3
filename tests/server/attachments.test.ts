import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
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
      const response = await h.request({ method, url: `/api/v1/attachments/${sha(other)}`, payload: method === 'PUT' ? other : undefined, headers: { 'content-type': 'image/png' } });
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
    const meta: AttachmentMeta = { id: 'a-1', sha256: sha(evidence), size: evidence.length, type: 'image/jpeg', kind: 'photo', capturedAt: '2025-05-06T09:10:00.000Z' };
    const data: InspectionSection = { ...base, attachments: [meta] };
    const answer = await h.push(tokens.amr1!, { deviceId: 'dev', mutations: [{ mutationId: 'attach-mutation-1', collection: 'sections', id: base.id, baseVersion: 0, data }] });
    expect(answer.results[0]?.status).toBe('applied');

    expect((await get('tax1')).statusCode).toBe(200); // on the team of t1
    expect((await get('sup-a')).statusCode).toBe(200); // supervisor of unit-a
    expect((await get('amr2')).statusCode).toBe(403); // same unit, not on t1
    expect((await get('amrb1')).statusCode).toBe(403); // another unit
    expect((await h.request({ method: 'GET', url: `/api/v1/attachments/${'1'.repeat(64)}`, headers: auth('amr1') })).statusCode).toBe(404);
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
