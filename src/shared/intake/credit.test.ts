import { describe, expect, it } from 'vitest';
import { addMonths, penaltyPublicity } from './credit';
import { penaltyDeduction } from './lighthouse';

describe('penalty publicity (DOMAIN.md, credit repair)', () => {
  const base = { decidedOn: '2026-01-31', violationType: '虚假广告', penaltyCategories: '罚款' };

  it('publishes a minor penalty 3 months and others 36', () => {
    expect(penaltyPublicity({ ...base, penaltyCategories: '警告' }, 0)).toMatchObject({
      publicityMonths: 3,
      publicityEndsOn: '2026-04-30',
    });
    expect(penaltyPublicity(base, 4_999)).toMatchObject({ publicityMonths: 3 });
    expect(penaltyPublicity(base, 5_000)).toMatchObject({ publicityMonths: 36, publicityEndsOn: '2029-01-31' });
    expect(penaltyPublicity({ ...base, penaltyCategories: '罚款;责令停产停业' }, 100)).toMatchObject({ publicityMonths: 36 });
  });

  it('takes the template’s publicity deadline when it gives one', () => {
    expect(penaltyPublicity({ ...base, publicityEndsOn: '2027-06-30' }, 10_000).publicityEndsOn).toBe('2027-06-30');
  });

  it('allows repair after 6 months, 12 for food, drugs and special equipment', () => {
    expect(penaltyPublicity(base, 10_000).repairableFrom).toBe('2026-07-31');
    expect(penaltyPublicity({ ...base, violationType: '经营不符合食品安全标准的食品' }, 10_000).repairableFrom).toBe('2027-01-31');
    expect(penaltyPublicity({ ...base, legalBasis: '《中华人民共和国特种设备安全法》' }, 10_000).repairableFrom).toBe('2027-01-31');
  });

  it('adds months with the day clamped to the month’s end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('lighthouse deductions by fine', () => {
  it.each([
    [0, 5],
    [4_999, 10],
    [5_000, 30],
    [99_999, 30],
    [100_000, 60],
    [1_000_000, 60],
    [1_000_001, 100],
  ])('%d yuan deducts %d points', (fine, points) => expect(penaltyDeduction(fine)).toBe(points));
});
