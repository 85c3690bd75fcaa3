// An enterprise's profile as the laptops receive it, built from the current intake records about it: the register's
// entry, penalties under publicity (with their publicity period and repairability), credit repairs, red and black
// lists, dishonest-debtor listings, and the lighthouse score from the versioned rule table with every event naming its
// source record. Personal data of the templates (identity-card numbers) is never copied into a profile.
import { hash } from 'node:crypto';
import type { Enterprise, EntityCategory, GeoPoint, RiskClass } from '@shared/domain/model';
import { fineYuan } from '@shared/intake/check';
import { addMonths, penaltyPublicity } from '@shared/intake/credit';
import type { CleaningAction, IntakeKind } from '@shared/intake/kinds';
import { LIGHTHOUSE_RULES, penaltyDeduction, type LighthouseEventType } from '@shared/intake/lighthouse';
import { utf8Lines } from './utf8Lines';

/** A current record about an enterprise, as stored. */
export interface ProfileRecord {
  id: string;
  kind: IntakeKind;
  naturalKey: string;
  fields: Record<string, string>;
  endedBy: CleaningAction | null;
}

/** Without coordinates in the register, an enterprise is placed at its district's government seat (WGS-84). */
const DISTRICT_SEATS: Readonly<Record<string, GeoPoint>> = {
  '370602': { lng: 121.3912, lat: 37.5393 },
  '370611': { lng: 121.2675, lat: 37.4968 },
  '370612': { lng: 121.6005, lat: 37.3869 },
  '370613': { lng: 121.4451, lat: 37.5116 },
  '370614': { lng: 120.7587, lat: 37.8112 },
  '370681': { lng: 120.4777, lat: 37.6464 },
  '370682': { lng: 120.7113, lat: 36.9772 },
  '370683': { lng: 119.9421, lat: 37.1771 },
  '370685': { lng: 120.4344, lat: 37.3553 },
  '370686': { lng: 120.8497, lat: 37.3353 },
  '370687': { lng: 121.1583, lat: 36.7768 },
};

/** The risk class of an enterprise the register gives none for: the middle class until the platform classifies it. */
export const DEFAULT_RISK_CLASS: RiskClass = 'C';
const DEBTOR_LISTING_MONTHS = 24;

/** A profile item's id: stable across revisions of the same record (its kind and natural key). */
export function profileItemId(kind: IntakeKind, naturalKey: string): string {
  return `${kind}-${hash('sha1', naturalKey, 'base64url').slice(0, 16)}`;
}

const PENALTY_KEY_SEPARATOR = ' / ';
const yuan = (wanYuan: string | undefined) => Math.round(Number(wanYuan ?? '0') * 10_000 * 100) / 100;

function entityCategoryOf(uscc: string): EntityCategory {
  if (uscc[0] === '9' && uscc[1] === '2') return 'individual_business';
  if (uscc[0] === '9' && uscc[1] === '3') return 'farmers_cooperative';
  return 'enterprise';
}

type DraftEvent = Omit<Enterprise['lighthouseEvents'][number], 'id'>;

/** The profile of one enterprise from its current records; null without a register entry. */
export function buildProfile(
  uscc: string,
  records: readonly ProfileRecord[],
  pastInspections: Enterprise['pastInspections'],
): Enterprise | null {
  const registration = records.find((record) => record.kind === 'registrations');
  if (!registration) return null;
  const reg = registration.fields;
  const events: DraftEvent[] = [];
  const source = (record: ProfileRecord) => ({ kind: record.kind, key: record.naturalKey, recordId: record.id });
  const establishedOn = reg.establishedOn!;
  events.push({
    date: establishedOn > LIGHTHOUSE_RULES.baseStartDate ? establishedOn : LIGHTHOUSE_RULES.baseStartDate,
    kind: LIGHTHOUSE_RULES.base.kind,
    points: LIGHTHOUSE_RULES.base.points,
    reason: LIGHTHOUSE_RULES.base.label,
    source: source(registration),
  });

  const repairs = records.filter((record) => record.kind === 'repairs');
  const approvedRepair = new Map(
    repairs
      .filter((r) => r.fields.outcome === '准予修复')
      .map((r) => [`${r.fields.penaltyAuthority}${PENALTY_KEY_SEPARATOR}${r.fields.penaltyDecisionNumber}`, r]),
  );
  const penalties: Enterprise['penalties'] = [];
  for (const record of records.filter((r) => r.kind === 'penalties')) {
    const fields = record.fields;
    const fine = fineYuan(fields);
    const deduction = penaltyDeduction(fine);
    events.push({
      date: fields.decidedOn!,
      kind: 'deduct',
      points: deduction,
      reason: `${LIGHTHOUSE_RULES.penaltyLabel}（${fields.decisionNumber}）`,
      source: source(record),
    });
    const repair = approvedRepair.get(record.naturalKey);
    if (repair?.fields.decidedOn) {
      events.push({
        date: repair.fields.decidedOn,
        kind: 'add',
        points: deduction,
        reason: LIGHTHOUSE_RULES.repairLabel,
        source: source(repair),
      });
    }
    if (record.endedBy) continue;
    const publicity = penaltyPublicity(fields, fine);
    penalties.push({
      id: profileItemId('penalties', record.naturalKey),
      authority: fields.authority!,
      decisionNumber: fields.decisionNumber!,
      decidedOn: fields.decidedOn!,
      amountYuan: fine,
      reason: fields.violationType!,
      ...publicity,
      repaired: repair !== undefined,
      // A current penalty over the limit has passed its two confirmations.
      confirmations: fine > 1_000_000 ? 2 : 0,
    });
  }

  const creditRepairs: Enterprise['creditRepairs'] = repairs.map((record) => ({
    id: profileItemId('repairs', record.naturalKey),
    penaltyId: profileItemId(
      'penalties',
      `${record.fields.penaltyAuthority}${PENALTY_KEY_SEPARATOR}${record.fields.penaltyDecisionNumber}`,
    ),
    appliedOn: record.fields.appliedOn!,
    decidedOn: record.fields.decidedOn ?? null,
    status: record.fields.outcome === '准予修复' ? 'approved' : record.fields.outcome === '不予修复' ? 'rejected' : 'pending',
  }));

  const redList: Enterprise['redList'] = [];
  const blackList: Enterprise['blackList'] = [];
  for (const record of records.filter((r) => r.kind === 'listEntries')) {
    const fields = record.fields;
    const red = fields.listType === '红名单';
    const rule = red ? LIGHTHOUSE_RULES.redList : LIGHTHOUSE_RULES.blackList;
    events.push({
      date: fields.listedOn!,
      kind: rule.kind,
      points: rule.points,
      reason: red ? `${rule.label}：${fields.reason}` : rule.label,
      source: source(record),
    });
    if (record.endedBy) continue;
    const entry = {
      id: profileItemId('listEntries', record.naturalKey),
      authority: fields.authority!,
      reason: fields.reason!,
      listedOn: fields.listedOn!,
      removedOn: fields.removedOn ?? null,
    };
    (red ? redList : blackList).push(entry);
  }

  const dishonestDebtors: Enterprise['dishonestDebtors'] = [];
  for (const record of records.filter((r) => r.kind === 'dishonestDebtors')) {
    const fields = record.fields;
    const rule = LIGHTHOUSE_RULES.dishonestDebtor;
    events.push({ date: fields.publishedOn!, kind: rule.kind, points: rule.points, reason: rule.label, source: source(record) });
    if (record.endedBy) continue;
    dishonestDebtors.push({
      id: profileItemId('dishonestDebtors', record.naturalKey),
      court: fields.court!,
      caseNumber: fields.caseNumber!,
      obligation: fields.obligation!,
      listedOn: fields.publishedOn!,
      expiresOn: fields.expiresOn ?? addMonths(fields.publishedOn!, DEBTOR_LISTING_MONTHS),
    });
  }

  for (const record of records.filter((r) => r.kind === 'scoreEvents')) {
    const rule = LIGHTHOUSE_RULES.events[record.fields.eventType as LighthouseEventType];
    events.push({
      date: record.fields.eventDate!,
      kind: rule.kind,
      points: rule.points,
      reason: record.fields.description ?? rule.label,
      source: source(record),
    });
  }

  // Oldest first; events of one day in the order of their source records, so the list is the same on every build.
  events.sort((a, b) =>
    a.date < b.date
      ? -1
      : a.date > b.date
        ? 1
        : a.source!.recordId < b.source!.recordId
          ? -1
          : a.source!.recordId > b.source!.recordId
            ? 1
            : 0,
  );
  const lighthouseEvents = events.map((event, i) => ({ id: `${uscc}:lh${i + 1}`, ...event }));
  return {
    id: uscc,
    uscc,
    name: reg.name!,
    legalRepresentative: reg.legalRepresentative!,
    address: reg.address!,
    districtCode: reg.districtCode!,
    industry: reg.industry ?? reg.type!,
    entityCategory: entityCategoryOf(uscc),
    registeredCapitalYuan: yuan(reg.registeredCapital),
    establishedOn,
    location:
      reg.longitude !== undefined && reg.latitude !== undefined
        ? { lng: Number(reg.longitude), lat: Number(reg.latitude) }
        : DISTRICT_SEATS[reg.districtCode!]!,
    riskClass: (reg.riskClass as RiskClass | undefined) ?? DEFAULT_RISK_CLASS,
    lighthouseScore: lighthouseEvents.reduce((sum, e) => sum + (e.kind === 'add' ? e.points : -e.points), 0),
    lighthouseEvents,
    lighthouseRuleVersion: LIGHTHOUSE_RULES.version,
    redList,
    blackList,
    dishonestDebtors,
    penalties,
    creditRepairs,
    pastInspections,
  };
}

/** A current record as the rebuild reads it: its fields still as the stored JSON text. */
export type StoredProfileRecord = Omit<ProfileRecord, 'fields'> & { enterpriseUscc: string; fields: string };

/** What the rebuild reads for a page of enterprises, in a form that crosses to a worker thread as it is. */
export interface PageRecords {
  page: readonly string[];
  /** The page's current records, in no order. */
  records: StoredProfileRecord[];
  /** The stored past inspections (JSON text) by USCC. */
  past: { uscc: string; past: string }[];
  /** Past inspections that replace the stored ones. */
  given: [string, Enterprise['pastInspections']][];
}

/**
 * A page of profiles as the columns of their upsert; `json`, the profiles' text, one per line, as UTF-8 in a buffer of
 * its own: handed from the worker thread without a copy and sent to the database as it is (textParam).
 */
export interface BuiltPage {
  uscc: string[];
  name: string[];
  districtCode: string[];
  riskClass: string[];
  industry: string[];
  entityCategory: string[];
  pastInspections: string[];
  json: Uint8Array;
}

/** The profiles of a page (enterprises without a register entry have none). */
export function buildPage({ page, records, past, given }: PageRecords): BuiltPage {
  const givenOf = new Map(given);
  const pastOf = new Map(past.map((row) => [row.uscc, row.past]));
  const byEnterprise = new Map<string, ProfileRecord[]>();
  for (const { enterpriseUscc, id, kind, naturalKey, fields, endedBy } of records) {
    const list = byEnterprise.get(enterpriseUscc) ?? [];
    // An object written out, not spread from the stored one: about half the time of the grouping.
    list.push({ id, kind, naturalKey, fields: JSON.parse(fields) as Record<string, string>, endedBy });
    byEnterprise.set(enterpriseUscc, list);
  }
  // By id, so that a profile lists its items in the same order whatever order the database answered in.
  const byId = (a: ProfileRecord, b: ProfileRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const built: BuiltPage = {
    uscc: [],
    name: [],
    districtCode: [],
    riskClass: [],
    industry: [],
    entityCategory: [],
    pastInspections: [],
    json: new Uint8Array(0),
  };
  const texts: string[] = [];
  for (const uscc of page) {
    const stored = pastOf.get(uscc);
    const pastInspections = givenOf.get(uscc) ?? (stored ? (JSON.parse(stored) as Enterprise['pastInspections']) : []);
    const profile = buildProfile(uscc, byEnterprise.get(uscc)?.sort(byId) ?? [], pastInspections);
    if (!profile) continue;
    built.uscc.push(profile.uscc);
    built.name.push(profile.name);
    built.districtCode.push(profile.districtCode);
    built.riskClass.push(profile.riskClass);
    built.industry.push(profile.industry);
    built.entityCategory.push(profile.entityCategory);
    built.pastInspections.push(JSON.stringify(profile.pastInspections));
    // JSON.stringify writes no raw line break: the texts are sent as one, a line each.
    texts.push(JSON.stringify(profile));
  }
  // The last line feed left out: the upsert splits the text at each.
  built.json = utf8Lines(texts).bytes.subarray(0, -1);
  return built;
}
