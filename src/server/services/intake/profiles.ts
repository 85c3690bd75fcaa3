// Rebuilds the stored profiles of enterprises from their current intake records, a page of enterprises at a time: reads
// of their records, one upsert of their profiles (the enterprises table's triggers stamp change_seq, so the normal pull
// carries them to the laptops). The transaction's connection runs one statement at a time (node-postgres queues any
// other, and pg 9 refuses them), so the overlap is between the database and the endpoint: a page is built while the
// database writes the one before.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Enterprise } from '@shared/domain/model';
import { queryRows } from '../../db/open';
import { lockWrites, type Transaction } from '../../db/writes';
import { buildProfile, type ProfileRecord } from './profile';

const PAGE = 1000;

interface PageRecords {
  page: readonly string[];
  records: (ProfileRecord & { enterpriseUscc: string })[];
  past: { uscc: string; past: Enterprise['pastInspections'] }[];
}

/**
 * The current records and stored past inspections of a page of enterprises. The records come in no order (buildPage
 * sorts each enterprise's): sorted by the database, a page's records with their fields outgrew its sort memory and were
 * sorted on disk, about a third of the read.
 */
async function readPage(tx: Transaction, page: readonly string[]): Promise<PageRecords> {
  const records = await queryRows<ProfileRecord & { enterpriseUscc: string }>(
    tx,
    sql`SELECT enterprise_uscc AS "enterpriseUscc", id, kind, natural_key AS "naturalKey", fields, ended_by AS "endedBy"
      FROM intake_records WHERE enterprise_uscc = ANY(${sql.param(page)}::text[]) AND current`,
  );
  const past = await queryRows<{ uscc: string; past: Enterprise['pastInspections'] }>(
    tx,
    sql`SELECT uscc, past_inspections AS past FROM enterprises WHERE uscc = ANY(${sql.param(page)}::text[])`,
  );
  return { page, records, past };
}

/** The profiles of a page (enterprises without a register entry have none). */
function buildPage(
  { page, records, past }: PageRecords,
  pastInspections: ReadonlyMap<string, Enterprise['pastInspections']>,
): Enterprise[] {
  const pastOf = new Map(past.map((row) => [row.uscc, row.past]));
  const byEnterprise = new Map<string, ProfileRecord[]>();
  for (const record of records) {
    const list = byEnterprise.get(record.enterpriseUscc) ?? [];
    list.push(record);
    byEnterprise.set(record.enterpriseUscc, list);
  }
  // By id, so that a profile lists its items in the same order whatever order the database answered in.
  const byId = (a: ProfileRecord, b: ProfileRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return page.flatMap(
    (uscc) => buildProfile(uscc, byEnterprise.get(uscc)?.sort(byId) ?? [], pastInspections.get(uscc) ?? pastOf.get(uscc) ?? []) ?? [],
  );
}

/**
 * Upserts a page of profiles as their JSON text, one per line (JSON.stringify writes no raw line break), with the
 * columns copied from them for filtering; answers how many changed. A profile's text is the same on every build of the
 * same records, so an unchanged one is left unwritten; a text written otherwise (by publishing an inspection, or
 * before migration 0021, in jsonb's spacing and key order) is written once more, and pulled again.
 */
async function writePage(tx: Transaction, profiles: readonly Enterprise[]): Promise<number> {
  if (profiles.length === 0) return 0;
  const column = (value: (profile: Enterprise) => string) => sql`${sql.param(profiles.map(value))}::text[]`;
  const written = await queryRows<{ uscc: string }>(
    tx,
    sql`INSERT INTO enterprises (uscc, name, district_code, risk_class, industry, entity_category, past_inspections, profile_json)
      SELECT p.uscc, p.name, p.district_code, p.risk_class, p.industry, p.entity_category, p.past::jsonb, p.json
      FROM unnest(${column((p) => p.uscc)}, ${column((p) => p.name)}, ${column((p) => p.districtCode)}, ${column((p) => p.riskClass)},
        ${column((p) => p.industry)}, ${column((p) => p.entityCategory)}, ${column((p) => JSON.stringify(p.pastInspections))},
        string_to_array(${profiles.map((profile) => JSON.stringify(profile)).join('\n')}::text, E'\n'))
        AS p(uscc, name, district_code, risk_class, industry, entity_category, past, json)
      ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
        risk_class = EXCLUDED.risk_class, industry = EXCLUDED.industry, entity_category = EXCLUDED.entity_category,
        past_inspections = EXCLUDED.past_inspections, profile_json = EXCLUDED.profile_json
      WHERE enterprises.profile_json IS DISTINCT FROM EXCLUDED.profile_json
      RETURNING uscc`,
  );
  return written.length;
}

/**
 * Rebuilds the profiles of these enterprises; answers how many changed. Past inspections (the platform's own results,
 * not a feed) are kept from the stored ones, or taken from `pastInspections` where it has an enterprise's.
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
  let changed = 0;
  let read = await readPage(tx, pages[0]!);
  let built: Enterprise[] = [];
  for (let i = 0; i < pages.length; i++) {
    // The previous page's upsert goes out first; the build waits a turn of the event loop so that it is on the wire
    // before the CPU is taken. Both settle before the next statement is sent, or the transaction ends on an error.
    const writing = writePage(tx, built);
    const building = nextTurn().then(() => buildPage(read, pastInspections));
    await Promise.allSettled([writing, building]);
    changed += await writing;
    built = await building;
    if (i + 1 < pages.length) read = await readPage(tx, pages[i + 1]!);
  }
  changed += await writePage(tx, built);
  return changed;
}
