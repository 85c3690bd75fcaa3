import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../data/enterpriseKeys';
import { task } from '../../../../../tests/support/memoryServer';
import { ClusterIndex } from './clusterIndex';
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
