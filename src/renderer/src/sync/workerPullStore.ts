// The app's pull store: a Web Worker per sync round, over the same IndexedDB database as the window.
import { wrap, type Remote } from 'comlink';
import type { OneVisitDb } from '../data/db';
import type { PullWorkerApi } from './pull.worker';
import type { PullStore } from './pullStore';

export function workerPullStore(db: OneVisitDb): PullStore & { ready: Promise<void>; close(): void } {
  const worker = new Worker(new URL('./pull.worker.ts', import.meta.url), { type: 'module', name: 'onevisit-sync' });
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
    beginReplacement: () => call(() => remote.beginReplacement()),
    finishReplacement: () => call(() => remote.finishReplacement()),
    compact: () => call(() => remote.compact()),
    close: () => worker.terminate(),
  };
}
