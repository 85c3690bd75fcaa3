// Rebuilds the stored profiles of enterprises from their current intake records, a page of enterprises per statement
// pair: one read of their records, one upsert of their profiles (the enterprises table's triggers stamp change_seq, so
// the normal pull carries them to the laptops). The next page is read and built while the database writes this one.
import { sql } from 'drizzle-orm';
import type { Enterprise } from '@shared/domain/model';
import { queryRows } from '../../db/open';
import { lockWrites, type Transaction } from '../../db/writes';
import { buildProfile, type ProfileRecord } from './profile';

const PAGE = 1000;

interface PageRecords {
  page: readonly string[];
  records: (ProfileRecord & { enterpriseUscc: string })[];
  past: { uscc: string; past: Enterprise['pastInspections'] | null }[];
}

/** The current records and stored past inspections of a page of enterprises. */
async function readPage(tx: Transaction, page: readonly string[]): Promise<PageRecords> {
  const [records, past] = await Promise.all([
    queryRows<ProfileRecord & { enterpriseUscc: string }>(
      tx,
      sql`SELECT enterprise_uscc AS "enterpriseUscc", id, kind, natural_key AS "naturalKey", fields, ended_by AS "endedBy"
        FROM intake_records WHERE enterprise_uscc = ANY(${sql.param(page)}::text[]) AND current ORDER BY enterprise_uscc, id`,
    ),
    queryRows<{ uscc: string; past: Enterprise['pastInspections'] | null }>(
      tx,
      sql`SELECT uscc, profile->'pastInspections' AS past FROM enterprises WHERE uscc = ANY(${sql.param(page)}::text[])`,
    ),
  ]);
  return { page, records, past };
}

/** The profiles of a page (enterprises without a register entry have none). */
function buildPage(
  { page, records, past }: PageRecords,
  pastInspections: ReadonlyMap<string, Enterprise['pastInspections']>,
): Enterprise[] {
  const pastOf = new Map(past.map((row) => [row.uscc, row.past ?? []]));
  const byEnterprise = new Map<string, ProfileRecord[]>();
  for (const record of records) {
    const list = byEnterprise.get(record.enterpriseUscc) ?? [];
    list.push(record);
    byEnterprise.set(record.enterpriseUscc, list);
  }
  return page.flatMap(
    (uscc) => buildProfile(uscc, byEnterprise.get(uscc) ?? [], pastInspections.get(uscc) ?? pastOf.get(uscc) ?? []) ?? [],
  );
}

/** Upserts a page of profiles; answers how many changed. */
async function writePage(tx: Transaction, profiles: readonly Enterprise[]): Promise<number> {
  const written = await queryRows<{ uscc: string }>(
    tx,
    sql`INSERT INTO enterprises (uscc, name, district_code, risk_class, profile)
      SELECT p->>'uscc', p->>'name', p->>'districtCode', p->>'riskClass', p FROM jsonb_array_elements(${JSON.stringify(profiles)}::jsonb) AS p
      ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
        risk_class = EXCLUDED.risk_class, profile = EXCLUDED.profile
      WHERE enterprises.profile IS DISTINCT FROM EXCLUDED.profile
      RETURNING uscc`,
  );
  return written.length;
}

/**
 * Rebuilds the profiles of these enterprises; answers how many changed. Past inspections (the platform's own results,
 * not a feed) are kept from the stored profile, or taken from `pastInspections` where it has an enterprise's.
 */
export async function rebuildProfiles(
  tx: Transaction,
  usccs: Iterable<string>,
  pastInspections: ReadonlyMap<string, Enterprise['pastInspections']> = new Map(),
): Promise<number> {
  const all = [...new Set(usccs)].filter((uscc) => uscc !== '').sort();
  if (all.length === 0) return 0;
  await lockWrites(tx);
  const pages: string[][] = [];
  for (let start = 0; start < all.length; start += PAGE) pages.push(all.slice(start, start + PAGE));
  // Statements run in the order they are sent. Each page's read is sent before the previous page's write, so the
  // database writes one page while the next is built (pages are disjoint: a read never depends on a pending write).
  let changed = 0;
  let next: Promise<PageRecords> | null = readPage(tx, pages[0]!);
  let writing: Promise<number> | null = null;
  try {
    for (let i = 0; i < pages.length; i++) {
      const read: PageRecords = await next!;
      next = i + 1 < pages.length ? readPage(tx, pages[i + 1]!) : null;
      next?.catch(() => {}); // awaited on the next turn; must not go unhandled if this page's write fails first
      const profiles = buildPage(read, pastInspections);
      if (writing) changed += await writing;
      writing = profiles.length === 0 ? null : writePage(tx, profiles);
      writing?.catch(() => {}); // awaited on the next turn or below, likewise
    }
    if (writing) changed += await writing;
  } finally {
    // Settled before the transaction ends, whichever statement failed.
    await Promise.allSettled([next, writing]);
  }
  return changed;
}
