// The map's cluster index off the UI thread (see clusterIndex.ts); the page talks to it through comlink.
import { expose, transfer } from 'comlink';
import { ClusterIndex, type ClusterView } from './clusterIndex';
import type { ClusterInput } from './mapPoints';

const index = new ClusterIndex();

const api = {
  load: (input: ClusterInput, generation: number): number => index.load(input, generation),
  view: (bbox: [number, number, number, number], zoom: number): ClusterView => {
    const view = index.view(bbox, zoom);
    return transfer(view, [view.coords.buffer, view.counts.buffer, view.ids.buffer, view.mix.buffer]);
  },
  clear: (): void => index.clear(),
  leaves: (clusterId: number, limit: number, generation: number): Int32Array | null => {
    const leaves = index.leaves(clusterId, limit, generation);
    return leaves && transfer(leaves, [leaves.buffer]);
  },
};

export type ClusterWorkerApi = typeof api;

expose(api);
