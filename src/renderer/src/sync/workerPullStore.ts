// The app's pull store: a Web Worker per sync round, over the same IndexedDB database as the window.
import { transfer, wrap, type Remote } from 'comlink';
import type { OneVisitDb } from '../data/db';
import type { PullWorkerApi } from './pull.worker';
import type { PullStore } from './pullStore';

/** A sync worker with no database yet: it loads its code (validation, the write path, pinyin) meanwhile. */
export function startPullWorker(): Worker {
  return new Worker(new URL('./pull.worker.ts', import.meta.url), { type: 'module', name: 'onevisit-sync' });
}

export function workerPullStore(db: OneVisitDb, worker = startPullWorker()): PullStore & { ready: Promise<void>; close(): void } {
  const remote: Remote<PullWorkerApi> = wrap(worker);
  // A worker that fails to load or dies answers nothing: fail the calls instead of waiting forever.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(`the sync worker failed: ${event.message || 'could not start'}`)), {
      once: true,
    });
  });
  failed.catch(() => {});
  const ready = Promise.race([remote.open(db.name), failed]);
  const call = <T>(run: () => Promise<T>) => ready.then(() => Promise.race([run(), failed]));
  return {
    ready,
    state: () => call(() => remote.state()),
    applyPage: (page) => call(() => remote.applyPage(page)),
    beginBootstrap: (manifest) => call(() => remote.beginBootstrap(manifest)),
    // The bytes move to the worker instead of being copied.
    applySnapshotChunk: (sha256, bytes) => call(() => remote.applySnapshotChunk(sha256, transfer(bytes, [bytes.buffer]))),
    abandonBootstrap: () => call(() => remote.abandonBootstrap()),
    beginReplacement: () => call(() => remote.beginReplacement()),
    finishReplacement: () => call(() => remote.finishReplacement()),
    compact: () => call(() => remote.compact()),
    close: () => worker.terminate(),
  };
}
