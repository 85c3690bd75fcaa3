// The lighthouse score's rule table (灯塔分): no public formula exists, so ours is a versioned table of point values,
// and every event of a profile names the record it comes from. A new version of the table is a new constant here:
// profiles name the version they were computed with.

/** Events a department sends as `scoreEvents` records, by code. */
export const LIGHTHOUSE_EVENT_TYPES = {
  annual_report_on_time: { label: '按时报送并公示年度报告', kind: 'add', points: 2 },
  annual_report_late: { label: '未按时报送年度报告', kind: 'deduct', points: 10 },
  tax_credit_a: { label: '纳税信用等级评为A级', kind: 'add', points: 20 },
  charity_donation: { label: '参与公益慈善捐赠', kind: 'add', points: 10 },
  commitment_breach: { label: '未履行告知承诺事项', kind: 'deduct', points: 30 },
} as const satisfies Record<string, LighthouseRule>;
export type LighthouseEventType = keyof typeof LIGHTHOUSE_EVENT_TYPES;

export interface LighthouseRule {
  label: string;
  kind: 'add' | 'deduct';
  points: number;
}

/** Penalty tiers by fine in yuan: the upper bound of each tier (inclusive) and its deduction. */
export const PENALTY_TIERS = [
  { tier: 'warning', maxYuan: 0, points: 5 },
  { tier: 'small', maxYuan: 4_999.99, points: 10 },
  { tier: 'medium', maxYuan: 99_999.99, points: 30 },
  { tier: 'large', maxYuan: 1_000_000, points: 60 },
  { tier: 'huge', maxYuan: Number.POSITIVE_INFINITY, points: 100 },
] as const;

export const LIGHTHOUSE_RULES = {
  version: '2026.1',
  /** Every registered enterprise starts with these points, on its establishment or the platform's start if later. */
  base: { label: '灯塔分初始分值', kind: 'add', points: 1000 },
  baseStartDate: '2020-01-01',
  redList: { label: '列入诚信红榜', kind: 'add', points: 50 },
  blackList: { label: '列入严重违法失信名单', kind: 'deduct', points: 200 },
  dishonestDebtor: { label: '被人民法院列为失信被执行人', kind: 'deduct', points: 100 },
  /** A penalty deducts its tier's points; an approved credit repair gives them back. */
  penaltyLabel: '受到行政处罚',
  repairLabel: '信用修复完成，恢复行政处罚扣减分值',
  events: LIGHTHOUSE_EVENT_TYPES,
} as const;

/** The deduction of a penalty with this fine (yuan). */
export function penaltyDeduction(fineYuan: number): number {
  return PENALTY_TIERS.find((tier) => fineYuan <= tier.maxYuan)!.points;
}
