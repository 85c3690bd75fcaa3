// Publicity result categories (one per inspection section), from DOMAIN.md.
import { z } from 'zod';

export const RESULT_CATEGORIES = [
  { code: 'no_problem_found', zh: '未发现问题', en: 'No problem found' },
  { code: 'problem_corrected', zh: '发现问题已责令改正', en: 'Problem found, correction ordered' },
  { code: 'problem_pending', zh: '发现问题待后续处理', en: 'Problem found, follow-up pending' },
  { code: 'info_not_published', zh: '未按规定公示应当公示的信息', en: 'Required information not published' },
  { code: 'info_falsified', zh: '公示信息隐瞒真实情况弄虚作假', en: 'Published information concealed or falsified' },
  { code: 'address_unreachable', zh: '通过登记的住所（经营场所）无法联系', en: 'Unreachable at the registered address' },
  { code: 'refused_inspection', zh: '不配合检查情节严重', en: 'Seriously uncooperative with the inspection' },
  { code: 'activity_not_found', zh: '未发现开展本次抽查涉及的经营活动', en: 'No business activity covered by this check' },
  { code: 'closed_or_liquidating', zh: '已关闭停业或正在组织清算', en: 'Closed, suspended or in liquidation' },
  { code: 'other_department_violation', zh: '违反其他部门相关规定', en: "Violates other departments' rules" },
] as const;

export type ResultCategory = (typeof RESULT_CATEGORIES)[number]['code'];
export const resultCategorySchema = z.enum(RESULT_CATEGORIES.map((c) => c.code) as [ResultCategory, ...ResultCategory[]]);

export function resultCategoryLabel(code: ResultCategory, language: 'zh' | 'en' = 'zh'): string {
  const category = RESULT_CATEGORIES.find((c) => c.code === code);
  return category ? category[language] : code;
}

/** Categories that state a problem was found; they need at least one non-compliant item. */
const PROBLEM_CATEGORIES: ReadonlySet<ResultCategory> = new Set(['problem_corrected', 'problem_pending', 'other_department_violation']);

export type CategoryConsistency = { ok: true } | { ok: false; reason: 'no_problem_with_non_compliant' | 'problem_without_non_compliant' };

/** A section's category must agree with its item results (e.g. "未发现问题" with a non-compliant item is impossible). */
export function checkCategoryConsistency(category: ResultCategory, hasNonCompliantItem: boolean): CategoryConsistency {
  if (category === 'no_problem_found' && hasNonCompliantItem) return { ok: false, reason: 'no_problem_with_non_compliant' };
  if (PROBLEM_CATEGORIES.has(category) && !hasNonCompliantItem) return { ok: false, reason: 'problem_without_non_compliant' };
  return { ok: true };
}
