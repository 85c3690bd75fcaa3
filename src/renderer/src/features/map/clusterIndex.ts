// The map's cluster index, run in a Web Worker (cluster.worker.ts) so that indexing 100,000 tasks never blocks a
// frame. Tasks come in and views go out as typed arrays: transferred, not cloned, and no per-task objects on the page.
import Supercluster, { type PointFeature } from 'supercluster';
// Types only from mapPoints.ts: its values bring the domain schemas (zod), which the worker's bundle does without.
import type { ClusterInput } from './mapPoints';
import { stopwatch } from '../../lib/timing';

/** The clusters and single tasks of one view. */
export interface ClusterView {
  /** Which load of tasks the view shows (see ClusterIndex.load). */
  generation: number;
  /** Longitude and latitude of feature j at 2j and 2j + 1. */
  coords: Float64Array;
  /** Tasks in feature j: 1 for a single task. */
  counts: Uint32Array;
  /** A cluster's id, or a single task's index in the input. */
  ids: Int32Array;
  /** ClusterInput.mixSlots counts per feature. */
  mix: Uint32Array;
}

type Mix = Record<number, number>;
interface TaskProps {
  i: number;
}

export const CLUSTER_RADIUS_PX = 60;
export const CLUSTER_MAX_ZOOM = 16;

export class ClusterIndex {
  private index: Supercluster<TaskProps, Mix> | null = null;
  private slots: Uint8Array = new Uint8Array(0);
  private mixSlots = 0;
  private generation = 0;

  /**
   * Indexes the tasks, numbered by the caller so that views and leaves can be matched to the tasks they index;
   * returns the time it took in ms.
   */
  load(input: ClusterInput, generation: number): number {
    const elapsed = stopwatch();
    this.generation = generation;
    const { coords, slots, mixSlots } = input;
    this.slots = slots;
    this.mixSlots = mixSlots;
    const count = slots.length / 2;
    const features = new Array<PointFeature<TaskProps>>(count);
    for (let i = 0; i < count; i++) {
      features[i] = { type: 'Feature', geometry: { type: 'Point', coordinates: [coords[2 * i]!, coords[2 * i + 1]!] }, properties: { i } };
    }
    // map/reduce keep flat objects: supercluster copies cluster properties shallowly.
    this.index = new Supercluster<TaskProps, Mix>({
      radius: CLUSTER_RADIUS_PX,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: ({ i }) => ({ [slots[2 * i]!]: 1, [slots[2 * i + 1]!]: 1 }),
      reduce: (total, mix) => {
        for (const slot in mix) total[slot] = (total[slot] ?? 0) + mix[slot]!;
      },
    }).load(features);
    return elapsed();
  }

  /** Drops the tasks (the map that showed them is gone); views are empty until the next load. */
  clear(): void {
    this.index = null;
    this.slots = new Uint8Array(0);
    this.generation = 0;
  }

  /** The clusters and tasks inside [west, south, east, north] at a zoom level. */
  view(bbox: [number, number, number, number], zoom: number): ClusterView {
    const features = this.index?.getClusters(bbox, Math.round(zoom)) ?? [];
    const stride = this.mixSlots;
    const view: ClusterView = {
      generation: this.generation,
      coords: new Float64Array(features.length * 2),
      counts: new Uint32Array(features.length),
      ids: new Int32Array(features.length),
      mix: new Uint32Array(features.length * stride),
    };
    features.forEach((feature, j) => {
      const [lng, lat] = feature.geometry.coordinates;
      view.coords[2 * j] = lng!;
      view.coords[2 * j + 1] = lat!;
      const props = feature.properties;
      if ('cluster' in props && props.cluster) {
        view.counts[j] = props.point_count;
        view.ids[j] = props.cluster_id;
        for (let slot = 0; slot < stride; slot++) view.mix[j * stride + slot] = (props as unknown as Mix)[slot] ?? 0;
      } else {
        const { i } = props as TaskProps;
        view.counts[j] = 1;
        view.ids[j] = i;
        view.mix[j * stride + this.slots[2 * i]!] = 1;
        view.mix[j * stride + this.slots[2 * i + 1]!] = 1;
      }
    });
    return view;
  }

  /** Up to `limit` task indices of a cluster of the given load; null when other tasks were loaded since. */
  leaves(clusterId: number, limit: number, generation: number): Int32Array | null {
    if (generation !== this.generation || !this.index) return null;
    return Int32Array.from(this.index.getLeaves(clusterId, limit), (leaf) => leaf.properties.i);
  }
}
