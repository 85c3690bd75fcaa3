import { describe, expect, it } from 'vitest';
import type { IntakeDepartmentPeriod, IntakeReview } from '@shared/api/intake';
import {
  bySubmission,
  decisionOf,
  fieldCaption,
  kindTitle,
  nextPeriodDate,
  problemFieldCaption,
  problemsByField,
  recordSummary,
  recordValues,
  uploadPercent,
  uploadPhase,
  yuanToWan,
} from './intakeView';
import { appendPage } from './usePagedRemote';

describe('intake screens', () => {
  it('name kinds and fields by the template, in Chinese or English', () => {
    expect(kindTitle('penalties', 'zh-CN')).toBe('行政处罚');
    expect(kindTitle('penalties', 'en')).toBe('Administrative penalties');
    expect(fieldCaption('penalties', 'fineAmount', 'zh-CN')).toBe('罚款金额（万元）');
    expect(fieldCaption('penalties', 'fineAmount', 'en')).toBe('Fine (10,000 yuan)');
    expect(fieldCaption('penalties', 'madeUp', 'en')).toBe('madeUp');
    expect(problemFieldCaption('penalties', '处罚决定日期', 'zh-CN')).toBe('处罚决定日期');
    expect(problemFieldCaption('penalties', '处罚决定日期', 'en')).toBe('Decision date');
    expect(problemFieldCaption('penalties', '不存在的列', 'en')).toBe('不存在的列');
  });

  it('group problems by field in the order of the template', () => {
    const problems = [
      { field: '处罚决定日期', code: 'date_invalid' as const, message: '2026-13-01 is not a date' },
      { field: '行政相对人名称', code: 'uscc_name_mismatch' as const, message: 'the register names 烟台海鲜酒楼' },
      { field: '处罚决定日期', code: 'date_order' as const, message: 'after the validity end' },
      { field: '问题', code: 'too_long' as const, message: 'x' },
    ];
    expect(problemsByField('penalties', problems).map(({ field, problems: p }) => [field, p.map((x) => x.code)])).toEqual([
      ['行政相对人名称', ['uscc_name_mismatch']],
      ['处罚决定日期', ['date_invalid', 'date_order']],
      ['问题', ['too_long']],
    ]);
  });

  it("list a record's values in template order, without empty ones or the returns file's own columns", () => {
    const values = recordValues(
      'penalties',
      { fineAmount: '150', entityName: '烟台海鲜酒楼', remarks: '', problems: 'x', returnId: 'r-1', extra: '1' },
      'zh-CN',
    );
    expect(values.map((v) => [v.name, v.caption, v.value])).toEqual([
      ['entityName', '行政相对人名称', '烟台海鲜酒楼'],
      ['fineAmount', '罚款金额（万元）', '150'],
      ['extra', 'extra', '1'],
    ]);
  });

  it('follow an upload: percent of bytes, then checking once every byte went', () => {
    expect(uploadPercent({ sentBytes: 0, totalBytes: 1000 })).toBe(0);
    expect(uploadPercent({ sentBytes: 999, totalBytes: 1000 })).toBe(99);
    expect(uploadPercent({ sentBytes: 1000, totalBytes: 1000 })).toBe(100);
    expect(uploadPercent({ sentBytes: 0, totalBytes: 0 })).toBe(100);
    expect(uploadPhase({ sentBytes: 999, totalBytes: 1000 })).toBe('sending');
    expect(uploadPhase({ sentBytes: 1000, totalBytes: 1000 })).toBe('checking');
  });

  it("find a reviewer's own decision", () => {
    const review = (id: string, decision: 'approve' | 'reject'): IntakeReview => ({
      reviewer: { id, name: id },
      decision,
      reason: decision === 'reject' ? '金额有误' : null,
      decidedAt: '2026-12-05T03:00:00.000Z',
    });
    expect(decisionOf([review('r1', 'approve')], 'r1')?.decision).toBe('approve');
    expect(decisionOf([review('r1', 'approve')], 'r2')).toBeNull();
  });

  it('write fines in 万元 and a penalty in one line', () => {
    expect(yuanToWan(1_500_000)).toBe('150');
    expect(yuanToWan(12_345)).toBe('1.2345');
    expect(recordSummary({ decidedOn: '2026-11-02', penaltyCategories: '警告;罚款', fineAmount: '3' }, '万元')).toBe(
      '2026-11-02 · 警告;罚款 · 3 万元',
    );
    expect(recordSummary({ decidedOn: '2026-11-02' }, '万元')).toBe('2026-11-02');
  });

  it('put the departments that have not submitted first', () => {
    const department = (departmentName: string, submitted: boolean) =>
      ({ departmentId: departmentName, departmentName, submitted }) as IntakeDepartmentPeriod;
    const { missing, submitted } = bySubmission([department('税务局', true), department('生态环境局', false), department('公安局', false)]);
    expect(missing.map((d) => d.departmentName)).toEqual(['公安局', '生态环境局']);
    expect(submitted.map((d) => d.departmentName)).toEqual(['税务局']);
  });

  it('step to the next half-month period', () => {
    expect(nextPeriodDate({ start: '2026-12-01', end: '2026-12-15', label: '' })).toBe('2026-12-16');
    expect(nextPeriodDate({ start: '2026-12-16', end: '2026-12-31', label: '' })).toBe('2027-01-01');
    expect(nextPeriodDate({ start: '2028-02-16', end: '2028-02-29', label: '' })).toBe('2028-03-01');
  });

  it('append pages of a list, keeping the last cursor', () => {
    const first = { items: [1, 2], cursor: 'c2', hasMore: true };
    expect(appendPage(first, { items: [3], cursor: null, hasMore: false })).toEqual({ items: [1, 2, 3], cursor: null, hasMore: false });
  });
});
