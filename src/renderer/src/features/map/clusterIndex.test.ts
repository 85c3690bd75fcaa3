import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../data/enterpriseKeys';
import { task } from '../../../../../tests/support/memoryServer';
import { CLUSTER_MAX_ZOOM, ClusterIndex } from './clusterIndex';
import { clusterInputOf, MIX_SLOTS, slotRange, STATUS_SLOTS, type MapPoint } from './mapPoints';

const statuses = ['assigned', 'in_progress', 'completed'] as const;
const risks = ['A', 'B', 'C', 'D', 'E'] as const;
/** 1,000 tasks around Yantai, deterministic. */
const points: MapPoint[] = Array.from({ length: 1000 }, (_, i) => ({
  task: task(`t${i}`, { status: statuses[i % 3]! }),
  enterprise: {
    id: `e${i}`,
    name: `e${i}`,
    districtCode: '370602',
    lng: 120 + ((i * 7919) % 1000) / 500,
    lat: 36.8 + ((i * 104729) % 1000) / 1000,
    riskClass: risks[i % 5]!,
  } as DirectoryEntry,
}));
const YANTAI: [number, number, number, number] = [119, 36, 123, 39];
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

describe('cluster index', () => {
  const index = new ClusterIndex();
  index.load(clusterInputOf(points), 1);

  it('accounts for every task once in a view of the whole city, with their status and risk mix', () => {
    const view = index.view(YANTAI, 8);
    expect(sum(view.counts)).toBe(1000);
    expect(view.counts.some((count) => count > 1)).toBe(true);
    const slotTotal = (slot: number) => sum(Array.from(view.counts, (_, j) => view.mix[j * MIX_SLOTS + slot]!));
    expect(statuses.map((_, s) => slotTotal(s))).toEqual([334, 333, 333]);
    expect(risks.map((_, r) => slotTotal(STATUS_SLOTS + r))).toEqual([200, 200, 200, 200, 200]);
    // Per feature, both modes count all its tasks.
    for (let j = 0; j < view.counts.length; j++) {
      for (const [from, to] of [slotRange('status'), slotRange('risk')]) {
        expect(sum(view.mix.subarray(j * MIX_SLOTS + from, j * MIX_SLOTS + to))).toBe(view.counts[j]);
      }
    }
  });

  it("lists a cluster's tasks and shows single tasks by their index when zoomed in", () => {
    const view = index.view(YANTAI, 8);
    const j = view.counts.findIndex((count) => count > 1);
    expect(view.generation).toBe(1);
    const leaves = index.leaves(view.ids[j]!, 5000, 1);
    expect(leaves?.length).toBe(view.counts[j]);
    expect(index.leaves(view.ids[j]!, 3, 1)?.length).toBe(Math.min(3, view.counts[j]!));
    // A cluster id of an earlier load is refused rather than answered from other tasks.
    expect(index.leaves(view.ids[j]!, 3, 0)).toBeNull();
    // At the deepest zoom only single tasks remain; each carries its own index and its own slots.
    const deep = index.view(YANTAI, 18);
    expect(deep.counts.every((count) => count === 1)).toBe(true);
    expect([...deep.ids].sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
    const k = deep.ids.indexOf(7);
    expect(deep.mix[k * MIX_SLOTS + 1]).toBe(1); // t7: in_progress
    expect(deep.mix[k * MIX_SLOTS + STATUS_SLOTS + 2]).toBe(1); // t7: C
  });

  it('clusters the tasks within the radius of one another at a zoom level, and no others', () => {
    // Three tasks at one spot and two 0.01° (about 880 m) east of it: 7 px apart at zoom 10, 58 px at zoom 13.
    const spots = [121.4, 121.4, 121.4, 121.41, 121.41].map((lng, i) => ({
      ...points[i]!,
      enterprise: { ...points[i]!.enterprise, lng, lat: 37.5 },
    }));
    const near = new ClusterIndex();
    near.load(clusterInputOf(spots), 1);
    expect([...near.view(YANTAI, 10).counts]).toEqual([5]);
    const apart = near.view(YANTAI, 13);
    expect([...apart.counts].sort()).toEqual([2, 3]);
    const pair = apart.ids[apart.counts.indexOf(2)]!;
    expect([...near.leaves(pair, 10, 1)!]).toEqual([3, 4]);
    expect([...near.view(YANTAI, CLUSTER_MAX_ZOOM + 1).counts]).toEqual([1, 1, 1, 1, 1]);
  });

  it('shows a cluster whole, at the same place, in any view holding its centre', () => {
    const city = index.view(YANTAI, 10);
    const j = city.counts.indexOf(Math.max(...city.counts));
    const [lng, lat] = [city.coords[2 * j]!, city.coords[2 * j + 1]!];
    const close = index.view([lng - 0.01, lat - 0.01, lng + 0.01, lat + 0.01], 10);
    const k = close.ids.indexOf(city.ids[j]!);
    expect(k).toBeGreaterThanOrEqual(0);
    expect([close.counts[k], close.coords[2 * k], close.coords[2 * k + 1]]).toEqual([city.counts[j], lng, lat]);
  });

  it("shows nothing outside the tasks' area", () => {
    expect(index.view([0, 0, 1, 1], 8).counts.length).toBe(0);
  });

  it('forgets the tasks when cleared, and refuses their clusters', () => {
    const other = new ClusterIndex();
    other.load(clusterInputOf(points), 1);
    const cluster = other.view(YANTAI, 8).ids[0]!;
    other.clear();
    expect(other.view(YANTAI, 8)).toMatchObject({ generation: 0, counts: new Uint32Array(0) });
    expect(other.leaves(cluster, 3, 1)).toBeNull();
  });
});
