import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING_RATIOS, formFieldOf, validatePlanForm, type PlanFormValues } from './planForm';

const values = (overrides: Partial<PlanFormValues> = {}): PlanFormValues => ({
  name: '2025年第三季度联合抽查',
  departmentIds: ['dept-amr', 'dept-tax'],
  checkItemIds: { 'dept-amr': ['ci-amr-001'], 'dept-tax': ['ci-tax-001'], 'dept-eco': ['ci-eco-001'] },
  districtCodes: ['370602'],
  industries: [],
  entityCategories: ['enterprise'],
  samplingRatios: DEFAULT_SAMPLING_RATIOS,
  window: ['2025-07-01', '2025-09-30'],
  teamSize: 2,
  seedSource: '福彩3D 2025年第180期开奖号码',
  ...overrides,
});

describe('plan form', () => {
  it('builds the request with check items of the chosen departments only', () => {
    const result = validatePlanForm(values());
    expect(result).toEqual({
      ok: true,
      request: {
        name: '2025年第三季度联合抽查',
        departmentIds: ['dept-amr', 'dept-tax'],
        checkItemIds: { 'dept-amr': ['ci-amr-001'], 'dept-tax': ['ci-tax-001'] },
        populationFilter: { districtCodes: ['370602'], industries: [], entityCategories: ['enterprise'] },
        samplingRatios: { A: 1, B: 3, C: 10, D: 100, E: 100 },
        windowStart: '2025-07-01',
        windowEnd: '2025-09-30',
        teamSize: 2,
        seedSource: '福彩3D 2025年第180期开奖号码',
      },
    });
  });

  it('puts each objection of the contract on the field that caused it', () => {
    const result = validatePlanForm(
      values({
        samplingRatios: { ...DEFAULT_SAMPLING_RATIOS, B: 0 },
        window: ['2025-09-30', '2025-07-01'],
        departmentIds: ['dept-amr', 'dept-tax', 'dept-eco', 'dept-new'],
        seedSource: '  ',
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = Object.fromEntries(result.fields.map((f) => [f.name.join('.'), f.errors.join(' | ')]));
    expect(fields['samplingRatios.B']).toMatch(/no risk class may be exempt/);
    expect(fields.window).toMatch(/ends before it starts/);
    expect(fields.teamSize).toMatch(/cannot include an officer of each of 4 departments/);
    expect(fields['checkItemIds.dept-new']).toBeDefined();
    expect(fields.seedSource).toBeDefined();
    expect(Object.keys(fields)).not.toContain('name');
  });

  it('maps request paths to form fields', () => {
    expect(formFieldOf(['populationFilter', 'districtCodes', 0])).toEqual(['districtCodes']);
    expect(formFieldOf(['windowStart'])).toEqual(['window']);
    expect(formFieldOf(['checkItemIds'])).toEqual(['departmentIds']);
    expect(formFieldOf(['checkItemIds', 'dept-amr', 3])).toEqual(['checkItemIds', 'dept-amr']);
    expect(formFieldOf(['samplingRatios', 'E'])).toEqual(['samplingRatios', 'E']);
  });
});
