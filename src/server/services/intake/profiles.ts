// Rebuilds the stored profiles of enterprises from their current intake records, a page of enterprises per statement
// pair: one read of their records, one upsert of their profiles (the enterprises table's triggers stamp change_seq, so
// the normal pull carries them to the laptops).
import { sql } from 'drizzle-orm';
import type { Enterprise } from '@shared/domain/model';
import { queryRows } from '../../db/open';
import { lockWrites, type Transaction } from '../../db/writes';
import { buildProfile, type ProfileRecord } from './profile';

const PAGE = 1000;

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
  let changed = 0;
  for (let start = 0; start < all.length; start += PAGE) {
    const page = all.slice(start, start + PAGE);
    const records = await queryRows<ProfileRecord & { enterpriseUscc: string }>(
      tx,
      sql`SELECT enterprise_uscc AS "enterpriseUscc", id, kind, natural_key AS "naturalKey", fields, ended_by AS "endedBy"
        FROM intake_records WHERE enterprise_uscc = ANY(${sql.param(page)}::text[]) AND current ORDER BY enterprise_uscc, id`,
    );
    const past = await queryRows<{ uscc: string; past: Enterprise['pastInspections'] | null }>(
      tx,
      sql`SELECT uscc, profile->'pastInspections' AS past FROM enterprises WHERE uscc = ANY(${sql.param(page)}::text[])`,
    );
    const pastOf = new Map(past.map((row) => [row.uscc, row.past ?? []]));
    const byEnterprise = new Map<string, ProfileRecord[]>();
    for (const record of records) {
      const list = byEnterprise.get(record.enterpriseUscc) ?? [];
      list.push(record);
      byEnterprise.set(record.enterpriseUscc, list);
    }
    const profiles = page.flatMap(
      (uscc) => buildProfile(uscc, byEnterprise.get(uscc) ?? [], pastInspections.get(uscc) ?? pastOf.get(uscc) ?? []) ?? [],
    );
    if (profiles.length === 0) continue;
    const written = await queryRows<{ uscc: string }>(
      tx,
      sql`INSERT INTO enterprises (uscc, name, district_code, risk_class, profile)
        SELECT p->>'uscc', p->>'name', p->>'districtCode', p->>'riskClass', p FROM jsonb_array_elements(${JSON.stringify(profiles)}::jsonb) AS p
        ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, district_code = EXCLUDED.district_code,
          risk_class = EXCLUDED.risk_class, profile = EXCLUDED.profile
        WHERE enterprises.profile IS DISTINCT FROM EXCLUDED.profile
        RETURNING uscc`,
    );
    changed += written.length;
  }
  return changed;
}
