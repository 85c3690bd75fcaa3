// What two endpoint instances on one PostgreSQL database do at the same moment, where each alone would be fine: start on
// an empty database, build the first snapshot of a jurisdiction, run the scheduled cleaning. (The sync guarantees with
// two instances taking turns are the fault suites' "two instances" variants.)
import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotManifestSchema } from '@shared/sync/protocol';
import { SNAPSHOT_LAYOUT } from '@shared/sync/snapshotChunk';
import { queryRows, type OpenedDatabase } from '../../src/server/db/open';
import { runScheduledCleaning } from '../../src/server/services/intake/cleaning';
import { describeTwoInstances } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

describeTwoInstances('two endpoint instances at the same moment', (fresh) => {
  it('start together on an empty database: one applies the migrations, the other then finds them applied', async () => {
    const location = await fresh({ empty: true });
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const migrations = async (database: OpenedDatabase) =>
      (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`))[0]!.n;
    const files = readdirSync(new URL('../../src/server/db/migrations', import.meta.url)).filter((name) => name.endsWith('.sql'));
    expect(await migrations(a!)).toBe(files.length);
    expect(await migrations(b!)).toBe(files.length);
  });

  describe('on one seeded database', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(fresh, buildFixture(60));
    });
    afterAll(() => h.close());

    it('officers of one jurisdiction asking both at once for the first snapshot: one is built, both serve it', async () => {
      await h.database.db.execute(sql`DELETE FROM profile_snapshots`);
      const token = await h.login('sup-a');
      const answers = await Promise.all(
        h.apps.map((app) =>
          app.inject({
            method: 'GET',
            url: `/api/v1/sync/snapshot?layout=${SNAPSHOT_LAYOUT}`,
            headers: { authorization: `Bearer ${token}` },
          }),
        ),
      );
      const [first, second] = answers.map((answer) => snapshotManifestSchema.parse(answer.json()));
      expect(first!.chunks.length).toBeGreaterThan(0);
      expect(second).toEqual(first);
      const built = await queryRows<{ n: number; missing: number }>(
        h.database.db,
        sql`SELECT count(*)::int AS n, (SELECT count(*)::int FROM profile_snapshots s, unnest(s.chunks) AS c(sha256)
              WHERE NOT EXISTS (SELECT 1 FROM snapshot_chunks k WHERE k.sha256 = c.sha256)) AS missing FROM profile_snapshots`,
      );
      expect(built[0]).toEqual({ n: 1, missing: 0 });
    });

    it('both checking the cleaning schedule at once: it runs once', async () => {
      const runs = await Promise.all(h.databases.map((database) => runScheduledCleaning(database.db, 60 * 60 * 1000)));
      expect(runs.filter((run) => run !== null)).toHaveLength(1);
    });
  });
});
