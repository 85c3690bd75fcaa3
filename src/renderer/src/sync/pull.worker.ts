// The sync worker: validates and writes pulled pages into the officer's database, off the window's thread.
import { expose } from 'comlink';
import type { SnapshotManifest } from '@shared/sync/protocol';
import { openDatabase } from '../data/db';
import { loadPinyin } from '../data/pinyin';
import { openLocalPullStore, type PullStore } from './pullStore';

// Loading pinyin-pro starts with the worker, which may be started before the officer has signed in (see prepareWorker),
// so that opening the store seldom waits for it.
void loadPinyin();

let store: PullStore | null = null;
const opened = (): PullStore => {
  if (!store) throw new Error('the sync worker has no database open');
  return store;
};

const api = {
  async open(databaseName: string): Promise<void> {
    store = await openLocalPullStore(openDatabase(databaseName));
  },
  state: () => opened().state(),
  applyPage: (page: unknown) => opened().applyPage(page),
  beginBootstrap: (manifest: SnapshotManifest) => opened().beginBootstrap(manifest),
  applySnapshotChunk: (sha256: string, bytes: Uint8Array) => opened().applySnapshotChunk(sha256, bytes),
  abandonBootstrap: () => opened().abandonBootstrap(),
  beginReplacement: () => opened().beginReplacement(),
  finishReplacement: () => opened().finishReplacement(),
  compact: () => opened().compact(),
};
export type PullWorkerApi = typeof api;

expose(api);
