// Rules a section must satisfy; the app checks them before completing, the endpoint on every push.
import { checkCategoryConsistency } from './resultCategories';
import type { InspectionSection } from './model';

export type SectionProblem =
  | { code: 'unknown_check_item'; checkItemId: string }
  | { code: 'duplicate_check_item'; checkItemId: string }
  | { code: 'non_compliant_without_note'; checkItemId: string }
  | { code: 'item_missing'; checkItemId: string }
  | { code: 'result_category_missing' }
  | { code: 'result_category_inconsistent'; reason: string }
  | { code: 'completion_fields' };

/** Problems that make a section invalid in any state (draft or completed). */
export function sectionStructureProblems(section: Pick<InspectionSection, 'checkItemIds' | 'itemResults'>): SectionProblem[] {
  const problems: SectionProblem[] = [];
  const seen = new Set<string>();
  for (const result of section.itemResults) {
    if (!section.checkItemIds.includes(result.checkItemId)) problems.push({ code: 'unknown_check_item', checkItemId: result.checkItemId });
    if (seen.has(result.checkItemId)) problems.push({ code: 'duplicate_check_item', checkItemId: result.checkItemId });
    seen.add(result.checkItemId);
  }
  return problems;
}

/** Problems that prevent completing a section: every item answered, notes on non-compliant items, a consistent category. */
export function sectionCompletionProblems(
  section: Pick<InspectionSection, 'checkItemIds' | 'itemResults' | 'resultCategory'>,
): SectionProblem[] {
  const problems = sectionStructureProblems(section);
  for (const checkItemId of section.checkItemIds) {
    const result = section.itemResults.find((r) => r.checkItemId === checkItemId);
    if (!result) problems.push({ code: 'item_missing', checkItemId });
    else if (result.outcome === 'non_compliant' && result.note.trim() === '') {
      problems.push({ code: 'non_compliant_without_note', checkItemId });
    }
  }
  if (section.resultCategory === null) problems.push({ code: 'result_category_missing' });
  else {
    const hasNonCompliant = section.itemResults.some((r) => r.outcome === 'non_compliant');
    const consistency = checkCategoryConsistency(section.resultCategory, hasNonCompliant);
    if (!consistency.ok) problems.push({ code: 'result_category_inconsistent', reason: consistency.reason });
  }
  return problems;
}

export function describeSectionProblem(problem: SectionProblem): string {
  switch (problem.code) {
    case 'unknown_check_item': return `check item ${problem.checkItemId} is not part of this section`;
    case 'duplicate_check_item': return `check item ${problem.checkItemId} has more than one result`;
    case 'non_compliant_without_note': return `check item ${problem.checkItemId} is non-compliant and needs a note`;
    case 'item_missing': return `check item ${problem.checkItemId} has no result`;
    case 'result_category_missing': return 'the section has no publicity result category';
    case 'result_category_inconsistent': return `the result category does not agree with the item results (${problem.reason})`;
    case 'completion_fields': return 'completedBy and completedAt must be set exactly when the section is completed';
  }
}
