// The client's initial sync against the real endpoint behind the fault-injecting proxy: connections dropped in the
// middle of a page, 500/502, truncated bodies, and "reloads" (the run abandoned, the same IndexedDB reopened). After
// each run the device holds exactly the server's records, and no interruption cost more than one page again.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ApiClient } from '@shared/api/client';
import { withDeviceId, type CallableOperation } from '@shared/api/operations';
import { OPTIONAL_COLLECTIONS } from '@shared/sync/protocol';
import { openDatabase } from '../../src/renderer/src/data/db';
import { syncNow, type SyncBridge } from '../../src/renderer/src/sync/syncNow';
import { FaultProxy, type Fault } from '../support/faultProxy';
import { localDigests, serverDigests } from './support/device';
import { describeEachDeployment } from './support/drivers';
import { buildFixture, PASSWORD } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const PAGE = 40;
const RUNS = 6;

/** A small deterministic generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
}

describeEachDeployment('initial sync through a faulty network', (fresh) => {
  let h: Harness;
  let proxy: FaultProxy;
  let token: string | null = null;
  let server: Awaited<ReturnType<typeof serverDigests>>;
  let pages: number;
  let fullPull: number;

  beforeAll(async () => {
    h = await startHarness(fresh, buildFixture(450));
    proxy = await FaultProxy.start(await h.listen());
    token = (
      await new ApiClient({ baseUrl: proxy.url, getToken: () => null }).call('auth.login', {
        body: { username: 'amr1', password: PASSWORD, deviceId: 'laptop-1' },
      })
    ).token;
    // The server's view of this officer, straight from the endpoint.
    const all = await h.pullAll(token, 1000, '', OPTIONAL_COLLECTIONS.join(','));
    server = await serverDigests(h, token);
    fullPull = all.changes.length;
    pages = Math.ceil(fullPull / PAGE);
    expect(server.enterprises!.count).toBeGreaterThan(5 * PAGE);
  });
  afterAll(async () => {
    await proxy.close();
    await h.close();
  });
  beforeEach(() => proxy.clear());

  /** The app's bridge over HTTP through the proxy, counting the records of every page that arrived whole. */
  function bridge(received: { records: number }, hang: { atPull: number | null; reached: boolean }): SyncBridge {
    const client = new ApiClient({ baseUrl: proxy.url, getToken: () => token });
    let pulls = 0;
    return {
      async pull(query) {
        // A "reload": this run never gets an answer and is abandoned.
        if (++pulls === hang.atPull) {
          hang.reached = true;
          return new Promise(() => {});
        }
        const page = await client.pull(query);
        received.records += page.changes.length;
        return page;
      },
      // The push of the sync, as the web bridge sends it (with this device's id).
      call: ((name: CallableOperation, input?: object) =>
        (client.call as (n: CallableOperation, i: object) => Promise<unknown>)(
          name,
          withDeviceId(name, (input ?? {}) as never, 'laptop-1'),
        )) as SyncBridge['call'],
      putAttachment: (upload) => client.putAttachment(upload),
    };
  }

  it.each(Array.from({ length: RUNS }, (_, run) => run))('run %i: interrupted at random points, ends equal to the server', async (run) => {
    const next = random(0x5eed + run);
    const name = `pull-faults-${run}-${crypto.randomUUID()}`;
    let db = openDatabase(name);
    const received = { records: 0 };
    const interruptions: string[] = [];
    try {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 40) throw new Error('the sync never completed');
        const before = received.records;
        const kinds = ['dropMidResponse', 'truncate', 'status500', 'status502', 'reload', 'none'] as const;
        const kind = attempt < 5 ? kinds[Math.floor(next() * (kinds.length - 1))]! : 'none';
        // Somewhere within the pages still to come (request 1 is the first pull of this attempt: nothing to push).
        const at = 1 + Math.floor(next() * Math.max(1, pages - Math.floor(before / PAGE)));
        const faults: Record<string, Fault> = {
          dropMidResponse: { kind: 'dropMidResponse', afterBytes: 200 + Math.floor(next() * 4000) },
          truncate: { kind: 'truncate', bytes: 100 + Math.floor(next() * 4000) },
          status500: { kind: 'status', status: 500 },
          status502: { kind: 'status', status: 502 },
        };
        const fault = faults[kind];
        const start = proxy.log.length;
        if (fault) proxy.schedule({ [start + at]: fault });
        const hang = { atPull: kind === 'reload' ? at : null, reached: false };
        const run = syncNow(bridge(received, hang), db, undefined, { pullPageSize: PAGE });
        if (kind === 'reload') {
          // Wait until the run hangs on its `at`-th pull, then reload: close the database and open it again. The
          // abandoned run's writes fail on the closed database; a reloaded page would never see them.
          run.catch(() => {});
          await expect.poll(() => hang.reached, { timeout: 20_000 }).toBe(true);
          db.close();
          db = openDatabase(name);
          interruptions.push(`reload before pull ${at}`);
          continue;
        }
        const outcome = await run.then(
          () => 'done',
          (error: unknown) => `failed: ${String(error)}`,
        );
        if (outcome === 'done') break;
        interruptions.push(`${kind} at pull ${at}: ${outcome}`);
      }

      expect(await localDigests(db)).toEqual(server);
      // Each interruption re-downloads at most the one page that was received but not yet written.
      expect(received.records - fullPull).toBeLessThanOrEqual(interruptions.length * PAGE);
      expect(interruptions.length).toBeGreaterThan(0);
    } finally {
      db.close();
      await openDatabase(name).delete();
    }
  });
});
