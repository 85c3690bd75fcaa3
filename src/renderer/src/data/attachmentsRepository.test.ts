import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '@shared/domain/model';
import type { OneVisitDb } from './db';
import { bytesSha256Hex } from '@shared/bytesHash';
import { attachmentsProgress, attachmentsRepository, missingAttachments } from './attachmentsRepository';
import { isEditable, sectionSyncInfo } from './sectionsRepository';
import { MemoryServer, section } from '../../../../tests/support/memoryServer';
import { syncNow } from '../sync/syncNow';
import { freshOfficerDb } from '../../../../tests/support/officerDb';

let db: OneVisitDb;
let server: MemoryServer;

beforeEach(async () => {
  db = freshOfficerDb();
  server = new MemoryServer();
  server.upsertSection(section('sec-1'));
  await syncNow(server.bridge(), db);
});

const meta = (id: string, kind: AttachmentMeta['kind'], sha256: string): AttachmentMeta => ({
  id,
  sha256,
  size: 3,
  type: 'image/png',
  kind,
  capturedAt: '2025-05-06T09:00:00+08:00',
});

describe('attachmentsRepository', () => {
  it('stores bytes with the section metadata in one write, and a new signature replaces the old one', async () => {
    const repo = attachmentsRepository(db);
    let current = (await db.sections.get('sec-1'))!;
    current = await repo.add(current, meta('p1', 'photo', '1'.repeat(64)), new Uint8Array([1, 2, 3]));
    current = await repo.add(current, meta('s1', 'officer_signature', '2'.repeat(64)), new Uint8Array([4]));
    current = await repo.add(current, meta('s2', 'officer_signature', '3'.repeat(64)), new Uint8Array([5]));
    expect((await db.sections.get('sec-1'))!.attachments.map((a) => a.id)).toEqual(['p1', 's2']);
    expect((await db.attachments.toArray()).map((a) => [a.id, a.state])).toEqual([
      ['p1', 'pending'],
      ['s2', 'pending'],
    ]);
    expect((await db.outbox.toArray())[0]!.payload.data.attachments.map((a) => a.id)).toEqual(['p1', 's2']);

    current = await repo.remove(current, 'p1');
    expect(current.attachments.map((a) => a.id)).toEqual(['s2']);
    expect(await db.attachments.count()).toBe(1);
  });

  it('uploads the bytes during sync before the section that references them, then counts them verified', async () => {
    const repo = attachmentsRepository(db);
    const current = await repo.add((await db.sections.get('sec-1'))!, meta('p1', 'photo', 'a'.repeat(64)), new Uint8Array([9, 9, 9]));
    expect(attachmentsProgress(current, await repo.forSections(['sec-1']))).toEqual({ total: 1, verified: 0 });

    server.offline = true;
    await expect(syncNow(server.bridge(), db)).rejects.toMatchObject({ kind: 'network' });
    expect(await repo.pendingCount()).toBe(1);
    expect(await db.outbox.count()).toBe(1);

    server.offline = false;
    const result = await syncNow(server.bridge(), db);
    expect(result).toMatchObject({ attachmentsUploaded: 1, acknowledged: 1 });
    expect(server.arrivals).toEqual([`put:${'a'.repeat(64)}`, 'push:sec-1']);
    expect(server.attachments.get('a'.repeat(64))).toEqual(new Uint8Array([9, 9, 9]));
    expect(await repo.pendingCount()).toBe(0);
    const stored = (await db.sections.get('sec-1'))!;
    expect(attachmentsProgress(stored, await repo.forSections(['sec-1']))).toEqual({ total: 1, verified: 1 });
    expect(sectionSyncInfo([], attachmentsProgress(stored, await repo.forSections(['sec-1']))).state).toBe('attachments_verified');
  });

  it('holds back only the section whose bytes the endpoint refused, keeping the reason', async () => {
    server.upsertSection(section('sec-2'));
    await syncNow(server.bridge(), db);
    const repo = attachmentsRepository(db);
    await repo.add((await db.sections.get('sec-1'))!, meta('bad', 'photo', 'b'.repeat(64)), new Uint8Array([1]));
    await repo.add((await db.sections.get('sec-2'))!, meta('good', 'photo', 'c'.repeat(64)), new Uint8Array([2]));
    server.refuseSha256 = 'b'.repeat(64);

    const result = await syncNow(server.bridge(), db);
    expect(result).toMatchObject({ attachmentsUploaded: 1, attachmentsFailed: 1, acknowledged: 1 });
    expect(server.arrivals.filter((a) => a.startsWith('push:'))).toEqual(['push:sec-2']);
    expect(await db.attachments.get('bad')).toMatchObject({ state: 'pending', error: 'the bytes do not match their address' });
    expect((await db.outbox.toArray()).map((e) => e.recordId)).toEqual(['sec-1']);
  });

  it('lets the officer remove a refused photo even from a completed section, and then the section goes', async () => {
    await syncNow(server.bridge(), db);
    const repo = attachmentsRepository(db);
    const withPhoto = await repo.add((await db.sections.get('sec-1'))!, meta('bad', 'photo', 'b'.repeat(64)), new Uint8Array([1]));
    await db.sections.put({ ...withPhoto, status: 'completed' });
    server.refuseSha256 = 'b'.repeat(64);
    await syncNow(server.bridge(), db);
    const completed = (await db.sections.get('sec-1'))!;
    const refused = await repo.forSections(['sec-1']);
    expect(isEditable(completed, await db.outbox.toArray(), refused)).toBe(true);
    expect(isEditable(completed, [], [])).toBe(false);

    // Removing it is the officer's explicit choice: the section returns to draft, and goes out without it.
    const removed = await repo.remove(completed, 'bad');
    expect(removed).toMatchObject({ status: 'draft', attachments: [] });
    await syncNow(server.bridge(), db);
    expect(await db.outbox.count()).toBe(0);
    expect(server.sections.get('sec-1')!.attachments).toEqual([]);
  });

  it("downloads other departments' attachments it lacks, keeps only bytes matching their hash, and fetches each once", async () => {
    const photo = new Uint8Array([1, 2, 3, 4]);
    const signature = new Uint8Array([5, 6]);
    const tampered = new Uint8Array([7]);
    const listed = [
      { ...meta('p-other', 'photo', bytesSha256Hex(photo)), checkItemId: 'ci-1' },
      meta('s-other', 'officer_signature', bytesSha256Hex(signature)),
      meta('t-other', 'photo', 'f'.repeat(64)),
      meta('gone', 'photo', 'e'.repeat(64)),
    ];
    server.attachments.set(bytesSha256Hex(photo), photo);
    server.attachments.set(bytesSha256Hex(signature), signature);
    server.attachments.set('f'.repeat(64), tampered);
    server.upsertSection({ ...section('sec-other'), departmentId: 'dept-other', attachments: listed });
    await syncNow(server.bridge(), db);
    const repo = attachmentsRepository(db);
    const other = (await db.sections.get('sec-other'))!;
    expect(missingAttachments([other], await repo.forSections(['sec-other'])).map((m) => m.meta.id)).toEqual([
      'p-other',
      's-other',
      't-other',
      'gone',
    ]);

    server.offline = true;
    await expect(repo.download(server.bridge(), [other])).rejects.toMatchObject({ kind: 'network' });
    expect(await db.attachments.count()).toBe(0);

    server.offline = false;
    expect(await repo.download(server.bridge(), [other])).toEqual({ downloaded: 2, failed: 2 });
    const rows = await repo.forSections(['sec-other']);
    expect(rows.map((r) => [r.id, r.state, Array.from(r.bytes)])).toEqual([
      ['p-other', 'uploaded', [1, 2, 3, 4]],
      ['s-other', 'uploaded', [5, 6]],
    ]);
    expect(rows[0]!.meta.checkItemId).toBe('ci-1');
    expect(attachmentsProgress(other, rows)).toEqual({ total: 4, verified: 2 });
    // Nothing is uploaded back, and what is here is not fetched again.
    expect(await repo.pendingCount()).toBe(0);
    server.arrivals.length = 0;
    expect(await repo.download(server.bridge(), [other])).toEqual({ downloaded: 0, failed: 2 });
    expect(server.arrivals).toEqual([`get:${'f'.repeat(64)}`, `get:${'e'.repeat(64)}`]);
  });
  it('drops the downloaded copy of a photo the other department removed, or of a record that left the device; never a pending one', async () => {
    const photo = new Uint8Array([1, 2, 3, 4]);
    const signature = new Uint8Array([5, 6]);
    const listed = [meta('p-other', 'photo', bytesSha256Hex(photo)), meta('s-other', 'officer_signature', bytesSha256Hex(signature))];
    server.attachments.set(bytesSha256Hex(photo), photo);
    server.attachments.set(bytesSha256Hex(signature), signature);
    server.upsertSection({ ...section('sec-other'), departmentId: 'dept-other', attachments: listed });
    await syncNow(server.bridge(), db);
    const repo = attachmentsRepository(db);
    expect(await repo.download(server.bridge(), [(await db.sections.get('sec-other'))!])).toEqual({ downloaded: 2, failed: 0 });
    // The officer's own photo waits for upload while the other department's section changes.
    const own = await repo.add((await db.sections.get('sec-1'))!, meta('p-own', 'photo', 'a'.repeat(64)), new Uint8Array([9]));
    expect(own.attachments).toHaveLength(1);

    server.bumpSection('sec-other', { attachments: listed.slice(1) });
    server.refuseSha256 = 'a'.repeat(64);
    await syncNow(server.bridge(), db);
    expect((await db.attachments.toArray()).map((a) => [a.id, a.state]).sort()).toEqual([
      ['p-own', 'pending'],
      ['s-other', 'uploaded'],
    ]);

    // The section leaves the device (a reassigned task): its downloaded bytes go with it.
    server.record({ op: 'delete', collection: 'sections', id: 'sec-other' });
    await syncNow(server.bridge(), db);
    expect((await db.attachments.toArray()).map((a) => a.id)).toEqual(['p-own']);
  });
  it('a replacement sync (after a cursor reset) also drops the bytes of records it no longer brings', async () => {
    const photo = new Uint8Array([1, 2, 3, 4]);
    server.attachments.set(bytesSha256Hex(photo), photo);
    server.upsertSection({
      ...section('sec-other'),
      departmentId: 'dept-other',
      attachments: [meta('p-other', 'photo', bytesSha256Hex(photo))],
    });
    await syncNow(server.bridge(), db);
    const repo = attachmentsRepository(db);
    await repo.download(server.bridge(), [(await db.sections.get('sec-other'))!]);
    expect(await db.attachments.count()).toBe(1);

    server.record({ op: 'delete', collection: 'sections', id: 'sec-other' });
    server.compact();
    await syncNow(server.bridge(), db);
    // The first sync of the device and the replacement start from the empty cursor.
    expect(server.pullCalls.filter((q) => !q.cursor)).toHaveLength(2);
    expect(await db.sections.get('sec-other')).toBeUndefined();
    expect(await db.attachments.count()).toBe(0);
  });
});
