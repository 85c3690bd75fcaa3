// Retention of scope events: they are kept long enough for any device that syncs now and then; a device whose cursor
// is older than the pruned range gets a reset answer (services/pull.ts) instead of silently keeping stale records.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/open';

export const RETENTION_HORIZON_KEY = 'retention_horizon';
export const DEFAULT_SCOPE_EVENT_RETENTION_DAYS = 90;

/** Deletes scope events created before `before` and raises the retention horizon to the last one deleted. */
export async function pruneScopeEvents(db: Database, before: Date): Promise<{ pruned: number; horizon: string | null }> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ pruned: number; horizon: string | null }>(
      tx,
      sql`
      WITH gone AS (DELETE FROM scope_events WHERE created_at < ${before.toISOString()}::timestamptz RETURNING change_seq),
      raised AS (
        INSERT INTO sync_state (key, value) SELECT ${RETENTION_HORIZON_KEY}, max(change_seq) FROM gone HAVING count(*) > 0
        ON CONFLICT (key) DO UPDATE SET value = GREATEST(sync_state.value, EXCLUDED.value)
        RETURNING value
      )
      SELECT (SELECT count(*) FROM gone)::int AS pruned, (SELECT value FROM raised)::text AS horizon`,
    );
    return { pruned: row?.pruned ?? 0, horizon: row?.horizon ?? null };
  });
}
