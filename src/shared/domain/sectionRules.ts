// Rules a section must satisfy; the app checks them before completing, the endpoint on every push.
import { checkCategoryConsistency, type ResultCategory } from './resultCategories';
import type { AttachmentKind, AttachmentMeta, InspectionSection } from './model';

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
  | { code: 'signature_twice'; kind: SignatureKind; officerId?: string }
  | { code: 'check_in_missing' }
  | { code: 'team_too_small'; present: number }
  | { code: 'representative_name_missing' }
  | { code: 'signature_missing'; kind: SignatureKind }
  | { code: 'officer_signature_missing'; officerId: string }
  | { code: 'signer_not_present'; officerId: string }
  | { code: 'attestation_missing'; officerId: string }
  | { code: 'findings_missing' }
  | { code: 'photo_missing' }
  | { code: 'check_in_location_missing' }
  | { code: 'refusal_time_missing' }
  | { code: 'signature_refusal_unconfirmed' }
  | { code: 'signature_refusal_confirmer'; officerId: string }
  | { code: 'signature_refused_and_signed' };

export type SignatureKind = Extract<AttachmentKind, 'representative_signature' | 'officer_signature'>;
export const SIGNATURE_KINDS: readonly SignatureKind[] = ['representative_signature', 'officer_signature'];
/** Administrative Penalty Law art. 42: at least two officers carry out an inspection. */
export const MIN_OFFICERS_PRESENT = 2;

/**
 * Outcomes where nobody represents the enterprise (nobody at the registered address, a refusal, no such business,
 * closed): the section completes without the representative's name and signature, on what the officers record instead.
 */
export type NoRepresentativeCategory = Extract<
  ResultCategory,
  'address_unreachable' | 'refused_inspection' | 'activity_not_found' | 'closed_or_liquidating'
>;
export const NO_REPRESENTATIVE_CATEGORIES: ReadonlySet<ResultCategory> = new Set<NoRepresentativeCategory>([
  'address_unreachable',
  'refused_inspection',
  'activity_not_found',
  'closed_or_liquidating',
]);

export const hasRepresentative = (category: ResultCategory | null): boolean =>
  category === null || !NO_REPRESENTATIVE_CATEGORIES.has(category);

/** Who signed an officer signature: its signer, or on records older than `signedBy` the officer who completed it. */
export const signerOf = (signature: Pick<AttachmentMeta, 'signedBy'>, completedBy: string | null): string | null =>
  signature.signedBy ?? completedBy;

export const officerSignatures = (section: Pick<InspectionSection, 'attachments'>): AttachmentMeta[] =>
  section.attachments.filter((a) => a.kind === 'officer_signature');

type SectionContent = Pick<InspectionSection, 'checkItemIds' | 'itemResults' | 'attachments'> &
  Partial<Pick<InspectionSection, 'completedBy'>>;

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
  if (section.attachments.filter((a) => a.kind === 'representative_signature').length > 1) {
    problems.push({ code: 'signature_twice', kind: 'representative_signature' });
  }
  // Every officer present signs once; a signature without a signer is the completing officer's.
  const signers = new Set<string | null>();
  for (const signature of officerSignatures(section)) {
    const signer = signerOf(signature, section.completedBy ?? null);
    if (signers.has(signer))
      problems.push({ code: 'signature_twice', kind: 'officer_signature', ...(signer ? { officerId: signer } : {}) });
    signers.add(signer);
  }
  return problems;
}

/** What the app and the endpoint know beyond the record when a section is completed. */
export interface CompletionContext {
  /** The officer completing the section (they sign it without an attestation: they are signed in). */
  officerId: string;
  /** The task's officers of the section's department: every one of them who was present signs the section. */
  departmentOfficerIds: readonly string[];
}

/**
 * Problems that prevent completing a section: every item answered, notes on non-compliant items, a consistent category,
 * and the evidence of the visit (check-in, two officers present, the representative's name and both signatures).
 */
export function sectionCompletionProblems(
  section: SectionContent &
    Pick<InspectionSection, 'resultCategory' | 'checkIn' | 'teamPresent' | 'representativeName'> &
    Partial<Pick<InspectionSection, 'findings' | 'inspectionRefusal' | 'signatureRefusal'>>,
  context?: CompletionContext,
): SectionProblem[] {
  const completedBy = context?.officerId ?? section.completedBy ?? null;
  const problems = sectionStructureProblems({ ...section, completedBy });
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
  problems.push(...(hasRepresentative(section.resultCategory) ? representativeProblems(section) : noRepresentativeProblems(section)));
  problems.push(...officerSignatureProblems(section, completedBy, context));
  return problems;
}

/** The representative gives their name and signs, or refuses to sign and a second officer present confirms it. */
function representativeProblems(
  section: Pick<InspectionSection, 'representativeName' | 'attachments' | 'teamPresent'> &
    Partial<Pick<InspectionSection, 'signatureRefusal'>>,
): SectionProblem[] {
  const problems: SectionProblem[] = [];
  if (section.representativeName.trim() === '') problems.push({ code: 'representative_name_missing' });
  const signed = section.attachments.some((a) => a.kind === 'representative_signature');
  const refusal = section.signatureRefusal ?? null;
  if (refusal === null) {
    if (!signed) problems.push({ code: 'signature_missing', kind: 'representative_signature' });
    return problems;
  }
  if (signed) problems.push({ code: 'signature_refused_and_signed' });
  const confirmer = refusal.confirmation?.officerId;
  if (!confirmer) problems.push({ code: 'signature_refusal_unconfirmed' });
  else if (!section.teamPresent.includes(confirmer)) problems.push({ code: 'signature_refusal_confirmer', officerId: confirmer });
  return problems;
}

/** Without anyone to sign for the enterprise, the officers' own record: what they found, a photo, where they were. */
function noRepresentativeProblems(
  section: Pick<InspectionSection, 'resultCategory' | 'attachments' | 'checkIn'> &
    Partial<Pick<InspectionSection, 'findings' | 'inspectionRefusal'>>,
): SectionProblem[] {
  const problems: SectionProblem[] = [];
  if ((section.findings ?? '').trim() === '') problems.push({ code: 'findings_missing' });
  if (!section.attachments.some((a) => a.kind === 'photo')) problems.push({ code: 'photo_missing' });
  if (section.checkIn !== null && section.checkIn.location === null) problems.push({ code: 'check_in_location_missing' });
  if (section.resultCategory === 'refused_inspection' && !section.inspectionRefusal) problems.push({ code: 'refusal_time_missing' });
  return problems;
}

/**
 * The officers sign: the completing officer, and with a context every officer of the section's department who was
 * present. Only officers present sign, and a signer other than the completing officer needs an attestation.
 */
function officerSignatureProblems(
  section: Pick<InspectionSection, 'attachments' | 'teamPresent'> & Partial<Pick<InspectionSection, 'signatureRefusal'>>,
  completedBy: string | null,
  context: CompletionContext | undefined,
): SectionProblem[] {
  const problems: SectionProblem[] = [];
  const signatures = officerSignatures(section);
  if (!context) {
    if (signatures.length === 0) problems.push({ code: 'signature_missing', kind: 'officer_signature' });
    return problems;
  }
  const signers = new Set(signatures.map((s) => signerOf(s, completedBy)));
  const required = [
    context.officerId,
    ...context.departmentOfficerIds.filter((id) => id !== context.officerId && section.teamPresent.includes(id)),
  ];
  for (const officerId of required) if (!signers.has(officerId)) problems.push({ code: 'officer_signature_missing', officerId });
  for (const signature of signatures) {
    const signer = signerOf(signature, completedBy);
    if (!signer) continue;
    if (!section.teamPresent.includes(signer)) problems.push({ code: 'signer_not_present', officerId: signer });
    if (signer !== context.officerId && signature.attestation?.officerId !== signer)
      problems.push({ code: 'attestation_missing', officerId: signer });
  }
  const confirmation = section.signatureRefusal?.confirmation;
  if (confirmation && confirmation.officerId === context.officerId) {
    problems.push({ code: 'signature_refusal_confirmer', officerId: confirmation.officerId });
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
    case 'officer_signature_missing':
      return `officer ${problem.officerId} was present: their officer signature is missing`;
    case 'signer_not_present':
      return `officer ${problem.officerId} signed but is not recorded as present`;
    case 'attestation_missing':
      return `the signature of officer ${problem.officerId} has no attestation (their own credentials)`;
    case 'findings_missing':
      return 'nobody represents the enterprise: describe what was found';
    case 'photo_missing':
      return 'nobody represents the enterprise: at least one photo is required as evidence';
    case 'check_in_location_missing':
      return 'nobody represents the enterprise: the check-in needs a location';
    case 'refusal_time_missing':
      return 'the enterprise refused the inspection: record when (and who refused, where known)';
    case 'signature_refusal_unconfirmed':
      return 'the refusal to sign must be confirmed by a second officer present';
    case 'signature_refusal_confirmer':
      return `the refusal to sign is confirmed by officer ${problem.officerId}, who must be another officer present`;
    case 'signature_refused_and_signed':
      return 'the representative is marked as refusing to sign, yet a representative signature is attached';
  }
}
