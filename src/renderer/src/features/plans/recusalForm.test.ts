import { describe, expect, it } from 'vitest';
import { canEndEarly, defaultEndDate, recusalState, validateRecusalForm, type RecusalFormValues } from './recusalForm';

const values: RecusalFormValues = {
  officerId: 'off-inspector01',
  uscc: ' 91370602ma3c4xyz0q ',
  reason: ' 配偶在该企业任职 ',
  validFrom: '2025-07-01',
  validTo: null,
};

describe('validateRecusalForm', () => {
  it('sends the USCC as typed without spaces, upper-cased, and the reason trimmed', () => {
    expect(validateRecusalForm(values)).toEqual({
      ok: true,
      request: {
        officerId: 'off-inspector01',
        enterpriseId: '91370602MA3C4XYZ0Q',
        reason: '配偶在该企业任职',
        validFrom: '2025-07-01',
        validTo: null,
      },
    });
  });

  it('puts the contract objections on the fields that show them', () => {
    const checked = validateRecusalForm({ ...values, officerId: undefined, uscc: '', reason: ' ', validTo: '2025-06-30' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.fields.map((f) => f.name).sort()).toEqual([['officerId'], ['reason'], ['uscc'], ['validTo']]);
  });
});

describe('recusal periods', () => {
  const recusal = { validFrom: '2025-07-01', validTo: '2025-12-31' };

  it('tells upcoming, in force (both ends included) and ended apart', () => {
    expect(recusalState(recusal, '2025-06-30')).toBe('upcoming');
    expect(recusalState(recusal, '2025-07-01')).toBe('in_force');
    expect(recusalState(recusal, '2025-12-31')).toBe('in_force');
    expect(recusalState(recusal, '2026-01-01')).toBe('ended');
    expect(recusalState({ ...recusal, validTo: null }, '2099-01-01')).toBe('in_force');
  });

  it('ends early today, or on the first day of one not yet started, and only while that is before its end', () => {
    expect(defaultEndDate(recusal, '2025-08-15')).toBe('2025-08-15');
    expect(defaultEndDate(recusal, '2025-06-01')).toBe('2025-07-01');
    expect(canEndEarly(recusal, '2025-08-15')).toBe(true);
    expect(canEndEarly(recusal, '2025-12-31')).toBe(false);
    expect(canEndEarly({ validFrom: '2025-07-01', validTo: '2025-07-01' }, '2025-06-01')).toBe(false);
    expect(canEndEarly({ ...recusal, validTo: null }, '2099-01-01')).toBe(true);
  });
});
