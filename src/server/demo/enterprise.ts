// Demo enterprises: enterprise `index` is a pure function of (seed, index), so a million can be streamed one by one.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Polygon, Position } from 'geojson';
import type { Enterprise, GeoPoint, RiskClass } from '@shared/domain/model';
import type { ResultCategory } from '@shared/domain/resultCategories';
import { USCC_CHARSET, buildUscc } from '@shared/domain/uscc';
import { departmentId, departmentSpec, type DepartmentKey } from './catalogue';
import { addMonths } from '@shared/intake/credit';
import { addCalendarDays, fromDayNumber, toDayNumber } from '@shared/calendar/dates';
import { nextWorkingDay } from './dates';
import {
  BLACK_LIST_REASONS,
  COOPERATIVE_INDUSTRY,
  COOPERATIVE_PRODUCE,
  DEBTOR_OBLIGATIONS,
  DISTRICT_WEIGHTS,
  GIVEN_NAME_CHARS,
  INDUSTRIES,
  PAST_PLAN_NAMES,
  RED_LIST_REASONS,
  ROADS,
  SURNAMES,
  TRADE_NAME_CHARS,
  type Industry,
} from './enterpriseWords';
import { Rng } from './random';
import type { DistrictOutline, DistrictOutlines } from './types';

/** "Today" of the demo data: every date is relative to it, never to the clock, so output is identical across runs. */
export const DEMO_REFERENCE_DATE = '2026-03-01';
const REFERENCE_DAY = toDayNumber(DEMO_REFERENCE_DATE);

/** GB 32100-2015 took effect on this day; enterprises registered earlier kept their old numeric organization code. */
const USCC_START_DATE = '2015-10-01';
/** The Farmers' Specialized Cooperatives Law took effect on this day. */
const COOPERATIVE_LAW_DATE = '2007-07-01';

/** Largest supported enterprise count: the legacy organization-code space has 10^8 bodies. */
export const MAX_ENTERPRISE_COUNT = 100_000_000;

export const RISK_CLASS_SHARES: readonly (readonly [RiskClass, number])[] = [
  ['A', 0.3],
  ['B', 0.4],
  ['C', 0.2],
  ['D', 0.07],
  ['E', 0.03],
];

interface RiskProfile {
  penalty: number;
  blackList: number;
  dishonestDebtor: number;
  redList: number;
  pastInspection: number;
  commitmentBreach: number;
  annualReportOnTime: number;
  taxCreditA: number;
}

// Higher classes carry more penalties and list entries; with the shares above: ~6.5 % penalised, ~2 % red list,
// ~0.5 % black list, ~1.5 % dishonest debtors.
const RISK_PROFILES: Record<RiskClass, RiskProfile> = {
  A: {
    penalty: 0.005,
    blackList: 0,
    dishonestDebtor: 0,
    redList: 0.065,
    pastInspection: 0.03,
    commitmentBreach: 0,
    annualReportOnTime: 0.97,
    taxCreditA: 0.4,
  },
  B: {
    penalty: 0.02,
    blackList: 0,
    dishonestDebtor: 0.005,
    redList: 0.005,
    pastInspection: 0.06,
    commitmentBreach: 0,
    annualReportOnTime: 0.93,
    taxCreditA: 0.15,
  },
  C: {
    penalty: 0.08,
    blackList: 0,
    dishonestDebtor: 0.02,
    redList: 0,
    pastInspection: 0.12,
    commitmentBreach: 0.01,
    annualReportOnTime: 0.85,
    taxCreditA: 0.03,
  },
  D: {
    penalty: 0.3,
    blackList: 0.02,
    dishonestDebtor: 0.08,
    redList: 0,
    pastInspection: 0.5,
    commitmentBreach: 0.05,
    annualReportOnTime: 0.6,
    taxCreditA: 0,
  },
  E: {
    penalty: 0.6,
    blackList: 0.12,
    dishonestDebtor: 0.15,
    redList: 0,
    pastInspection: 0.95,
    commitmentBreach: 0.1,
    annualReportOnTime: 0.4,
    taxCreditA: 0,
  },
};

const LIGHTHOUSE_BASE_POINTS = 1000;
/** The lighthouse score started with the platform; older enterprises get their base points on this day. */
const LIGHTHOUSE_START_DATE = '2020-01-01';

type PenaltyTier = 'warning' | 'small' | 'medium' | 'large' | 'huge';
const PENALTY_DEDUCTIONS: Record<PenaltyTier, number> = { warning: 5, small: 10, medium: 30, large: 60, huge: 100 };

const PAST_RESULTS_LOW_RISK: readonly (readonly [ResultCategory, number])[] = [
  ['no_problem_found', 0.85],
  ['problem_corrected', 0.08],
  ['info_not_published', 0.04],
  ['activity_not_found', 0.03],
];
const PAST_RESULTS_HIGH_RISK: readonly (readonly [ResultCategory, number])[] = [
  ['no_problem_found', 0.45],
  ['problem_corrected', 0.2],
  ['problem_pending', 0.1],
  ['info_not_published', 0.1],
  ['address_unreachable', 0.1],
  ['closed_or_liquidating', 0.05],
];

/**
 * A seeded bijection on [0, base^digits): affine map, per-position digit substitution, affine map.
 * Organization-code bodies come from the enterprise index through it, so USCCs are unique by construction yet look random.
 */
class IndexBijection {
  private readonly size: number;
  private readonly steps: { multiplier: number; offset: number }[];
  private readonly substitutions: number[][];

  constructor(
    rng: Rng,
    private readonly base: number,
    private readonly digits: number,
  ) {
    this.size = base ** digits;
    const affine = () => {
      let multiplier: number;
      // Coprime to the base means coprime to base^digits, which makes the map invertible.
      do multiplier = rng.int(2, this.size - 1);
      while (gcd(multiplier, base) !== 1);
      return { multiplier, offset: rng.int(0, this.size - 1) };
    };
    this.steps = [affine(), affine()];
    this.substitutions = Array.from({ length: digits }, () => rng.shuffle(Array.from({ length: base }, (_, d) => d)));
  }

  /** The digits (most significant first) of the image of `index`. */
  apply(index: number): number[] {
    const first = this.affine(index, 0);
    const substituted = this.toDigits(first).map((d, position) => this.substitutions[position]![d]!);
    return this.toDigits(this.affine(this.fromDigits(substituted), 1));
  }

  private affine(value: number, step: number): number {
    const { multiplier, offset } = this.steps[step]!;
    return (mulMod(multiplier, value, this.size) + offset) % this.size;
  }

  private toDigits(value: number): number[] {
    const result = new Array<number>(this.digits);
    for (let i = this.digits - 1; i >= 0; i--) {
      result[i] = value % this.base;
      value = Math.floor(value / this.base);
    }
    return result;
  }

  private fromDigits(digits: number[]): number {
    return digits.reduce((value, d) => value * this.base + d, 0);
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** (a · x) mod n without leaving the exact range of doubles (a, x, n < 2^30). */
function mulMod(a: number, x: number, n: number): number {
  const high = Math.floor(a / 32768);
  const low = a % 32768;
  return (((high * x) % n) * 32768 + low * x) % n;
}

interface PolygonChoice {
  polygon: Polygon;
  bbox: [number, number, number, number];
}

interface DistrictSampler {
  outline: DistrictOutline;
  polygons: (readonly [PolygonChoice, number])[];
}

/** Each polygon of a district (mainland, islands) is weighted by its area, so points spread evenly over land. */
function districtSampler(outline: DistrictOutline): DistrictSampler {
  const polygons = outline.geometry.coordinates
    .map((coordinates): readonly [PolygonChoice, number] => {
      const outer = coordinates[0] ?? [];
      return [{ polygon: { type: 'Polygon', coordinates }, bbox: ringBbox(outer) }, ringArea(outer)];
    })
    .filter(([, area]) => area > 0);
  if (polygons.length === 0) throw new Error(`district ${outline.code} has no polygon with an area`);
  return { outline, polygons };
}

function ringArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) twice += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return Math.abs(twice) / 2;
}

function ringBbox(ring: Position[]): [number, number, number, number] {
  const lngs = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A point inside the district: rejection sampling in a polygon's bounding box, tested after rounding. */
function locationIn(rng: Rng, sampler: DistrictSampler): GeoPoint {
  const { polygon, bbox } = rng.weighted(sampler.polygons);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lng = round6(bbox[0] + rng.float() * (bbox[2] - bbox[0]));
    const lat = round6(bbox[1] + rng.float() * (bbox[3] - bbox[1]));
    if (booleanPointInPolygon([lng, lat], polygon)) return { lng, lat };
  }
  throw new Error(`could not place a point inside district ${sampler.outline.code}`);
}

/** 芝罘区 → 芝罘, 龙口市 → 龙口. */
function shortName(districtName: string): string {
  return districtName.slice(0, -1);
}

/** County-level districts (区) are written with the city: 烟台市芝罘区; county-level cities (市) stand alone. */
function fullDistrictName(districtName: string): string {
  return districtName.endsWith('区') ? `烟台市${districtName}` : districtName;
}

function authorityName(key: DepartmentKey, districtName: string): string {
  // Shandong's environment bureaus are branches of the city bureau; tax bureaus belong to the State Taxation Administration.
  if (key === 'eco') return `烟台市生态环境局${shortName(districtName)}分局`;
  if (key === 'tax') return `国家税务总局${fullDistrictName(districtName)}税务局`;
  return `${fullDistrictName(districtName)}${departmentSpec(key).districtOffice}`;
}

const SURNAME_LIST = [...SURNAMES];
const GIVEN_NAME_LIST = [...GIVEN_NAME_CHARS];
const TRADE_NAME_LIST = [...TRADE_NAME_CHARS];

function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_NAME_LIST) + rng.pick(GIVEN_NAME_LIST) : rng.pick(GIVEN_NAME_LIST);
  return rng.pick(SURNAME_LIST) + given;
}

function tradeName(rng: Rng): string {
  const first = rng.pick(TRADE_NAME_LIST);
  let second = rng.pick(TRADE_NAME_LIST);
  while (second === first) second = rng.pick(TRADE_NAME_LIST);
  return first + second;
}

type DraftEvent = Omit<Enterprise['lighthouseEvents'][number], 'id'>;

/** Returns `enterpriseAt(index)` for this seed. Deterministic: no clock, no Math.random. */
export function createEnterpriseFactory(seed: string, outlines: DistrictOutlines): (index: number) => Enterprise {
  const samplers = new Map<string, DistrictSampler>();
  for (const code of Object.keys(DISTRICT_WEIGHTS)) {
    const outline = outlines.get(code);
    if (!outline) throw new Error(`district outlines lack ${code}`);
    samplers.set(code, districtSampler(outline));
  }
  const districtChoices = Object.entries(DISTRICT_WEIGHTS).map(([code, weight]) => [samplers.get(code)!, weight] as const);
  const bodyRng = Rng.from(`${seed}/organization-codes`);
  const modernBodies = new IndexBijection(bodyRng, USCC_CHARSET.length, 6);
  const legacyBodies = new IndexBijection(bodyRng, 10, 8);
  const companyIndustries = INDUSTRIES.map((industry) => [industry, industry.weight] as const);
  const shopIndustries = companyIndustries.filter(([industry]) => industry.shopWords.length > 0);
  const cooperativeIndustry = INDUSTRIES.find((industry) => industry.name === COOPERATIVE_INDUSTRY)!;

  return function enterpriseAt(index: number): Enterprise {
    const rng = Rng.from(`${seed}/enterprise/${index}`);
    const sampler = rng.weighted(districtChoices);
    const district = sampler.outline;
    const category = rng.weighted([
      ['enterprise', 0.68],
      ['individual_business', 0.27],
      ['farmers_cooperative', 0.05],
    ] as const);
    const industry: Industry =
      category === 'enterprise'
        ? rng.weighted(companyIndustries)
        : category === 'individual_business'
          ? rng.weighted(shopIndustries)
          : cooperativeIndustry;

    // Registrations grow over time: ages are skewed towards recent years.
    const oldestDay =
      category === 'farmers_cooperative'
        ? toDayNumber(COOPERATIVE_LAW_DATE)
        : category === 'enterprise'
          ? toDayNumber('1995-01-01')
          : toDayNumber('2005-01-01');
    const establishedDay = REFERENCE_DAY - 30 - Math.floor((REFERENCE_DAY - 30 - oldestDay) * rng.float() ** 1.5);
    const establishedOn = fromDayNumber(establishedDay);
    /** A day at most `maxDaysAgo` before the reference date but not before the enterprise existed. */
    const dayInLife = (maxDaysAgo: number, minDaysAgo = 0) =>
      fromDayNumber(rng.int(Math.max(establishedDay, REFERENCE_DAY - maxDaysAgo), REFERENCE_DAY - minDaysAgo));

    const body =
      category === 'enterprise' && establishedOn < USCC_START_DATE
        ? legacyBodies.apply(index).join('')
        : `MA${modernBodies
            .apply(index)
            .map((d) => USCC_CHARSET[d])
            .join('')}`;
    const categoryDigit = category === 'enterprise' ? '1' : category === 'individual_business' ? '2' : '3';
    const uscc = buildUscc('9', categoryDigit, district.code, body);

    const legalRepresentative = personName(rng);
    const trade = tradeName(rng);
    const name =
      category === 'enterprise'
        ? `${rng.weighted([
            ['烟台', 0.55],
            [shortName(district.name), 0.35],
            ['山东', 0.1],
          ])}${trade}${rng.pick(industry.companyWords)}` +
          rng.weighted([
            ['有限公司', 0.8],
            ['有限责任公司', 0.12],
            ['股份有限公司', 0.08],
          ])
        : category === 'individual_business'
          ? `${fullDistrictName(district.name)}${rng.chance(0.35) ? `${legalRepresentative.charAt(0)}记` : trade}${rng.pick(industry.shopWords)}`
          : `${fullDistrictName(district.name)}${trade}${rng.pick(COOPERATIVE_PRODUCE)}专业合作社`;

    const unitSuffix = rng.weighted([
      ['', 0.5],
      [`${rng.int(1, 12)}号楼`, 0.3],
      [`${rng.int(1, 18)}0${rng.int(1, 6)}室`, 0.2],
    ]);
    const address = `山东省${fullDistrictName(district.name)}${rng.pick(ROADS[district.code]!)}${rng.int(1, 399)}号${unitSuffix}`;

    const registeredCapitalYuan =
      category === 'enterprise'
        ? rng.weighted([
            [100_000, 8],
            [500_000, 14],
            [1_000_000, 20],
            [2_000_000, 12],
            [3_000_000, 10],
            [5_000_000, 14],
            [10_000_000, 12],
            [20_000_000, 5],
            [50_000_000, 3],
            [100_000_000, 2],
          ])
        : category === 'individual_business'
          ? rng.int(1, 50) * 10_000
          : rng.int(1, 50) * 100_000;

    const riskClass = rng.weighted(RISK_CLASS_SHARES);
    const profile = RISK_PROFILES[riskClass];
    const highRisk = riskClass === 'D' || riskClass === 'E';
    const industryDepartments: DepartmentKey[] = ['amr', 'tax', ...industry.departments];
    const events: DraftEvent[] = [];
    const scoreStart = establishedOn > LIGHTHOUSE_START_DATE ? establishedOn : LIGHTHOUSE_START_DATE;
    events.push({ date: scoreStart, kind: 'add', points: LIGHTHOUSE_BASE_POINTS, reason: '灯塔分初始分值' });

    // Annual reports for year y are due by 30 June of y + 1.
    for (let year = 2022; year <= 2024; year++) {
      if (establishedOn > `${year}-12-31`) continue;
      if (rng.chance(profile.annualReportOnTime)) {
        events.push({
          date: addCalendarDays(`${year + 1}-01-01`, rng.int(0, 180)),
          kind: 'add',
          points: 2,
          reason: `按时报送并公示${year}年度报告`,
        });
      } else {
        events.push({ date: `${year + 1}-07-01`, kind: 'deduct', points: 10, reason: `未按时报送${year}年度报告` });
      }
    }
    if (category === 'enterprise' && establishedOn < '2024-01-01' && rng.chance(profile.taxCreditA)) {
      events.push({
        date: addCalendarDays('2025-04-15', rng.int(0, 20)),
        kind: 'add',
        points: 20,
        reason: '纳税信用等级评为A级（2024年度）',
      });
    }
    if (rng.chance(0.04)) events.push({ date: dayInLife(700), kind: 'add', points: 10, reason: '参与公益慈善捐赠' });

    const redList: Enterprise['redList'] = [];
    if (category !== 'individual_business' && rng.chance(profile.redList)) {
      const reason = rng.pick(RED_LIST_REASONS);
      const listedOn = dayInLife(700);
      redList.push({ id: `${uscc}:red1`, authority: '烟台市社会信用体系建设领导小组办公室', reason, listedOn, removedOn: null });
      events.push({ date: listedOn, kind: 'add', points: 50, reason: `列入诚信红榜：${reason}` });
    }

    const blackListed = rng.chance(profile.blackList);
    const penaltyCount = rng.chance(profile.penalty) || blackListed ? (highRisk ? rng.int(1, 3) : 1) : 0;
    const penalties: Enterprise['penalties'] = [];
    const creditRepairs: Enterprise['creditRepairs'] = [];
    for (let p = 1; p <= penaltyCount; p++) {
      const key = rng.pick(industryDepartments);
      const spec = departmentSpec(key);
      const tier = rng.weighted<PenaltyTier>([
        ['warning', 0.15],
        ['small', 0.3],
        ['medium', 0.32],
        ['large', 0.16],
        ['huge', highRisk ? 0.12 : 0.07],
      ]);
      const amountYuan =
        tier === 'warning'
          ? 0
          : tier === 'small'
            ? rng.int(5, 49) * 100
            : tier === 'medium'
              ? rng.int(5, 99) * 1000
              : tier === 'large'
                ? rng.int(10, 99) * 10_000
                : rng.int(101, 500) * 10_000;
      const decidedOn = dayInLife(4 * 365, 20);
      // Warnings and small fines are minor penalties: published 3 months instead of 3 years.
      const publicityMonths = amountYuan < 5000 ? 3 : 36;
      const id = `${uscc}:pen${p}`;
      const repairableFrom = addMonths(decidedOn, industry.longRepairWait ? 12 : 6);
      const publicityEndsOn = addMonths(decidedOn, publicityMonths);
      let repaired = false;
      const latestApplication = Math.min(REFERENCE_DAY - 5, toDayNumber(publicityEndsOn) - 1);
      if (publicityMonths === 36 && !blackListed && toDayNumber(repairableFrom) <= latestApplication) {
        const outcome = rng.weighted([
          ['approved', 0.35],
          ['pending', 0.08],
          ['rejected', 0.04],
          ['none', 0.53],
        ] as const);
        if (outcome === 'pending' && toDayNumber(publicityEndsOn) > REFERENCE_DAY) {
          // Yantai reviews a repair within one working day, so pending applications are recent.
          const appliedOn = fromDayNumber(Math.max(toDayNumber(repairableFrom), REFERENCE_DAY - rng.int(0, 1)));
          creditRepairs.push({ id: `${uscc}:rep${p}`, penaltyId: id, appliedOn, decidedOn: null, status: 'pending' });
        } else if (outcome === 'approved' || outcome === 'rejected') {
          const appliedOn = fromDayNumber(rng.int(toDayNumber(repairableFrom), latestApplication));
          const repairDecidedOn = nextWorkingDay(appliedOn);
          creditRepairs.push({ id: `${uscc}:rep${p}`, penaltyId: id, appliedOn, decidedOn: repairDecidedOn, status: outcome });
          if (outcome === 'approved') {
            repaired = true;
            events.push({
              date: repairDecidedOn,
              kind: 'add',
              points: PENALTY_DEDUCTIONS[tier],
              reason: '信用修复完成，恢复行政处罚扣减分值',
            });
          }
        }
      }
      const decisionNumber = `${shortName(district.name)}${spec.decisionAbbreviation}罚〔${decidedOn.slice(0, 4)}〕${rng.int(1, 1999)}号`;
      penalties.push({
        id,
        authority: authorityName(key, district.name),
        decisionNumber,
        decidedOn,
        amountYuan,
        reason: rng.pick(spec.penaltyReasons),
        publicityMonths,
        publicityEndsOn,
        repairableFrom,
        repaired,
        confirmations: amountYuan > 1_000_000 ? rng.int(0, 2) : 0,
      });
      events.push({ date: decidedOn, kind: 'deduct', points: PENALTY_DEDUCTIONS[tier], reason: `受到行政处罚（${decisionNumber}）` });
    }

    const blackList: Enterprise['blackList'] = [];
    if (blackListed) {
      const listedOn = dayInLife(3 * 365);
      blackList.push({
        id: `${uscc}:black1`,
        authority: authorityName('amr', district.name),
        reason: rng.pick(BLACK_LIST_REASONS),
        listedOn,
        removedOn: null,
      });
      events.push({ date: listedOn, kind: 'deduct', points: 200, reason: '列入严重违法失信名单' });
    }

    const dishonestDebtors: Enterprise['dishonestDebtors'] = [];
    if (rng.chance(profile.dishonestDebtor)) {
      const listedOn = dayInLife(700);
      dishonestDebtors.push({
        id: `${uscc}:debtor1`,
        court: `${fullDistrictName(district.name)}人民法院`,
        caseNumber: `（${listedOn.slice(0, 4)}）鲁${district.code.slice(2)}执${rng.int(1, 4999)}号`,
        obligation: `${rng.pick(DEBTOR_OBLIGATIONS)}共计${rng.int(2, 500) * 1000}元`,
        listedOn,
        expiresOn: addMonths(listedOn, 24),
      });
      events.push({ date: listedOn, kind: 'deduct', points: 100, reason: '被人民法院列为失信被执行人' });
    }
    if (rng.chance(profile.commitmentBreach)) {
      events.push({ date: dayInLife(700), kind: 'deduct', points: 30, reason: '未履行告知承诺事项' });
    }

    const pastInspections: Enterprise['pastInspections'] = [];
    if (rng.chance(profile.pastInspection)) {
      const plans = rng.shuffle(PAST_PLAN_NAMES).slice(0, rng.int(1, 2));
      plans.forEach((planName, i) => {
        const inspectedOn = addCalendarDays(`${planName.slice(0, 4)}-03-01`, rng.int(0, 270));
        if (inspectedOn < establishedOn) return;
        pastInspections.push({
          id: `${uscc}:insp${i + 1}`,
          planName,
          inspectedOn,
          departmentId: departmentId(rng.pick(industryDepartments)),
          resultCategory: rng.weighted(highRisk ? PAST_RESULTS_HIGH_RISK : PAST_RESULTS_LOW_RISK),
        });
      });
    }

    const lighthouseEvents = events
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((event, i) => ({ id: `${uscc}:lh${i + 1}`, ...event }));
    const lighthouseScore = lighthouseEvents.reduce((sum, e) => sum + (e.kind === 'add' ? e.points : -e.points), 0);

    return {
      id: uscc,
      uscc,
      name,
      legalRepresentative,
      address,
      districtCode: district.code,
      industry: industry.name,
      entityCategory: category,
      registeredCapitalYuan,
      establishedOn,
      location: locationIn(rng, sampler),
      riskClass,
      lighthouseScore,
      lighthouseEvents,
      redList,
      blackList,
      dishonestDebtors,
      penalties,
      creditRepairs,
      pastInspections,
    };
  };
}
