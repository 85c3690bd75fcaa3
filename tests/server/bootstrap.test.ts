// A device's first sync from the shared snapshot, as the app runs it (web bridge over HTTP, the app's IndexedDB and
// sync) against the endpoint: interrupted, and across a change of the unit's districts.
// Each ends with the device holding what a full pull hands out.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { SNAPSHOT_DOWNLOADS } from '@shared/sync/protocol';
import { pullRepository } from '../../src/renderer/src/data/pullRepository';
import type { SyncBridge } from '../../src/renderer/src/sync/syncNow';
import { buildSnapshot } from '../../src/server/services/snapshots';
import { FaultProxy } from '../support/faultProxy';
import { Device, serverDigests } from './support/device';
import { describeEachDeployment } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const fixture = buildFixture(60);
const UNIT_A = ['370602', '370611'];
/** Small pages and chunks, so the fixture's jurisdiction is bootstrapped from several chunks. */
const PAGE = { pullPageSize: 10 };
const CHUNK_PROFILES = 7;
const cut = () => Object.assign(new Error('connection reset'), { kind: 'network' });

describeEachDeployment('a first sync bootstrapped from the shared snapshot', (fresh) => {
  let h: Harness;
  let front: FaultProxy;
  let url: string;
  let chunks: number;
  const devices: Device[] = [];
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    // The devices' requests take turns between the instances when there are two.
    front = await FaultProxy.start(await h.listen());
    url = front.url;
  });
  afterAll(async () => {
    for (const device of devices) await device.destroy();
    await front.close();
    await h.close();
  });
  beforeEach(async () => {
    await h.database.db.execute(sql`UPDATE units SET district_codes = ${sql.param(UNIT_A)}::text[] WHERE id = 'unit-a'`);
    // The jurisdiction's snapshot, fresh for the manifest the devices ask for.
    chunks = (await buildSnapshot(h.database.db, UNIT_A, null, CHUNK_PROFILES)).chunks.length;
  });

  async function signIn(username: string) {
    const device = await Device.signIn(url, username);
    devices.push(device);
    return { device, token: await h.login(username) };
  }

  /** The device's bridge, recording every chunk download; `before` runs before each (its number, from 1). */
  function downloads(device: Device, before?: (n: number) => Promise<void>) {
    const asked: string[] = [];
    const bridge: SyncBridge = {
      ...device.bridge,
      getSnapshotChunk: async (sha256) => {
        asked.push(sha256);
        await before?.(asked.length);
        return device.bridge.getSnapshotChunk!(sha256);
      },
    };
    return { bridge, asked };
  }

  it('an interrupted bootstrap resumes without downloading the chunks it stored again', async () => {
    const { device, token } = await signIn('sup-a');
    expect(chunks).toBeGreaterThan(SNAPSHOT_DOWNLOADS);
    const first = downloads(device, async (n) => {
      if (n === SNAPSHOT_DOWNLOADS + 1) throw cut();
    });
    await expect(device.sync(PAGE, first.bridge)).rejects.toThrow('connection reset');
    // The app closed and opened again.
    device.reopen();
    const stored = (await pullRepository(device.db).pullState()).bootstrap!.stored;
    expect(stored.length).toBeGreaterThan(0);

    const second = downloads(device);
    await device.sync(PAGE, second.bridge);
    expect(second.asked.filter((sha256) => stored.includes(sha256))).toEqual([]);
    expect(first.asked.length + second.asked.length - chunks).toBeLessThanOrEqual(SNAPSHOT_DOWNLOADS);
    expect(await device.localDigests()).toEqual(await serverDigests(h, token));
  });

  it('a district leaving the unit and another joining during the bootstrap: it starts again from the new jurisdiction', async () => {
    const { device, token } = await signIn('amr1');
    const run = downloads(device, async (n) => {
      if (n === 2) await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602', '370683'] WHERE id = 'unit-a'`);
    });
    await device.sync(PAGE, run.bridge);
    expect(await device.localDigests()).toEqual(await serverDigests(h, token));
    // And the next change of the jurisdiction arrives as any scope change.
    await h.database.db.execute(sql`UPDATE units SET district_codes = ${sql.param(UNIT_A)}::text[] WHERE id = 'unit-a'`);
    await device.sync(PAGE);
    expect(await device.localDigests()).toEqual(await serverDigests(h, token));
  });
});
