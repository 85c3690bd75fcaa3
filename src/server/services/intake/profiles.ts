// Rebuilds the stored profiles of enterprises from their current intake records, a page of enterprises at a time: reads
// of their records, one upsert of their profiles (the enterprises table's triggers stamp change_seq, so the normal pull
// carries them to the laptops). The transaction's connection runs one statement at a time (node-postgres queues any
// other, and pg 9 refuses them), so the overlap is between the database and the building (profile.ts, buildPage): a
// page is built while the database reads the next one and writes the one before. More than one page is built in a
// worker thread (thread.ts), the event loop left to the database's answers.
import { sql } from 'drizzle-orm';
import type { Enterprise } from '@shared/domain/model';
import { queryRows } from '../../db/open';
import { lockWrites, textParam, type Transaction } from '../../db/writes';
import { buildPage, type BuiltPage, type PageRecords, type StoredProfileRecord } from './profile';
import { pageBuilder } from './thread';

const PAGE = 1000;

/**
 * The current records and stored past inspections of a page of enterprises, as text (built where buildPage runs). The
 * records come in no order (buildPage sorts each enterprise's): sorted by the database, a page's records with their
 * fields outgrew its sort memory and were sorted on disk, about a third of the read.
 */
async function readPage(
  tx: Transaction,
  page: readonly string[],
  pastInspections: ReadonlyMap<string, Enterprise['pastInspections']>,
): Promise<PageRecords> {
  const records = await queryRows<StoredProfileRecord>(
    tx,
    sql`SELECT enterprise_uscc AS "enterpriseUscc", id, kind, natural_key AS "naturalKey", fields::text AS fields, ended_by AS "endedBy"
      FROM intake_records WHERE enterprise_uscc = ANY(${sql.param(page)}::text[]) AND current`,
  );
  const past = await queryRows<{ uscc: string; past: string }>(
    tx,
    sql`SELECT uscc, past_inspections::text AS past FROM enterprises WHERE uscc = ANY(${sql.param(page)}::text[])`,
  );
  const given = page.flatMap((uscc): [string, Enterprise['pastInspections']][] => {
    const inspections = pastInspections.get(uscc);
    return inspections ? [[uscc, inspections]] : [];
  });
  return { page, records, past, given };
}

/**
 * Upserts a page of profiles as their JSON text, one per line, with the columns copied from them for filtering;
 * answers how many changed. A profile's text is the same on every build of the same records, so an unchanged one is
 * left unwritten; a text written otherwise (by publishing an inspection, or before migration 0021, in jsonb's spacing
 * and key order) is written once more, and pulled again.
 */
async function writePage(tx: Transaction, built: BuiltPage): Promise<number> {
  if (built.uscc.length === 0) return 0;
  const column = (values: string[]) => sql`${sql.param(values)}::text[]`;
  const written = await queryRows<{ uscc: string }>(
    tx,
    sql`INSERT INTO enterprises (uscc, name, district_code, risk_class, industry, entity_category, past_inspections, profile_json)
      SELECT p.uscc, p.name, p.district_code, p.risk_class, p.industry, p.entity_category, p.past::jsonb, p.json
      FROM unnest(${column(built.uscc)}, ${column(built.name)}, ${column(built.districtCode)}, ${column(built.riskClass)},
        ${column(built.industry)}, ${column(built.entityCategory)}, ${column(built.pastInspections)},
        string_to_array(${textParam(tx, built.json)}::text, E'\n'))
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
  // A single page (a dispute decision, a cleaning run) is built here; more, in the worker thread.
  const worker = pages.length > 1 ? pageBuilder() : null;
  const build = (read: PageRecords) => {
    const building = worker ? worker.build(read) : Promise.resolve(read).then(buildPage);
    building.catch(() => {}); // awaited in turn; a failure must not go unhandled while a statement is awaited
    return building;
  };
  let changed = 0;
  try {
    let building = build(await readPage(tx, pages[0]!, pastInspections));
    for (let i = 0; i < pages.length; i++) {
      // Each statement is awaited before the next is sent, and before a failed build ends the transaction.
      const next = i + 1 < pages.length ? await readPage(tx, pages[i + 1]!, pastInspections) : null;
      const built = await building;
      if (next) building = build(next);
      changed += await writePage(tx, built);
    }
  } finally {
    worker?.close();
  }
  return changed;
}
