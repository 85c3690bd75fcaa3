// The profile built from an enterprise's current records: what laptops receive, and how the score is explained.
import { describe, expect, it } from 'vitest';
import { enterpriseSchema } from '@shared/domain/model';
import { buildProfile, profileItemId, type ProfileRecord } from './profile';

const USCC = '91370602MA3C4D5E6F';
const record = (
  kind: ProfileRecord['kind'],
  naturalKey: string,
  fields: Record<string, string>,
  endedBy: ProfileRecord['endedBy'] = null,
): ProfileRecord => ({
  id: `ib-1.${naturalKey.length}-${kind}`,
  kind,
  naturalKey,
  fields,
  endedBy,
});

const registration = record('registrations', USCC, {
  uscc: USCC,
  name: '烟台测试有限公司',
  type: '有限责任公司',
  legalRepresentative: '张三',
  registeredCapital: '100.5',
  establishedOn: '2018-05-01',
  address: '烟台市芝罘区测试路1号',
  districtCode: '370602',
});
const penaltyKey = '烟台市芝罘区市场监督管理局 / 芝市监罚〔2024〕1号';
const penalty = record('penalties', penaltyKey, {
  authority: '烟台市芝罘区市场监督管理局',
  decisionNumber: '芝市监罚〔2024〕1号',
  decidedOn: '2024-03-01',
  violationType: '虚假广告',
  penaltyCategories: '罚款',
  fineAmount: '2',
  legalRepresentativeIdNumber: '11010519491231002X',
});

describe('buildProfile', () => {
  it('is null without a register entry', () => {
    expect(buildProfile(USCC, [penalty], [])).toBeNull();
  });

  it('builds a valid profile from the register, placing an enterprise without coordinates at its district seat', () => {
    const profile = buildProfile(USCC, [registration], [])!;
    expect(enterpriseSchema.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({
      name: '烟台测试有限公司',
      registeredCapitalYuan: 1_005_000,
      riskClass: 'C',
      industry: '有限责任公司',
      lighthouseScore: 1000,
    });
    expect(profile.location).toEqual({ lng: 121.3912, lat: 37.5393 });
  });

  it('lists a penalty with its publicity, and every score event with its source record; no ID numbers', () => {
    const profile = buildProfile(USCC, [registration, penalty], [])!;
    expect(profile.penalties).toEqual([
      expect.objectContaining({
        id: profileItemId('penalties', penaltyKey),
        amountYuan: 20_000,
        publicityMonths: 36,
        publicityEndsOn: '2027-03-01',
        repairableFrom: '2024-09-01',
        repaired: false,
      }),
    ]);
    expect(profile.lighthouseEvents.map((e) => [e.date, e.kind, e.points, e.source?.kind])).toEqual([
      ['2020-01-01', 'add', 1000, 'registrations'],
      ['2024-03-01', 'deduct', 30, 'penalties'],
    ]);
    expect(profile.lighthouseScore).toBe(970);
    expect(JSON.stringify(profile)).not.toContain('11010519491231002X');
  });

  it('gives the points back for an approved repair and marks the penalty repaired', () => {
    const repair = record('repairs', `${penaltyKey} / 2024-10-01`, {
      penaltyAuthority: '烟台市芝罘区市场监督管理局',
      penaltyDecisionNumber: '芝市监罚〔2024〕1号',
      appliedOn: '2024-10-01',
      decidedOn: '2024-10-02',
      outcome: '准予修复',
    });
    const profile = buildProfile(USCC, [registration, penalty, repair], [])!;
    expect(profile.penalties[0]).toMatchObject({ repaired: true });
    expect(profile.creditRepairs).toEqual([
      {
        id: profileItemId('repairs', repair.naturalKey),
        penaltyId: profile.penalties[0]!.id,
        appliedOn: '2024-10-01',
        decidedOn: '2024-10-02',
        status: 'approved',
      },
    ]);
    expect(profile.lighthouseScore).toBe(1000);
  });

  it('leaves out what a cleaning run ended, keeping its score event', () => {
    const list = record(
      'listEntries',
      'x / 1',
      { listType: '黑名单', authority: '烟台市市场监督管理局', reason: '虚假材料', listedOn: '2022-01-01' },
      'list_entry_expired',
    );
    const profile = buildProfile(USCC, [registration, { ...penalty, endedBy: 'publicity_expired' }, list], [])!;
    expect(profile.penalties).toEqual([]);
    expect(profile.blackList).toEqual([]);
    expect(profile.lighthouseScore).toBe(1000 - 30 - 200);
  });

  it('scores the events departments send from the rule table', () => {
    const event = record('scoreEvents', `${USCC} / tax_credit_a / 2025-04-15`, { eventType: 'tax_credit_a', eventDate: '2025-04-15' });
    const profile = buildProfile(USCC, [registration, event], [])!;
    expect(profile.lighthouseEvents.at(-1)).toMatchObject({ kind: 'add', points: 20, reason: '纳税信用等级评为A级' });
    expect(profile.lighthouseRuleVersion).toBe('2026.1');
  });
});
