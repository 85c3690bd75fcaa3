import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '@shared/domain/model';
import { Dexie } from 'dexie';
import { databaseName, openOfficerDatabase, type OneVisitDb } from './db';
import { bytesSha256Hex } from '@shared/bytesHash';
import { attachmentsProgress, attachmentsRepository, missingAttachments, originalDue } from './attachmentsRepository';
import type { StoredAttachment } from './db';
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

  describe('verified photo originals after the retention period', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const verifiedAt = new Date('2026-11-01T08:00:00.000Z');
    const later = (days: number) => new Date(verifiedAt.getTime() + days * DAY);
    // The image codec is the browser's (lib/thumbnail.ts, exercised end to end); here a thumbnail is the first byte.
    const thumbnail = async (bytes: Uint8Array) => bytes.slice(0, 1);
    const row = (overrides: Partial<StoredAttachment>): StoredAttachment => ({
      id: 'p1',
      sectionId: 'sec-1',
      meta: meta('p1', 'photo', 'a'.repeat(64)),
      bytes: new Uint8Array([1, 2, 3]),
      state: 'uploaded',
      uploadedAt: verifiedAt.toISOString(),
      error: null,
      ...overrides,
    });

    it('are due only for photos the endpoint verified at least the retention period ago, and never with retention off', () => {
      expect(originalDue(row({}), later(30), 30)).toBe(true);
      expect(originalDue(row({}), later(29.9), 30)).toBe(false);
      expect(originalDue(row({}), later(400), 0)).toBe(false);
      expect(originalDue(row({ state: 'pending', uploadedAt: null }), later(400), 30)).toBe(false);
      expect(originalDue(row({ meta: meta('s1', 'officer_signature', 'b'.repeat(64)) }), later(400), 30)).toBe(false);
      expect(originalDue(row({ originalDroppedAt: later(30).toISOString() }), later(400), 30)).toBe(false);
    });

    it('are replaced by thumbnails on the laptop, then fetched again (hash-checked) when a record needs them', async () => {
      const original = new Uint8Array([7, 7, 7, 7, 7]);
      const sha = bytesSha256Hex(original);
      const repo = attachmentsRepository(db);
      await repo.add((await db.sections.get('sec-1'))!, meta('p1', 'photo', sha), original);
      await repo.add(
        (await db.sections.get('sec-1'))!,
        meta('s1', 'officer_signature', bytesSha256Hex(new Uint8Array([5]))),
        new Uint8Array([5]),
      );
      const waiting = new Uint8Array([8, 8]);
      await syncNow(server.bridge(), db);
      const uploadedAt = Date.parse((await db.attachments.get('p1'))!.uploadedAt!);
      await repo.add((await db.sections.get('sec-1'))!, meta('p2', 'photo', bytesSha256Hex(waiting)), waiting);

      expect(await repo.dropVerifiedOriginals({ now: new Date(uploadedAt + 29 * DAY), retentionDays: 30, thumbnail })).toBe(0);
      const now = new Date(uploadedAt + 31 * DAY);
      expect(await repo.dropVerifiedOriginals({ now, retentionDays: 30, thumbnail })).toBe(1);
      const rows = new Map((await repo.forSections(['sec-1'])).map((r) => [r.id, r]));
      expect(rows.get('p1')).toMatchObject({ state: 'uploaded', originalDroppedAt: now.toISOString(), bytes: new Uint8Array([7]) });
      // The signature and the photo still waiting for upload keep their bytes; the section still counts the photo verified.
      expect(Array.from(rows.get('s1')!.bytes)).toEqual([5]);
      expect(rows.get('p2')).toMatchObject({ state: 'pending', bytes: waiting });
      const section = (await db.sections.get('sec-1'))!;
      expect(attachmentsProgress(section, [...rows.values()])).toEqual({ total: 3, verified: 2 });
      // Thumbnails are enough for the task page; the record asks for the original.
      expect(missingAttachments([section], [...rows.values()])).toEqual([]);
      expect(missingAttachments([section], [...rows.values()], { originals: true }).map((m) => m.meta.id)).toEqual(['p1']);

      // Offline: the network failure reaches the page (which says so) and the thumbnail stays.
      server.offline = true;
      await expect(repo.download(server.bridge(), [section], { originals: true })).rejects.toMatchObject({ kind: 'network' });
      expect((await db.attachments.get('p1'))!.originalDroppedAt).toBe(now.toISOString());

      server.offline = false;
      server.arrivals.length = 0;
      expect(await repo.download(server.bridge(), [section], { originals: true })).toEqual({ downloaded: 1, failed: 0 });
      expect(server.arrivals).toEqual([`get:${sha}`]);
      const fetched = (await db.attachments.get('p1'))!;
      expect(fetched.originalDroppedAt).toBeUndefined();
      expect(bytesSha256Hex(fetched.bytes)).toBe(sha);
      // Verified anew: kept for another retention period before it gives way to a thumbnail again.
      const refetchedAt = Date.parse(fetched.uploadedAt!);
      expect(refetchedAt).toBeGreaterThanOrEqual(uploadedAt);
      expect(await repo.dropVerifiedOriginals({ now: new Date(refetchedAt + 29 * DAY), retentionDays: 30, thumbnail })).toBe(0);
      expect(await repo.dropVerifiedOriginals({ now: new Date(refetchedAt + 30 * DAY), retentionDays: 30, thumbnail })).toBe(1);
    });

    it('are found by an index that holds only the verified photo originals on the laptop, kept as rows change and by the version 6 upgrade', async () => {
      const held = () => db.attachments.where('originalHeldSince').above('').primaryKeys();
      const repo = attachmentsRepository(db);
      const add = (id: string, kind: AttachmentMeta['kind'], bytes: Uint8Array) =>
        db.sections.get('sec-1').then((s) => repo.add(s!, meta(id, kind, bytesSha256Hex(bytes)), bytes));
      await add('p1', 'photo', new Uint8Array([1, 1]));
      await add('s1', 'officer_signature', new Uint8Array([2]));
      expect(await held()).toEqual([]);
      await syncNow(server.bridge(), db);
      await add('p2', 'photo', new Uint8Array([3]));
      expect(await held()).toEqual(['p1']);
      expect((await db.attachments.get('p1'))!.originalHeldSince).toBe((await db.attachments.get('p1'))!.uploadedAt);
      await repo.dropVerifiedOriginals({ now: new Date(Date.now() + 31 * DAY), retentionDays: 30, thumbnail });
      expect(await held()).toEqual([]);

      // A laptop whose attachments were stored by version 5, before the index.
      const officer = `test-${crypto.randomUUID()}`;
      const old = new Dexie(databaseName(officer));
      old.version(5).stores({ attachments: 'id, sectionId, state' });
      await old
        .table('attachments')
        .bulkAdd([
          row({ id: 'p1' }),
          row({ id: 'p2', state: 'pending', uploadedAt: null }),
          row({ id: 'p3', originalDroppedAt: later(30).toISOString() }),
          row({ id: 's1', meta: meta('s1', 'officer_signature', 'b'.repeat(64)) }),
        ]);
      old.close();
      const upgraded = openOfficerDatabase(officer);
      try {
        expect(await upgraded.attachments.where('originalHeldSince').belowOrEqual(later(0).toISOString()).primaryKeys()).toEqual(['p1']);
      } finally {
        await upgraded.delete();
      }
    });

    it('keep an original whose thumbnail cannot be made, and one fetched again while its thumbnail was being made', async () => {
      const original = new Uint8Array([4, 4, 4]);
      const repo = attachmentsRepository(db);
      await repo.add((await db.sections.get('sec-1'))!, meta('p1', 'photo', bytesSha256Hex(original)), original);
      await syncNow(server.bridge(), db);
      const now = new Date(Date.now() + 31 * DAY);
      const failing = async () => {
        throw new Error('not an image');
      };
      expect(await repo.dropVerifiedOriginals({ now, retentionDays: 30, thumbnail: failing })).toBe(0);
      const racing = async (bytes: Uint8Array) => {
        await db.attachments.update('p1', { uploadedAt: new Date().toISOString() });
        return bytes.slice(0, 1);
      };
      expect(await repo.dropVerifiedOriginals({ now, retentionDays: 30, thumbnail: racing })).toBe(0);
      expect(Array.from((await db.attachments.get('p1'))!.bytes)).toEqual([4, 4, 4]);
    });
  });
});
