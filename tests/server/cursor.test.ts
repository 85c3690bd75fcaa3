// Cursor correctness under concurrent writers: a reader pulling all the time must never miss a change, whatever order
// the writers' transactions commit in. On PostgreSQL the writers are separate connections whose transactions overlap
// (some deliberately slow); PGlite has one connection and runs transactions one at a time, so there the same
// workload checks the single-connection path (a pull waits for the running transaction) rather than overlap.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Enterprise } from '@shared/domain/model';
import type { Change } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { describeEachDeployment } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';
import { renameConcurrently, sleep } from './support/concurrentWriters';

const fixture = buildFixture(60);
const UNIT_A_DISTRICTS = ['370602', '370611'];
const targets = Array.from({ length: 60 }, (_, i) => fixture.enterpriseAt(i))
  .filter((e) => UNIT_A_DISTRICTS.includes(e.districtCode))
  .map((e) => e.uscc);

/** What a device holds: enterprise names by USCC, kept up to date from pulls. */
class Replica {
  readonly names = new Map<string, string>();
  cursor = '';
  apply(changes: Change[]): void {
    for (const change of changes) {
      if (change.collection !== 'enterprises') continue;
      if (change.op === 'delete') this.names.delete(change.id);
      else this.names.set(change.id, (change.data as Enterprise).name);
    }
  }
}

async function serverNames(h: Harness): Promise<Map<string, string>> {
  const rows = await queryRows<{ uscc: string; name: string }>(
    h.database.db,
    sql`SELECT uscc, profile_json::jsonb->>'name' AS name FROM enterprises WHERE district_code = ANY(${sql.param(UNIT_A_DISTRICTS)}::text[])`,
  );
  return new Map(rows.map((r) => [r.uscc, r.name]));
}

/** One write of a profile, as an admin tool or an import would do it. */
const renameSql = `UPDATE enterprises SET name = $2, profile_json = jsonb_set(profile_json::jsonb, '{name}', to_jsonb($2::text))::text WHERE uscc = $1`;

describeEachDeployment('pull cursor under concurrent writers', (fresh, kind) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness(fresh, fixture);
    token = await h.login('sup-a');
  });

  async function pullInto(replica: Replica, limit: number): Promise<void> {
    const { changes, cursor } = await h.pullAll(token, limit, replica.cursor);
    replica.apply(changes);
    replica.cursor = cursor;
  }

  it('a reader pulling throughout never misses a change of overlapping, out-of-order committing writers', async () => {
    const replica = new Replica();
    await pullInto(replica, 7);
    let writing = true;
    const writes: string[] = [];

    const writers = renameConcurrently(h, kind, {
      targets,
      rounds: 12,
      label: '并发写入',
      written: (uscc, name) => writes.push(`${uscc}=${name}`),
    });
    const reader = (async () => {
      let pulls = 0;
      while (writing) {
        await pullInto(replica, 3);
        pulls++;
        await sleep(2);
      }
      return pulls;
    })();
    await writers;
    writing = false;
    const pulls = await reader;

    expect(writes).toHaveLength(48);
    expect(pulls).toBeGreaterThan(3);
    await pullInto(replica, 3);
    // Everything the server holds reached the replica: no change was skipped by the cursor.
    expect(replica.names).toEqual(await serverNames(h));
  });

  it.runIf(kind === 'postgres')(
    'control: a writer drawing change_seq without the lock is missed, which the lock trigger prevents',
    async () => {
      const [slow, fast] = [
        new pg.Client({ connectionString: h.options.databaseUrl }),
        new pg.Client({ connectionString: h.options.databaseUrl }),
      ];
      await slow.connect();
      await fast.connect();
      try {
        async function schedule(): Promise<Replica> {
          const replica = new Replica();
          await pullInto(replica, 1000);
          // slow draws the lower sequence value first but commits last; the reader pulls in between.
          await slow.query('BEGIN');
          await slow.query(renameSql, [targets[0], '慢事务']);
          const fastDone = (async () => {
            await fast.query('BEGIN');
            await fast.query(renameSql, [targets[1], '快事务']);
            await fast.query('COMMIT');
          })();
          await Promise.race([fastDone, sleep(300)]);
          await pullInto(replica, 1000);
          await slow.query('COMMIT');
          await fastDone;
          await pullInto(replica, 1000);
          return replica;
        }

        // Without the trigger (a writer using nextval directly), the fast commit moves the cursor past the slow change
        // for good: the test above would catch this.
        await h.database.db.execute(sql`ALTER TABLE enterprises DISABLE TRIGGER enterprises_lock`);
        const renameUnlocked = `UPDATE enterprises SET name = $2, profile_json = jsonb_set(profile_json::jsonb, '{name}', to_jsonb($2::text))::text, change_seq = nextval('change_seq') WHERE uscc = $1`;
        try {
          const replica = new Replica();
          await slow.query('BEGIN');
          await slow.query(renameUnlocked, [targets[2], '无锁慢事务']);
          await fast.query(renameUnlocked, [targets[3], '无锁快事务']);
          await pullInto(replica, 1000);
          await slow.query('COMMIT');
          await pullInto(replica, 1000);
          expect(replica.names.get(targets[3]!)).toBe('无锁快事务');
          expect((await serverNames(h)).get(targets[2]!)).toBe('无锁慢事务');
          expect(replica.names.get(targets[2]!)).not.toBe('无锁慢事务');
        } finally {
          await h.database.db.execute(sql`ALTER TABLE enterprises ENABLE TRIGGER enterprises_lock`);
        }

        // With it, the fast writer waits for the slow one, and the reader receives both.
        const replica = await schedule();
        expect(replica.names.get(targets[0]!)).toBe('慢事务');
        expect(replica.names.get(targets[1]!)).toBe('快事务');
      } finally {
        await slow.end();
        await fast.end();
      }
    },
  );
});
