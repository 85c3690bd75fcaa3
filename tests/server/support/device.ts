// A device as the app runs it, for end-to-end sync tests against a real endpoint: the web bridge over HTTP (through a
// fault proxy if wanted) and the app's IndexedDB (fake-indexeddb), with the app's own sync and repositories.
import 'fake-indexeddb/auto';
import { COLLECTION_NAMES, type Change, type CollectionName } from '@shared/sync/protocol';
import type { InspectionSection } from '@shared/domain/model';
import { openOfficerDatabase, type OneVisitDb } from '../../../src/renderer/src/data/db';
import { enterpriseDirectory } from '../../../src/renderer/src/data/enterpriseDirectory';
import { sectionsRepository } from '../../../src/renderer/src/data/sectionsRepository';
import { syncNow, type SyncBridge, type SyncResult } from '../../../src/renderer/src/sync/syncNow';
import { createWebBridge } from '../../../src/renderer/src/platform/webBridge';
import { MemoryStorage } from '../../support/memoryStorage';
import { digestCollections, type CollectionDigest } from '../../support/syncDigest';
import { PASSWORD } from './fixture';
import type { Harness } from './harness';

export class Device {
  db: OneVisitDb;

  private constructor(
    readonly officerId: string,
    readonly bridge: SyncBridge,
  ) {
    this.db = openOfficerDatabase(officerId);
  }

  /** Signs in through the web bridge at `baseUrl` (the endpoint, or a fault proxy in front of it). */
  static async signIn(baseUrl: string, username: string): Promise<Device> {
    const bridge = createWebBridge({
      baseUrl,
      localStorage: new MemoryStorage(),
      sessionStorage: new MemoryStorage(),
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    });
    const session = await bridge.login({ username, password: PASSWORD });
    return new Device(session.officer.id, bridge);
  }

  sync(options?: Parameters<typeof syncNow>[3], bridge: SyncBridge = this.bridge): Promise<SyncResult> {
    return syncNow(bridge, this.db, undefined, options);
  }

  /** The app closed at any moment and opened again: the same IndexedDB, a fresh connection. */
  reopen(): void {
    // The old connection's run is abandoned: it must not quietly reopen the database behind the new one.
    this.db.close({ disableAutoOpen: true });
    this.db = openOfficerDatabase(this.officerId);
  }

  section(id: string): Promise<InspectionSection> {
    return this.db.sections.get(id).then((s) => {
      if (!s) throw new Error(`section ${id} is not on ${this.officerId}'s device`);
      return s;
    });
  }

  /** An officer's edit through the app's repository (record and outbox in one transaction). */
  async edit(id: string, change: (section: InspectionSection) => InspectionSection): Promise<InspectionSection> {
    return sectionsRepository(this.db).saveDraft(change(await this.section(id)));
  }

  localDigests(collections: readonly CollectionName[] = COLLECTION_NAMES): Promise<Record<string, CollectionDigest>> {
    return localDigests(this.db, collections);
  }

  async destroy(): Promise<void> {
    await this.db.delete();
  }
}

/** What a device's database holds, digested per collection (profiles read through the directory, as the app does). */
export async function localDigests(
  db: OneVisitDb,
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<Record<string, CollectionDigest>> {
  const groups: Record<string, { id: string }[]> = {};
  for (const collection of collections) {
    if (collection === 'enterprises') {
      const directory = enterpriseDirectory(db);
      const { columns } = await directory.all();
      groups[collection] = (await Promise.all(columns.strings.id.array().map((id) => directory.get(id)))).filter((e) => e !== undefined);
    } else {
      groups[collection] = await db.table(collection).toArray();
    }
  }
  return digestCollections(groups);
}

/** What the server holds for an officer, as a full pull from scratch hands it out, digested per collection. */
export async function serverDigests(
  h: Harness,
  token: string,
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<Record<string, CollectionDigest>> {
  const { changes } = await h.pullAll(token, 1000, '', 'corrections');
  const current = new Map<string, Change>();
  for (const change of changes) current.set(`${change.collection}\u0000${change.id}`, change);
  const groups: Record<string, { id: string }[]> = Object.fromEntries(collections.map((c) => [c, []]));
  for (const change of current.values()) {
    if (change.op === 'upsert' && groups[change.collection]) groups[change.collection]!.push(change.data);
  }
  return digestCollections(groups);
}
