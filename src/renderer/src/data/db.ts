// The app's IndexedDB, one database per officer so officers sharing a machine never see each other's local data.
// Every schema version lives here, in order; never edit a released version, add a new one.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AttachmentMeta,
  CheckItem,
  Department,
  Enterprise,
  InspectionPlan,
  InspectionSection,
  InspectionTask,
  Officer,
  SectionCorrection,
  Unit,
} from '@shared/domain/model';
import type { MergeConflict } from '@shared/sync/merge';
import type { Mutation } from '@shared/sync/protocol';
import type { EnterpriseKey, ProfileEntry } from '@shared/domain/directory';
import { enterpriseKeyOf, blockTexts, profileBlocksOf, profileChunkOf, type ProfileBlock } from './enterpriseKeys';
import { loadPinyin } from './pinyin';
import { directoryChunkOf, type DirectoryChunk, type NumberColumns, type PackedStrings, type SearchOrders } from './directoryColumns';

const MIGRATION_CHUNK = 1000;

/** A chunk's profile texts as versions 4 to 6 stored them: one row per chunk, read whole for a single profile. */
interface WholeProfileChunk {
  id: number;
  epoch: number;
  texts: string[];
}

/** A directory chunk as versions 4 to 10 stored it: its entries as one JSON text (rows before version 8 without a size). */
type DirectoryChunkAsText = Omit<DirectoryChunk, 'columns' | 'size'> & { entries: string };

/** Why a mutation waits for the officer instead of being sent again: resending would get the same answer. */
export type OutboxHold = 'conflict' | 'rejected';

export interface OutboxEntry {
  mutationId: string;
  /** Id of the written record: a section, or a correction (payload.collection says which). */
  recordId: string;
  createdAt: string;
  payload: Mutation;
  /** Set once the mutation went out in a push. The server may have applied it, so its data is never changed afterwards. */
  attemptedAt: string | null;
  hold: OutboxHold | null;
  /** The server's copy when the push met a conflict, or was refused because that copy is completed and locked. */
  serverCurrent: InspectionSection | SectionCorrection | null;
  /** The server's reasons when it rejected the mutation. */
  errors: string[];
  /**
   * With hold 'rejected': the endpoint failed to store it (its content was not refused). Held apart so the rest flows;
   * the officer sends it again (or edits it) when the endpoint is fixed.
   */
  failed?: true;
  /**
   * The server's copy this edit started from (the record as last confirmed by the server), kept for the three-way merge
   * when the push meets a conflict. Absent on entries queued before the merge existed: then every difference is asked.
   */
  base?: InspectionSection | SectionCorrection | null;
  /** With hold 'conflict': the parts both sides changed differently, waiting for the officer's choice. */
  conflicts?: MergeConflict[];
  /** The officer who last wrote the server's copy, when the server said. */
  serverChangedBy?: string;
}

/**
 * An attachment's bytes on this machine. Rows in state 'pending' are the attachment outbox: they are uploaded during
 * sync before any section mutation that references them. Bytes stay here after upload, for thumbnails and the record,
 * until a photo's original is dropped for its thumbnail after the retention period.
 */
export interface StoredAttachment {
  id: string;
  sectionId: string;
  meta: AttachmentMeta;
  bytes: Uint8Array;
  state: 'pending' | 'uploaded';
  /** When the endpoint confirmed it holds bytes with this hash (accepted the upload, or served them and they matched). */
  uploadedAt: string | null;
  /**
   * Set when a verified photo's original was dropped after the retention period (attachmentsRepository
   * dropVerifiedOriginals): `bytes` then hold a JPEG thumbnail, and the original is fetched again when a record needs it.
   */
  originalDroppedAt?: string;
  /**
   * `uploadedAt` while this machine holds a photo's verified original, otherwise absent: the retention sweep's index,
   * so a sync reads only the originals that are due, never the thumbnails already swept. Kept by the table's hooks.
   */
  originalHeldSince?: string;
  /** The endpoint's reason when it refused the bytes (not a network failure); the upload is retried next sync. */
  error: string | null;
}

/** A non-profile record pulled during a replacement sync, waiting for the swap (see pullRepository). */
export interface StagedRecord {
  key: string;
  collection: string;
  data: unknown;
}

/**
 * The directory of a profile epoch as its columns (see directoryColumns.ts), written by the sync worker after a pull so
 * that a cold start reads one row instead of every directory chunk and sorts nothing. Chunks above `lastChunk` are
 * applied on top as usual.
 */
export interface StoredDirectorySnapshot {
  epoch: number;
  lastChunk: number;
  /** The string columns, each one text and the end of every value in it (see stringColumn.ts). */
  packed: PackedStrings;
  numbers: NumberColumns;
  orders: SearchOrders;
}

export interface MetaRecord {
  /**
   * `profileEpoch`: the epoch of the live profile chunks; `replacement`: JSON of a staged replacement sync; `newTasks`: JSON of
   * the tasks that arrived with the latest sync that brought any (see pullRepository); `bootstrap`: JSON of a first
   * sync's snapshot and the chunks it stored (pullRepository.ts Bootstrap);
   * `itemsChanged:<section id>`: what a catalogue change did to a draft, until the officer read it (itemChangesRepository.ts).
   */
  key: 'cursor' | 'lastSyncedAt' | 'profileEpoch' | 'replacement' | 'newTasks' | 'bootstrap' | `itemsChanged:${string}`;
  value: string;
}

export type OneVisitDb = Dexie & {
  departments: EntityTable<Department, 'id'>;
  units: EntityTable<Unit, 'id'>;
  officers: EntityTable<Officer, 'id'>;
  checkItems: EntityTable<CheckItem, 'id'>;
  plans: EntityTable<InspectionPlan, 'id'>;
  tasks: EntityTable<InspectionTask, 'id'>;
  sections: EntityTable<InspectionSection, 'id'>;
  corrections: EntityTable<SectionCorrection, 'id'>;
  outbox: EntityTable<OutboxEntry, 'mutationId'>;
  meta: EntityTable<MetaRecord, 'key'>;
  attachments: EntityTable<StoredAttachment, 'id'>;
  profileBlocks: Table<ProfileBlock, [number, number]>;
  directoryChunks: EntityTable<DirectoryChunk, 'id'>;
  directorySnapshots: EntityTable<StoredDirectorySnapshot, 'epoch'>;
  stagedRecords: EntityTable<StagedRecord, 'key'>;
};

export function databaseName(officerId: string): string {
  return `onevisit-${officerId}`;
}

export function openOfficerDatabase(officerId: string): OneVisitDb {
  if (!officerId) throw new Error('openOfficerDatabase needs an officer id');
  return openDatabase(databaseName(officerId));
}

/** An officer's database opened (upgraded to this version), after loading what the upgrades it needs use. */
export async function openedOfficerDatabase(officerId: string): Promise<OneVisitDb> {
  const db = openOfficerDatabase(officerId);
  if (await upgradesConvertNames(db.name)) await loadPinyin();
  await db.open();
  return db;
}

/** Upgrades to versions 2 and 4 compute the stored profiles' pinyin initials (Dexie keeps version n as IndexedDB's n × 10). */
async function upgradesConvertNames(name: string): Promise<boolean> {
  const stored = (await indexedDB.databases()).find((database) => database.name === name)?.version;
  return stored !== undefined && stored > 0 && stored < 40;
}

/** Opens an officer's database by its name (the sync worker gets the name of the window's database). */
export function openDatabase(name: string): OneVisitDb {
  const db = new Dexie(name) as OneVisitDb;
  db.version(1).stores({
    departments: 'id',
    units: 'id',
    officers: 'id, departmentId',
    checkItems: 'id, departmentId',
    enterprises: 'id, districtCode, riskClass',
    plans: 'id',
    tasks: 'id, enterpriseId, planId, dueDate, status',
    sections: 'id, taskId, departmentId',
    outbox: 'mutationId, sectionId, createdAt',
    meta: 'key',
  });
  // Version 2: evidence bytes with their upload outbox, and the instant-check keys of the stored profiles.
  db.version(2)
    .stores({ attachments: 'id, sectionId, state', enterpriseKeys: 'id' })
    .upgrade(async (tx) => {
      await tx.table<Enterprise>('enterprises').each((enterprise) => void tx.table('enterpriseKeys').put(enterpriseKeyOf(enterprise)));
    });
  // Version 3: corrections of returned sections (synced like sections).
  db.version(3).stores({ corrections: 'id, taskId, sectionId' });
  // Version 4: profiles move from one row each (plus a key row) to chunks with a compact directory (see ProfileChunk in enterpriseKeys.ts).
  db.version(4)
    .stores({
      profileChunks: 'id, epoch',
      directoryChunks: 'id, [epoch+id]',
      stagedRecords: 'key, collection',
      enterprises: null,
      enterpriseKeys: null,
    })
    .upgrade(async (tx) => {
      const enterprises = await tx.table<Enterprise>('enterprises').toArray();
      const keys = new Map((await tx.table<EnterpriseKey>('enterpriseKeys').toArray()).map((k) => [k.id, k]));
      for (let start = 0, id = 1; start < enterprises.length; start += MIGRATION_CHUNK, id++) {
        const chunk = profileChunkOf(enterprises.slice(start, start + MIGRATION_CHUNK), (e) => keys.get(e.id));
        await tx.table<WholeProfileChunk>('profileChunks').add({ id, epoch: 0, texts: chunk.texts });
        await tx.table('directoryChunks').add(directoryChunkOf(id, 0, chunk.entries, []));
      }
    });
  // Version 5: the outbox names the written record `recordId` (it holds correction ids too), indexed under that name.
  db.version(5)
    .stores({ outbox: 'mutationId, recordId, createdAt' })
    .upgrade(async (tx) => {
      await tx
        .table<OutboxEntry & { sectionId?: string }>('outbox')
        .toCollection()
        .modify((entry) => {
          entry.recordId = entry.sectionId!;
          delete entry.sectionId;
        });
    });
  // Version 6: held photo originals by verification time, so the retention sweep after each sync reads only the due ones.
  db.version(6)
    .stores({ attachments: 'id, sectionId, state, originalHeldSince' })
    .upgrade(async (tx) => {
      await tx
        .table<StoredAttachment>('attachments')
        .toCollection()
        .modify((row) => {
          const since = originalHeldSince(row);
          if (since) row.originalHeldSince = since;
        });
    });
  // Version 7: a chunk's profile texts in blocks (see ProfileBlock in enterpriseKeys.ts), so a dossier reads one block.
  // The directory keeps its (chunk, slot) positions, so its persisted snapshot stays valid.
  db.version(7)
    .stores({ profileBlocks: '[chunk+block], epoch', profileChunks: null })
    .upgrade(async (tx) => {
      // One chunk at a time (each about 1 MB), every write awaited so that a failure aborts the upgrade.
      const chunks = tx.table<WholeProfileChunk>('profileChunks');
      for (const id of await chunks.toCollection().primaryKeys()) {
        const chunk = (await chunks.get(id))!;
        await tx.table<ProfileBlock>('profileBlocks').bulkAdd(profileBlocksOf(chunk.id, chunk.epoch, chunk.texts));
      }
    });
  // Version 8: directory chunks by size too, so a pull's compaction check counts the overlay without reading it.
  db.version(8).stores({ directoryChunks: 'id, [epoch+id], [epoch+size]' });
  // Version 9: the directory snapshot (several MB at 100,000 profiles) in a store of its own: written into meta, it held
  // every read of the small meta rows (the profile epoch a dossier lookup needs) until the write was done. The old row
  // is dropped, not moved: the next directory load writes a new one.
  db.version(9)
    .stores({ directorySnapshots: 'epoch' })
    .upgrade(async (tx) => {
      await tx.table('meta').delete('directorySnapshot');
    });
  // Version 10: blocks of PROFILE_BLOCK (64) profiles instead of 16: a chunk is stored in a third less time (fewer,
  // larger rows) and a lookup still reads one block. Each chunk's blocks are joined in slot order and split again.
  db.version(10)
    .stores({})
    .upgrade(async (tx) => {
      const blocks = tx.table<ProfileBlock, [number, number]>('profileBlocks');
      const chunks = new Set((await blocks.toCollection().primaryKeys()).map(([chunk]) => chunk));
      for (const chunk of chunks) {
        const rows = await blocks.where('[chunk+block]').between([chunk, -Infinity], [chunk, Infinity]).toArray();
        await blocks.bulkDelete(rows.map((row) => [row.chunk, row.block] as [number, number]));
        await blocks.bulkAdd(profileBlocksOf(chunk, rows[0]!.epoch, rows.flatMap(blockTexts)));
      }
    });
  // Version 11: a directory chunk's entries as columns (see DirectoryChunk in directoryColumns.ts) instead of one JSON
  // text. Positions stay as they were, so the directory snapshot stays valid.
  db.version(11)
    .stores({})
    .upgrade(async (tx) => {
      await tx
        .table<DirectoryChunk | DirectoryChunkAsText, number>('directoryChunks')
        .toCollection()
        .modify((chunk, ref) => {
          if ('entries' in chunk)
            ref.value = directoryChunkOf(chunk.id, chunk.epoch, JSON.parse(chunk.entries) as ProfileEntry[], chunk.deleted);
        });
    });
  // The sweep's index key follows the fields it derives from, whoever writes the row.
  db.attachments.hook('creating', (_id, row) => {
    const since = originalHeldSince(row);
    if (since) row.originalHeldSince = since;
    else delete row.originalHeldSince;
  });
  db.attachments.hook('updating', (changes, _id, row) => {
    const since = originalHeldSince({ ...row, ...changes });
    return since === row.originalHeldSince ? undefined : { originalHeldSince: since };
  });
  return db;
}

/** See StoredAttachment.originalHeldSince. */
function originalHeldSince(row: StoredAttachment): string | undefined {
  const held = row.meta.kind === 'photo' && row.state === 'uploaded' && row.originalDroppedAt === undefined;
  return (held && row.uploadedAt) || undefined;
}
