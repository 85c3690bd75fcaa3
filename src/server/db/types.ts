// Domain types used by column annotations of the schema (drizzle-kit loads schema.ts without the @shared alias).
export type {
  AttachmentMeta,
  CheckIn,
  Enterprise,
  ItemResult,
  OfficerRole,
  PopulationFilter,
  ReviewStatus,
  RiskClass,
  SectionStatus,
  TaskStatus,
} from '@shared/domain/model';
export type { ResultCategory as ResultCategoryCode } from '@shared/domain/resultCategories';
export type { DrawFile, SamplingRatios } from '@shared/draw/schema';
