// Publicity and repairability of an administrative penalty, from the national credit-repair rules (DOMAIN.md):
// minor penalties are published 3 months, others 3 years; repair may be applied for after 6 months of publicity,
// 1 year for food, drugs and special equipment.
import { PENALTY_CATEGORIES, PENALTY_CATEGORY_FINE } from './templates';

/** Fines below this (yuan), with no heavier category than a warning or a fine, make a minor penalty. */
export const MINOR_FINE_LIMIT_YUAN = 5_000;
const MINOR_CATEGORIES = new Set<string>(['警告', '通报批评', PENALTY_CATEGORY_FINE]);
const LONG_REPAIR_WAIT = /食品|药品|特种设备/;

export interface PenaltyPublicity {
  publicityMonths: 3 | 36;
  publicityEndsOn: string;
  repairableFrom: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` plus whole months, the day clamped to the month's end (by arithmetic: a profile build calls it often). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + month - 1 + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const leap = targetYear % 4 === 0 && (targetYear % 100 !== 0 || targetYear % 400 === 0);
  const lastDay =
    targetMonth === 2 ? (leap ? 29 : 28) : targetMonth === 4 || targetMonth === 6 || targetMonth === 9 || targetMonth === 11 ? 30 : 31;
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/**
 * A penalty's publicity: 3 months for a minor one (only warnings, criticism or a fine under MINOR_FINE_LIMIT_YUAN),
 * 36 otherwise, ending on the template's 公示截止期 when it gives one; repairable after 6 months (12 when the violation
 * concerns food, drugs or special equipment).
 */
export function penaltyPublicity(fields: Readonly<Record<string, string>>, fineYuan: number): PenaltyPublicity {
  const categories = (fields.penaltyCategories ?? '').split(';').filter((c) => (PENALTY_CATEGORIES as readonly string[]).includes(c));
  const minor = categories.length > 0 && categories.every((c) => MINOR_CATEGORIES.has(c)) && fineYuan < MINOR_FINE_LIMIT_YUAN;
  const publicityMonths = minor ? 3 : 36;
  const decidedOn = fields.decidedOn!;
  const about = `${fields.violationType ?? ''}${fields.violationFacts ?? ''}${fields.legalBasis ?? ''}`;
  return {
    publicityMonths,
    publicityEndsOn: fields.publicityEndsOn ?? addMonths(decidedOn, publicityMonths),
    repairableFrom: addMonths(decidedOn, LONG_REPAIR_WAIT.test(about) ? 12 : 6),
  };
}
