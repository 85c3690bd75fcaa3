// Scope events are pruned after the retention period and cursors before the horizon are reset (services/scope.ts,
// services/pull.ts). A first sync walks the jurisdiction's history page by page, so its intermediate cursors lie below
// the horizon: they must still be served, or an officer whose district is older than the retention could never finish
// a first sync. A cursor that may have missed a pruned removal is still reset.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { PULL_CURSOR_RESET, pullQuerySchema, pullResponseSchema, type Change } from '@shared/sync/protocol';
import { queryRows } from '../../src/server/db/open';
import { pruneScopeEvents } from '../../src/server/services/scope';
import { describeEachDriver } from './support/drivers';
import { buildFixture } from './support/fixture';
import { startHarness, type Harness } from './support/harness';

const keysOf = (changes: Change[]) => changes.map((c) => `${c.collection}/${c.id}`).sort();
/** The records a device holds after applying pulled changes in order, as sorted keys "collection/id". */
function held(changes: Change[]): string[] {
  const device = new Set<string>();
  for (const change of changes) {
    const key = `${change.collection}/${change.id}`;
    if (change.op === 'delete') device.delete(key);
    else device.add(key);
  }
  return [...device].sort();
}
/** Everything scope events are still kept for is pruned (the horizon moves to the last event). */
const pruneAll = (h: Harness) => pruneScopeEvents(h.database.db, new Date(Date.now() + 60_000));

describeEachDriver('pull after scope events were pruned', (fresh) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness(fresh, buildFixture(12));
    token = await h.login('amr1');
  });

  async function page(cursor: string, limit: number) {
    const response = await h.request({
      method: 'GET',
      url: `/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`,
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.statusCode === 410) return { reset: response.json<{ error: string }>().error };
    expect(response.statusCode, response.body).toBe(200);
    return pullResponseSchema.parse(response.json()) as { changes: Change[]; cursor: string; hasMore: boolean };
  }

  /** Pulls to the end as the app does (syncNow.ts): a reset starts over from the empty cursor; a reset of that fails. */
  async function syncLikeTheApp(limit: number, from = '') {
    let cursor = from;
    let changes: Change[] = [];
    let resets = 0;
    for (;;) {
      const answer = await page(cursor, limit);
      if ('reset' in answer) {
        expect(answer.reset).toBe(PULL_CURSOR_RESET);
        if (cursor === '' || ++resets > 3) throw new Error(`the pull never finishes: reset ${resets} times`);
        [cursor, changes] = ['', []];
        continue;
      }
      changes.push(...answer.changes);
      cursor = answer.cursor;
      if (!answer.hasMore) return { changes, cursor, resets };
    }
  }

  it('a first sync of many pages sends no deletes for what left the scope before it began', async () => {
    // Unit A loses a district: one scope event per enterprise, newer than most of amr1's records.
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602'] WHERE id = 'unit-a'`);
    try {
      const whole = await syncLikeTheApp(5000);
      const paged = await syncLikeTheApp(3);
      expect(paged.changes.filter((c) => c.op === 'delete')).toEqual([]);
      expect(keysOf(paged.changes)).toEqual(keysOf(whole.changes));
    } finally {
      await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370602', '370611'] WHERE id = 'unit-a'`);
    }
  });

  it('a first sync of many pages completes in one pass when the whole history is older than the horizon', async () => {
    // Unit B loses its district and gets it back: scope events, none of them amr1's, all newer than amr1's records.
    await h.database.db.execute(sql`UPDATE units SET district_codes = '{}' WHERE id = 'unit-b'`);
    await h.database.db.execute(sql`UPDATE units SET district_codes = ARRAY['370683'] WHERE id = 'unit-b'`);
    const { horizon } = await pruneAll(h);
    const whole = await syncLikeTheApp(5000);
    expect(whole.changes.length).toBeGreaterThan(9);
    // More than a page of amr1's profiles lies below the horizon.
    const [below] = await queryRows<{ n: number }>(
      h.database.db,
      sql`SELECT count(*)::int AS n FROM enterprises WHERE district_code IN ('370602', '370611') AND change_seq < ${horizon}::bigint`,
    );
    expect(below!.n).toBeGreaterThan(3);

    const paged = await syncLikeTheApp(3);
    expect(paged.resets).toBe(0);
    expect(keysOf(paged.changes)).toEqual(keysOf(whole.changes));
    // Its cursor goes on serving incremental pulls.
    expect(await page(paged.cursor, 3)).toEqual({ changes: [], cursor: paged.cursor, hasMore: false });
  });

  it('a first sync left unfinished while removals it needs are pruned starts over, and ends with exactly the scope', async () => {
    const first = await page('', 3);
    if ('reset' in first) throw new Error('a first page is never reset');
    expect(first.hasMore).toBe(true);
    // The app's bridge checks every cursor it passes on with the query schema, apps already installed included.
    expect(pullQuerySchema.safeParse({ cursor: first.cursor }).success).toBe(true);
    // t2 leaves amr1 while the device holds part of the scope; the removal's events are then pruned.
    await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr2', 'eco1'] WHERE id = 't2'`);
    try {
      // Before pruning, the rest of the pull is served and the device ends with what a first sync gives now.
      const rest = await syncLikeTheApp(3, first.cursor);
      expect(rest.resets).toBe(0);
      const now = keysOf((await syncLikeTheApp(5000)).changes);
      expect(now).not.toContain('tasks/t2');
      expect(held([...first.changes, ...rest.changes])).toEqual(now);

      await pruneAll(h);
      expect(await page(first.cursor, 3)).toEqual({ reset: PULL_CURSOR_RESET });
      const again = await syncLikeTheApp(3, first.cursor);
      expect(again.resets).toBe(1);
      expect(keysOf(again.changes)).toEqual(now);
    } finally {
      await h.database.db.execute(sql`UPDATE inspection_tasks SET officer_ids = ARRAY['amr1', 'eco1'] WHERE id = 't2'`);
    }
  });
});
