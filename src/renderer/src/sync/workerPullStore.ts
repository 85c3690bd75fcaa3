// The app's pull store: a Web Worker per sync round, over the same IndexedDB database as the window.
import { wrap, type Remote } from 'comlink';
import type { OneVisitDb } from '../data/db';
import type { PullWorkerApi } from './pull.worker';
import type { PullStore } from './pullStore';

export function workerPullStore(db: OneVisitDb): PullStore & { close(): void } {
  const worker = new Worker(new URL('./pull.worker.ts', import.meta.url), { type: 'module', name: 'onevisit-sync' });
  const remote: Remote<PullWorkerApi> = wrap(worker);
  const opened = remote.open(db.name);
  const call = <T>(run: () => Promise<T>) => opened.then(run);
  return {
    state: () => call(() => remote.state()),
    applyPage: (page) => call(() => remote.applyPage(page)),
    beginReplacement: () => call(() => remote.beginReplacement()),
    finishReplacement: () => call(() => remote.finishReplacement()),
    compact: () => call(() => remote.compact()),
    close: () => worker.terminate(),
  };
}
