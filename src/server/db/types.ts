// Domain types used by column annotations of the schema (drizzle-kit loads schema.ts without the @shared alias).
export type {
  AttachmentMeta,
  CheckIn,
  Enterprise,
  EntityCategory,
  InspectionRefusal,
  ItemResult,
  OfficerRole,
  PopulationFilter,
  ReviewStatus,
  RiskClass,
  SectionStatus,
  SignatureRefusal,
  TaskStatus,
} from '@shared/domain/model';
export type { ResultCategory as ResultCategoryCode } from '@shared/domain/resultCategories';
export type { DrawFile, SamplingRatios } from '@shared/draw/schema';
export type { AttestationPurpose } from '@shared/api/attestations';
export type {
  CleaningAction,
  CleaningTrigger,
  IntakeKind,
  IntakeRecordStatus,
  IntakeReturnState,
  IntakeReviewDecision,
} from '@shared/intake/kinds';
export type { IntakeCounts, IntakeProblem } from '@shared/api/intake';
export type CleaningChange = import('@shared/api/intake').CleaningReport['changes'][number];
