// The map's clusters, computed in a Web Worker (cluster.worker.ts) so that clustering 100,000 tasks never blocks a
// frame. Tasks come in and views go out as typed arrays: transferred, not cloned, and no per-task objects on the page.
//
// Clustering is greedy over a grid, as Leaflet.markercluster does it: in task order, a task joins the nearest cluster
// seeded within the radius (looked up in the 3 × 3 grid cells of that size around it), else seeds a new one. A zoom
// level is clustered the first time it is shown, over every task, so a cluster is the same whatever part of it a view
// shows. Loading the tasks only projects them: a hierarchy of every zoom level built up front (as supercluster does)
// costs 100–250 ms at 20,000–100,000 tasks before the first view, one level a few tens of milliseconds.
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
  /** How long the view took to compute, in ms (clustering its zoom level, the first time it is shown). */
  ms: number;
}

/** How close, in screen pixels, a task is to a cluster's seed to join it. */
const CLUSTER_RADIUS_PX = 30;
/** Above this zoom level every task is shown on its own. */
export const CLUSTER_MAX_ZOOM = 16;
/** Web Mercator tiles are 256 px wide at zoom 0. */
const TILE_PX = 256;
/** A cluster id is its number at its zoom level and that level, in the low bits. */
const ZOOM_BITS = 5;

/** The clusters of one zoom level, over every loaded task. */
interface Level {
  /** The cluster each task belongs to. */
  clusterOf: Int32Array;
  size: number;
  counts: Uint32Array;
  /** Centre of each cluster (the mean of its tasks), in world units (see worldX and worldY). */
  x: Float64Array;
  y: Float64Array;
  /** mixSlots counts per cluster. */
  mix: Uint32Array;
}

/** Longitude and latitude to Web Mercator world units, [0, 1] on both axes (y down). */
const worldX = (lng: number) => lng / 360 + 0.5;
function worldY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return Math.min(1, Math.max(0, y));
}
const lngOf = (x: number) => (x - 0.5) * 360;
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

export class ClusterIndex {
  private coords: Float64Array = new Float64Array(0);
  private slots: Uint8Array = new Uint8Array(0);
  /** Task positions in world units, at 2i and 2i + 1. */
  private world = new Float64Array(0);
  private mixSlots = 0;
  private generation = 0;
  private levels: (Level | undefined)[] = [];

  /**
   * Takes the tasks, numbered by the caller so that views and leaves can be matched to the tasks they show; returns
   * the time it took in ms.
   */
  load(input: ClusterInput, generation: number): number {
    const elapsed = stopwatch();
    const { coords, slots, mixSlots } = input;
    const world = new Float64Array(coords.length);
    for (let k = 0; k < coords.length; k += 2) {
      world[k] = worldX(coords[k]!);
      world[k + 1] = worldY(coords[k + 1]!);
    }
    this.coords = coords;
    this.slots = slots;
    this.world = world;
    this.mixSlots = mixSlots;
    this.generation = generation;
    this.levels = [];
    return elapsed();
  }

  /** Drops the tasks (the map that showed them is gone); views are empty until the next load. */
  clear(): void {
    this.load({ coords: new Float64Array(0), slots: new Uint8Array(0), mixSlots: this.mixSlots }, 0);
  }

  /** The clusters and tasks inside [west, south, east, north] at a zoom level. */
  view(bbox: [number, number, number, number], zoom: number): ClusterView {
    const elapsed = stopwatch();
    const [minX, maxX, minY, maxY] = [worldX(bbox[0]), worldX(bbox[2]), worldY(bbox[3]), worldY(bbox[1])];
    const inside = (x: number, y: number) => x >= minX && x <= maxX && y >= minY && y <= maxY;
    const z = Math.max(0, Math.round(zoom));
    const level = z <= CLUSTER_MAX_ZOOM ? this.level(z) : undefined;
    const stride = this.mixSlots;
    const tasks = this.slots.length / 2;
    // Features as [cluster, or -1 - task], collected first so that the arrays are allocated at their size.
    const shown: number[] = [];
    if (level) {
      for (let c = 0; c < level.size; c++) {
        if (level.counts[c]! > 1 && inside(level.x[c]!, level.y[c]!)) shown.push(c);
      }
      // Tasks alone in their cluster are shown as tasks, at their own position.
      for (let i = 0; i < tasks; i++) {
        if (level.counts[level.clusterOf[i]!] === 1 && inside(this.world[2 * i]!, this.world[2 * i + 1]!)) shown.push(-1 - i);
      }
    } else {
      for (let i = 0; i < tasks; i++) if (inside(this.world[2 * i]!, this.world[2 * i + 1]!)) shown.push(-1 - i);
    }
    const view: ClusterView = {
      generation: this.generation,
      coords: new Float64Array(shown.length * 2),
      counts: new Uint32Array(shown.length),
      ids: new Int32Array(shown.length),
      mix: new Uint32Array(shown.length * stride),
      ms: 0,
    };
    shown.forEach((feature, j) => {
      if (feature >= 0) {
        view.coords[2 * j] = lngOf(level!.x[feature]!);
        view.coords[2 * j + 1] = latOf(level!.y[feature]!);
        view.counts[j] = level!.counts[feature]!;
        view.ids[j] = (feature << ZOOM_BITS) | z;
        view.mix.set(level!.mix.subarray(feature * stride, (feature + 1) * stride), j * stride);
      } else {
        const i = -1 - feature;
        view.coords[2 * j] = this.coords[2 * i]!;
        view.coords[2 * j + 1] = this.coords[2 * i + 1]!;
        view.counts[j] = 1;
        view.ids[j] = i;
        view.mix[j * stride + this.slots[2 * i]!] = 1;
        view.mix[j * stride + this.slots[2 * i + 1]!] = 1;
      }
    });
    view.ms = elapsed();
    return view;
  }

  /** Up to `limit` task indices of a cluster of the given load, in task order; null when other tasks were loaded since. */
  leaves(clusterId: number, limit: number, generation: number): Int32Array | null {
    if (generation !== this.generation || generation === 0) return null;
    const cluster = clusterId >> ZOOM_BITS;
    const { clusterOf } = this.level(clusterId & ((1 << ZOOM_BITS) - 1));
    const found: number[] = [];
    for (let i = 0; i < clusterOf.length && found.length < limit; i++) if (clusterOf[i] === cluster) found.push(i);
    return Int32Array.from(found);
  }

  /** The clusters of a zoom level, computed the first time it is asked for. */
  private level(z: number): Level {
    const cached = this.levels[z];
    if (cached) return cached;
    const tasks = this.slots.length / 2;
    const stride = this.mixSlots;
    // World units to pixels at this zoom level; grid cells are one radius wide, so the seeds within the radius of a
    // task lie in the 3 × 3 cells around it.
    const scale = TILE_PX * 2 ** z;
    const radius = CLUSTER_RADIUS_PX;
    const cellX = new Int32Array(tasks);
    const cellY = new Int32Array(tasks);
    let minX = Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < tasks; i++) {
      const cx = Math.floor((this.world[2 * i]! * scale) / radius);
      const cy = Math.floor((this.world[2 * i + 1]! * scale) / radius);
      cellX[i] = cx;
      cellY[i] = cy;
      minX = Math.min(minX, cx);
      minY = Math.min(minY, cy);
      maxY = Math.max(maxY, cy);
    }
    // Cells numbered within the tasks' extent (and the ring around it), so that keys stay small integers for a city's
    // tasks, which a Map hashes fastest; each cell keeps its first seed, and each seed the next one in its cell.
    const rows = maxY - minY + 3;
    const cellKey = (cx: number, cy: number) => (cx - minX + 1) * rows + (cy - minY + 1);
    const firstSeed = new Map<number, number>();
    const nextSeed = new Int32Array(tasks);
    const seedX = new Float64Array(tasks);
    const seedY = new Float64Array(tasks);
    let size = 0;
    const clusterOf = new Int32Array(tasks);
    for (let i = 0; i < tasks; i++) {
      const px = this.world[2 * i]! * scale;
      const py = this.world[2 * i + 1]! * scale;
      let nearest = -1;
      let nearestDistance = Infinity;
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (let c = firstSeed.get(cellKey(cellX[i]! + dx, cellY[i]! + dy)) ?? -1; c >= 0; c = nextSeed[c]!) {
            const distance = (seedX[c]! - px) ** 2 + (seedY[c]! - py) ** 2;
            if (distance <= radius * radius && distance < nearestDistance) {
              nearest = c;
              nearestDistance = distance;
            }
          }
        }
      }
      if (nearest < 0) {
        nearest = size++;
        seedX[nearest] = px;
        seedY[nearest] = py;
        const key = cellKey(cellX[i]!, cellY[i]!);
        nextSeed[nearest] = firstSeed.get(key) ?? -1;
        firstSeed.set(key, nearest);
      }
      clusterOf[i] = nearest;
    }
    const level: Level = {
      clusterOf,
      size,
      counts: new Uint32Array(size),
      x: new Float64Array(size),
      y: new Float64Array(size),
      mix: new Uint32Array(size * stride),
    };
    const { counts, x, y, mix } = level;
    for (let i = 0; i < tasks; i++) {
      const c = clusterOf[i]!;
      counts[c] = counts[c]! + 1;
      x[c] = x[c]! + this.world[2 * i]!;
      y[c] = y[c]! + this.world[2 * i + 1]!;
      const status = c * stride + this.slots[2 * i]!;
      const risk = c * stride + this.slots[2 * i + 1]!;
      mix[status] = mix[status]! + 1;
      mix[risk] = mix[risk]! + 1;
    }
    for (let c = 0; c < size; c++) {
      x[c] = x[c]! / counts[c]!;
      y[c] = y[c]! / counts[c]!;
    }
    this.levels[z] = level;
    return level;
  }
}
