// The pull side of sync: where the pull stands, how pulled pages land, and the replacement sync after a cursor reset.
import { OFFICER_WRITABLE_FIELDS, type CheckItem, type Enterprise, type InspectionSection } from '@shared/domain/model';
import { itemListChange, reconcileCheckItemIds, type CatalogueEntry } from '@shared/domain/catalogue';
import { COLLECTION_NAMES, type Change, type CollectionName, type PullResponse, type SnapshotManifest } from '@shared/sync/protocol';
import type { DecodedSnapshotChunk } from '@shared/sync/snapshotChunk';
import type { OneVisitDb } from './db';
import { activeProfileEpoch, dropProfileEpoch, writeProfileChanges, writeProfileChunk } from './profileStore';
import { itemChangesRepository } from './itemChangesRepository';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Tasks new on this machine since the sync before the one that brought them: `round` is the last sync that had ended
 * when they arrived, so the pages of one sync add up and the next sync that brings tasks starts a new list.
 */
export interface NewTasks {
  round: string;
  ids: string[];
}

/** A replacement sync in progress: the epoch its profiles are staged under and how far it got. */
interface Replacement {
  epoch: number;
  cursor: string;
}

/**
 * A first sync bootstrapping its profiles from a snapshot (see syncNow): the snapshot's manifest and the chunks already
 * stored. Each chunk is written with its entry here in one transaction; the record goes with the pull's last page.
 */
export interface Bootstrap extends SnapshotManifest {
  stored: string[];
}

const stagedKey = (collection: string, id: string) => `${collection}\u0000${id}`;

export function pullRepository(db: OneVisitDb) {
  // Profiles are stored apart (profileStore); every other collection has a table of its name.
  const recordTables = COLLECTION_NAMES.filter((c) => c !== 'enterprises').map((c) => db.table(c));

  return {
    async cursor(): Promise<string> {
      return (await db.meta.get('cursor'))?.value ?? '';
    },

    async lastSyncedAt(): Promise<string | null> {
      return (await db.meta.get('lastSyncedAt'))?.value ?? null;
    },

    async setLastSyncedAt(iso: string): Promise<void> {
      await db.meta.put({ key: 'lastSyncedAt', value: iso });
    },

    /** Where the pull continues: the live cursor, or the staging cursor while a replacement sync runs. */
    async pullState(): Promise<{ cursor: string; replacing: boolean; bootstrap?: Bootstrap }> {
      const replacement = await readReplacement();
      if (replacement) return { cursor: replacement.cursor, replacing: true };
      const bootstrap = await readBootstrap();
      return { cursor: await this.cursor(), replacing: false, ...(bootstrap ? { bootstrap } : {}) };
    },

    /** Starts bootstrapping from a snapshot; only a device that has pulled nothing yet does (an empty cursor). */
    async beginBootstrap(manifest: SnapshotManifest): Promise<Bootstrap> {
      return db.transaction('rw', [db.meta], async () => {
        if ((await this.cursor()) !== '' || (await readReplacement())) throw new Error('only a device that has pulled nothing bootstraps');
        const bootstrap: Bootstrap = { ...manifest, stored: [] };
        await db.meta.put({ key: 'bootstrap', value: JSON.stringify(bootstrap) });
        return bootstrap;
      });
    },

    /** Stores one verified snapshot chunk with the progress of its bootstrap, in one transaction; a chunk stored before is skipped. */
    async applySnapshotChunk(sha256: string, content: DecodedSnapshotChunk): Promise<void> {
      await db.transaction('rw', [db.meta, db.profileBlocks, db.directoryChunks], async () => {
        const bootstrap = await readBootstrap();
        if (!bootstrap?.chunks.some((c) => c.sha256 === sha256) || bootstrap.stored.includes(sha256)) return;
        await writeProfileChunk(db, await activeProfileEpoch(db), content, []);
        await db.meta.put({ key: 'bootstrap', value: JSON.stringify({ ...bootstrap, stored: [...bootstrap.stored, sha256] }) });
      });
    },

    /** Drops a bootstrap and what it stored (its snapshot is gone or no longer the officer's): the next one starts afresh. */
    async abandonBootstrap(): Promise<void> {
      await db.transaction('rw', [db.meta, db.profileBlocks, db.directoryChunks], async () => {
        if (!(await readBootstrap()) || (await this.cursor()) !== '') return;
        await dropProfileEpoch(db, await activeProfileEpoch(db));
        await db.meta.delete('bootstrap');
      });
    },

    /**
     * Writes one pulled page and its cursor together, so an interrupted pull resumes where it stopped. Profiles become
     * one chunk (see ProfileBlock). During a replacement sync everything goes to staging, the live data stays as it was.
     */
    async applyPullPage(page: PullResponse): Promise<void> {
      await db.transaction(
        'rw',
        [...recordTables, db.outbox, db.meta, db.profileBlocks, db.directoryChunks, db.stagedRecords, db.attachments],
        async () => {
          const replacement = await readReplacement();
          // Within a page the last change of a record wins, so group by record before bulk writes.
          const latest = new Map<string, Change>();
          for (const change of page.changes) latest.set(stagedKey(change.collection, change.id), change);
          const profiles: Enterprise[] = [];
          const removedProfiles: string[] = [];
          const records: Change[] = [];
          for (const change of latest.values()) {
            if (change.collection !== 'enterprises') records.push(change);
            else if (change.op === 'upsert') profiles.push(change.data);
            else removedProfiles.push(change.id);
          }
          await writeProfileChanges(db, replacement?.epoch ?? (await activeProfileEpoch(db)), profiles, removedProfiles);
          if (replacement) {
            await db.stagedRecords.bulkDelete(records.filter((c) => c.op === 'delete').map((c) => stagedKey(c.collection, c.id)));
            await db.stagedRecords.bulkPut(
              records.flatMap((c) =>
                c.op === 'upsert' ? [{ key: stagedKey(c.collection, c.id), collection: c.collection, data: c.data }] : [],
              ),
            );
            await db.meta.put({ key: 'replacement', value: JSON.stringify({ ...replacement, cursor: page.cursor } satisfies Replacement) });
            return;
          }
          const pending = await pendingKeys();
          await noteItemChanges(records.filter((c) => !pending.has(stagedKey(c.collection, c.id))));
          // Only a record with a pending edit needs the catalogue: read it once, and only then.
          let catalogue: Promise<Map<string, CatalogueEntry>> | undefined;
          const loadCatalogue = () => (catalogue ??= catalogueWith(records));
          const upserts = new Map<CollectionName, unknown[]>();
          const deletes = new Map<CollectionName, string[]>();
          for (const change of records) {
            if (pending.has(stagedKey(change.collection, change.id))) {
              await mergeServerOwned(change, loadCatalogue);
            } else if (change.op === 'upsert') {
              push(upserts, change.collection, change.data);
            } else {
              push(deletes, change.collection, change.id);
            }
          }
          await markNewTasks(upserts.get('tasks') ?? []);
          for (const [collection, ids] of deletes) await db.table(collection).bulkDelete(ids);
          for (const [collection, records] of upserts) await db.table(collection).bulkPut(records);
          await dropUnlistedAttachments(
            records
              .filter((c) => !pending.has(stagedKey(c.collection, c.id)) && (c.collection === 'sections' || c.collection === 'corrections'))
              .map((c) => c.id),
          );
          await db.meta.put({ key: 'cursor', value: page.cursor });
          // The pull that completes a bootstrap ends it: its cursor is past the snapshot.
          if (!page.hasMore) await db.meta.delete('bootstrap');
        },
      );
    },

    /** Starts a replacement sync (after a cursor reset) from the empty cursor, discarding any earlier unfinished one. */
    async beginReplacement(): Promise<void> {
      await db.transaction('rw', [db.meta, db.profileBlocks, db.directoryChunks, db.stagedRecords], async () => {
        const earlier = await readReplacement();
        if (earlier) await dropProfileEpoch(db, earlier.epoch);
        await db.stagedRecords.clear();
        // A replacement pulls everything: an unfinished bootstrap's profiles go with the live ones it replaces.
        await db.meta.delete('bootstrap');
        const epoch = Math.max(await activeProfileEpoch(db), earlier?.epoch ?? 0) + 1;
        await db.meta.put({ key: 'replacement', value: JSON.stringify({ epoch, cursor: '' } satisfies Replacement) });
      });
    },

    /**
     * Swaps the staged replacement in, in one transaction: server-owned collections become the staged ones, except
     * records with queued mutations, which keep the officer's copy (the server's arrives with the pull after the push).
     */
    async finishReplacement(): Promise<void> {
      await db.transaction(
        'rw',
        [...recordTables, db.outbox, db.meta, db.profileBlocks, db.directoryChunks, db.stagedRecords, db.attachments],
        async () => {
          const replacement = await readReplacement();
          if (!replacement) return;
          const pending = await pendingKeys();
          for (const table of recordTables) {
            const kept = (
              await table.bulkGet(
                [...pending].flatMap((key) => (key.startsWith(`${table.name}\u0000`) ? [key.slice(table.name.length + 1)] : [])),
              )
            ).filter((record) => record !== undefined);
            await table.clear();
            await table.bulkPut((await db.stagedRecords.where('collection').equals(table.name).toArray()).map((r) => r.data));
            await table.bulkPut(kept);
          }
          await dropProfileEpoch(db, await activeProfileEpoch(db));
          await db.meta.bulkPut([
            { key: 'profileEpoch', value: String(replacement.epoch) },
            { key: 'cursor', value: replacement.cursor },
          ]);
          await db.meta.delete('replacement');
          await db.stagedRecords.clear();
          await dropUnlistedAttachments((await db.attachments.orderBy('sectionId').uniqueKeys()).map(String));
        },
      );
    },
  };

  /**
   * Drops the bytes of the given records' attachments that no record on this machine lists any more (another
   * department removed a photo, a record left the officer's scope), so a laptop does not keep them for ever. Only
   * uploaded or downloaded copies: pending ones are the attachment outbox. A correction lists its section's evidence,
   * stored with the section, so the section's corrections count too.
   */
  async function dropUnlistedAttachments(recordIds: readonly string[]): Promise<void> {
    if (recordIds.length === 0) return;
    const rows = (await db.attachments.where('sectionId').anyOf(recordIds).toArray()).filter((r) => r.state === 'uploaded');
    if (rows.length === 0) return;
    const ids = [...new Set(rows.map((r) => r.sectionId))];
    const listing = [
      ...(await db.sections.bulkGet(ids)),
      ...(await db.corrections.bulkGet(ids)),
      ...(await db.corrections.where('sectionId').anyOf(ids).toArray()),
    ];
    const listed = new Set(listing.flatMap((record) => record?.attachments.map((a) => a.id) ?? []));
    await db.attachments.bulkDelete(rows.filter((r) => !listed.has(r.id)).map((r) => r.id));
  }

  /** Notes the tasks this page brings that the machine did not hold; a first sync brings everything, so nothing is new. */
  async function markNewTasks(tasks: readonly unknown[]): Promise<void> {
    const round = (await db.meta.get('lastSyncedAt'))?.value;
    if (!round || tasks.length === 0) return;
    const ids = (tasks as { id: string }[]).map((t) => t.id);
    const held = await db.tasks.bulkGet(ids);
    const arrived = ids.filter((_, i) => held[i] === undefined);
    if (arrived.length === 0) return;
    const stored = (await db.meta.get('newTasks'))?.value;
    const earlier = stored ? (JSON.parse(stored) as NewTasks) : null;
    const list: NewTasks = { round, ids: earlier?.round === round ? [...earlier.ids, ...arrived] : arrived };
    await db.meta.put({ key: 'newTasks', value: JSON.stringify(list) });
  }

  async function readBootstrap(): Promise<Bootstrap | null> {
    const value = (await db.meta.get('bootstrap'))?.value;
    return value ? (JSON.parse(value) as Bootstrap) : null;
  }

  async function readReplacement(): Promise<Replacement | null> {
    const value = (await db.meta.get('replacement'))?.value;
    return value ? (JSON.parse(value) as Replacement) : null;
  }

  /** Records with a mutation still in the outbox, as `collection\0id`. */
  async function pendingKeys(): Promise<Set<string>> {
    return new Set((await db.outbox.toArray()).map((e) => stagedKey(e.payload.collection, e.recordId)));
  }

  /**
   * A record with a pending local edit keeps the officer's content; only the server-owned structure follows the server.
   * Its check items follow the catalogue by the shared rule: a retired item the officer recorded a result for stays.
   */
  async function mergeServerOwned(change: Change, catalogue: () => Promise<ReadonlyMap<string, CatalogueEntry>>): Promise<void> {
    if (change.op !== 'upsert' || (change.collection !== 'sections' && change.collection !== 'corrections')) return;
    const table = db.table<InspectionSection, string>(change.collection);
    const local = await table.get(change.id);
    if (!local) return;
    // The officer's content, evidence and version stay local.
    const officerOwned = new Set<string>([...OFFICER_WRITABLE_FIELDS, 'version']);
    const structure = Object.fromEntries(Object.entries(change.data).filter(([key]) => !officerOwned.has(key)));
    const reconciled = reconcileCheckItemIds(change.data.checkItemIds, local, local.departmentId, await catalogue());
    const checkItemIds = reconciled.ok ? reconciled.checkItemIds : change.data.checkItemIds;
    await table.put({ ...local, ...structure, checkItemIds });
    const itemChange = local.status === 'draft' ? itemListChange(local.checkItemIds, checkItemIds) : null;
    if (itemChange) await itemChangesRepository(db).record(local.id, itemChange);
  }

  /**
   * The catalogue on this machine with the page's items applied: whether each item is retired, and its department.
   * The device follows the server's list, so every item counts as one its older local copy may miss (`added`).
   */
  async function catalogueWith(records: readonly Change[]): Promise<Map<string, CatalogueEntry>> {
    const entry = (item: CheckItem): [string, CatalogueEntry] => [
      item.id,
      { departmentId: item.departmentId, retired: Boolean(item.retiredAt), added: true },
    ];
    const catalogue = new Map((await db.checkItems.toArray()).map(entry));
    for (const change of records) if (change.collection === 'checkItems' && change.op === 'upsert') catalogue.set(...entry(change.data));
    return catalogue;
  }

  /** Drafts on this machine without a pending edit whose items the server changed: the officer is told on the section. */
  async function noteItemChanges(records: readonly Change[]): Promise<void> {
    const sections = records.flatMap((c) => (c.collection === 'sections' && c.op === 'upsert' ? [c.data] : []));
    if (sections.length === 0) return;
    const locals = await db.sections.bulkGet(sections.map((s) => s.id));
    for (const [i, local] of locals.entries()) {
      const change = local?.status === 'draft' ? itemListChange(local.checkItemIds, sections[i]!.checkItemIds) : null;
      if (change) await itemChangesRepository(db).record(local!.id, change);
    }
  }
}
