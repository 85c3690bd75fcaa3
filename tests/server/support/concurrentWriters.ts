// Four writers renaming profiles at once, as admin tools or imports would: on PostgreSQL each on its own connection,
// every third transaction holding its change open before committing (so commits land out of the order of their
// sequence values); on PGlite, which runs one transaction at a time, in turns.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { DatabaseKind } from '../../../src/server/db/open';
import type { Harness } from './harness';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const WRITERS = 4;

/**
 * Starts the writers: each renames `rounds` profiles of `targets` to `<label><writer>-<round>`, calling `written`
 * after each commit. Answers when all are done, with their connections closed.
 */
export async function renameConcurrently(
  h: Harness,
  kind: DatabaseKind,
  options: { targets: readonly string[]; rounds: number; label: string; written: (uscc: string, name: string) => void },
): Promise<void> {
  const { targets, rounds, label, written } = options;
  const clients: pg.Client[] = [];
  try {
    if (kind === 'postgres') {
      for (let w = 0; w < WRITERS; w++) {
        const client = new pg.Client({ connectionString: h.options.databaseUrl });
        await client.connect();
        clients.push(client);
      }
    }
    const write = async (w: number, uscc: string, name: string, slowMs: number) => {
      const client = clients[w];
      if (client) {
        await client.query('BEGIN');
        await client.query(
          `UPDATE enterprises SET name = $2, profile_json = jsonb_set(profile_json::jsonb, '{name}', to_jsonb($2::text))::text WHERE uscc = $1`,
          [uscc, name],
        );
        if (slowMs) await client.query('SELECT pg_sleep($1)', [slowMs / 1000]);
        await client.query('COMMIT');
        return;
      }
      await h.database.db.transaction(async (tx) => {
        await tx.execute(
          sql`UPDATE enterprises SET name = ${name}, profile_json = jsonb_set(profile_json::jsonb, '{name}', to_jsonb(${name}::text))::text WHERE uscc = ${uscc}`,
        );
        if (slowMs) await sleep(slowMs);
      });
    };
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let k = 0; k < rounds; k++) {
          const uscc = targets[(w * 7 + k * 3) % targets.length]!;
          const name = `${label}${w}-${k}`;
          // Every third transaction holds its change open for a while before committing.
          await write(w, uscc, name, k % 3 === 0 ? 40 + w * 15 : 0);
          written(uscc, name);
          await sleep(3);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
