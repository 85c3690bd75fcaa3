// Rules a section must satisfy; the app checks them before completing, the endpoint on every push.
import { checkCategoryConsistency } from './resultCategories';
import type { AttachmentKind, InspectionSection } from './model';

export type SectionProblem =
  | { code: 'unknown_check_item'; checkItemId: string }
  | { code: 'duplicate_check_item'; checkItemId: string }
  | { code: 'non_compliant_without_note'; checkItemId: string }
  | { code: 'item_missing'; checkItemId: string }
  | { code: 'result_category_missing' }
  | { code: 'result_category_inconsistent'; reason: string }
  | { code: 'completion_fields' }
  | { code: 'duplicate_attachment'; attachmentId: string }
  | { code: 'attachment_item_unknown'; attachmentId: string; checkItemId: string }
  | { code: 'signature_twice'; kind: SignatureKind }
  | { code: 'check_in_missing' }
  | { code: 'team_too_small'; present: number }
  | { code: 'representative_name_missing' }
  | { code: 'signature_missing'; kind: SignatureKind };

export type SignatureKind = Extract<AttachmentKind, 'representative_signature' | 'officer_signature'>;
export const SIGNATURE_KINDS: readonly SignatureKind[] = ['representative_signature', 'officer_signature'];
/** Administrative Penalty Law art. 42: at least two officers carry out an inspection. */
export const MIN_OFFICERS_PRESENT = 2;

type SectionContent = Pick<InspectionSection, 'checkItemIds' | 'itemResults' | 'attachments'>;

/** Problems that make a section invalid in any state (draft or completed). */
export function sectionStructureProblems(section: SectionContent): SectionProblem[] {
  const problems: SectionProblem[] = [];
  const seen = new Set<string>();
  for (const result of section.itemResults) {
    if (!section.checkItemIds.includes(result.checkItemId)) problems.push({ code: 'unknown_check_item', checkItemId: result.checkItemId });
    if (seen.has(result.checkItemId)) problems.push({ code: 'duplicate_check_item', checkItemId: result.checkItemId });
    seen.add(result.checkItemId);
  }
  const attachmentIds = new Set<string>();
  for (const attachment of section.attachments) {
    if (attachmentIds.has(attachment.id)) problems.push({ code: 'duplicate_attachment', attachmentId: attachment.id });
    attachmentIds.add(attachment.id);
    // Only photos are evidence of one item, and only of an item of this section; signatures cover the whole section.
    const { checkItemId } = attachment;
    if (checkItemId !== undefined && (attachment.kind !== 'photo' || !section.checkItemIds.includes(checkItemId))) {
      problems.push({ code: 'attachment_item_unknown', attachmentId: attachment.id, checkItemId });
    }
  }
  for (const kind of SIGNATURE_KINDS) {
    if (section.attachments.filter((a) => a.kind === kind).length > 1) problems.push({ code: 'signature_twice', kind });
  }
  return problems;
}

/**
 * Problems that prevent completing a section: every item answered, notes on non-compliant items, a consistent category,
 * and the evidence of the visit (check-in, two officers present, the representative's name and both signatures).
 */
export function sectionCompletionProblems(
  section: SectionContent & Pick<InspectionSection, 'resultCategory' | 'checkIn' | 'teamPresent' | 'representativeName'>,
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
  if (section.checkIn === null) problems.push({ code: 'check_in_missing' });
  if (section.teamPresent.length < MIN_OFFICERS_PRESENT) problems.push({ code: 'team_too_small', present: section.teamPresent.length });
  if (section.representativeName.trim() === '') problems.push({ code: 'representative_name_missing' });
  for (const kind of SIGNATURE_KINDS) {
    if (!section.attachments.some((a) => a.kind === kind)) problems.push({ code: 'signature_missing', kind });
  }
  return problems;
}

export function describeSectionProblem(problem: SectionProblem): string {
  switch (problem.code) {
    case 'unknown_check_item':
      return `check item ${problem.checkItemId} is not part of this section`;
    case 'duplicate_check_item':
      return `check item ${problem.checkItemId} has more than one result`;
    case 'non_compliant_without_note':
      return `check item ${problem.checkItemId} is non-compliant and needs a note`;
    case 'item_missing':
      return `check item ${problem.checkItemId} has no result`;
    case 'result_category_missing':
      return 'the section has no publicity result category';
    case 'result_category_inconsistent':
      return `the result category does not agree with the item results (${problem.reason})`;
    case 'completion_fields':
      return 'completedBy and completedAt must be set exactly when the section is completed';
    case 'duplicate_attachment':
      return `attachment ${problem.attachmentId} is listed more than once`;
    case 'attachment_item_unknown':
      return `attachment ${problem.attachmentId} is filed under check item ${problem.checkItemId}, which is not a check item of this section, or it is not a photo`;
    case 'signature_twice':
      return `the section has more than one ${problem.kind.replace('_', ' ')}`;
    case 'check_in_missing':
      return 'the section has no check-in (time and place of the visit)';
    case 'team_too_small':
      return `at least ${MIN_OFFICERS_PRESENT} officers must be present (${problem.present} recorded)`;
    case 'representative_name_missing':
      return "the enterprise representative's name is missing";
    case 'signature_missing':
      return `the ${problem.kind.replace('_', ' ')} is missing`;
  }
}
