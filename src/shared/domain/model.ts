// The domain model shared by the endpoint and the app. Names follow DOMAIN.md.
// Every record that crosses a trust boundary (HTTP, IPC, IndexedDB reads of synced data) is parsed with these schemas.
import { z } from 'zod';
import { lineText, multiLineText } from '../text/plainText';
import { intakeKindSchema } from '../intake/kinds';
import { resultCategorySchema } from './resultCategories';

/** A day of the calendar (not 2025-02-30); PostgreSQL knows no year 0. */
const isoDate = z.iso
  .date({ error: 'expected a date as YYYY-MM-DD' })
  .refine((date) => !date.startsWith('0000'), 'expected a date as YYYY-MM-DD');
const isoDateTime = z.iso.datetime({ offset: true });
const id = lineText().min(1).max(100);
/** A six-digit administrative division code (GB/T 2260), e.g. 370602 for Zhifu district. */
export const districtCodeSchema = z.string().regex(/^\d{6}$/, 'a six-digit administrative division code');

export const riskClassSchema = z.enum(['A', 'B', 'C', 'D', 'E']);
export type RiskClass = z.infer<typeof riskClassSchema>;

// DOMAIN.md "Who works with OneVisit": a data officer uploads their department's feeds; a credit reviewer confirms
// disputed data.
export const officerRoleSchema = z.enum(['inspector', 'supervisor', 'data_officer', 'credit_reviewer', 'admin']);
export type OfficerRole = z.infer<typeof officerRoleSchema>;

export const departmentSchema = z.object({ id, code: lineText(), name: lineText() });
export type Department = z.infer<typeof departmentSchema>;

/** A law-enforcement unit; its jurisdiction is a set of district division codes. */
export const unitSchema = z.object({ id, name: lineText(), districtCodes: z.array(lineText()) });
export type Unit = z.infer<typeof unitSchema>;

export const officerSchema = z.object({
  id,
  name: lineText(),
  departmentId: id,
  unitId: id,
  role: officerRoleSchema,
});
export type Officer = z.infer<typeof officerSchema>;

export const checkItemSchema = z.object({
  id,
  departmentId: id,
  code: lineText(),
  title: lineText(),
  legalBasis: multiLineText(),
  /** Set once an admin retired the item: it joins no new section; drafts keep it only where they recorded a result. */
  retiredAt: isoDateTime.nullable().optional(),
});
export type CheckItem = z.infer<typeof checkItemSchema>;

export const entityCategorySchema = z.enum(['enterprise', 'individual_business', 'farmers_cooperative']);
export type EntityCategory = z.infer<typeof entityCategorySchema>;

export const lighthouseEventSchema = z.object({
  id,
  date: isoDate,
  kind: z.enum(['add', 'deduct']),
  points: z.number().int().positive(),
  reason: multiLineText(),
  /** The intake record the event comes from (version-1 addition): its kind, natural key and record id. */
  source: z.object({ kind: intakeKindSchema, key: lineText(), recordId: id }).optional(),
});

export const listEntrySchema = z.object({
  id,
  authority: lineText(),
  reason: multiLineText(),
  listedOn: isoDate,
  removedOn: isoDate.nullable(),
});

export const dishonestDebtorSchema = z.object({
  id,
  court: lineText(),
  caseNumber: lineText(),
  obligation: multiLineText(),
  listedOn: isoDate,
  expiresOn: isoDate,
});

export const penaltySchema = z.object({
  id,
  authority: lineText(),
  decisionNumber: lineText(),
  decidedOn: isoDate,
  amountYuan: z.number().nonnegative(),
  reason: multiLineText(),
  /** Minor penalties are published 3 months, others 36. */
  publicityMonths: z.union([z.literal(3), z.literal(36)]),
  publicityEndsOn: isoDate,
  /** When a credit repair may first be applied for. */
  repairableFrom: isoDate,
  repaired: z.boolean(),
  /** Penalties over 1,000,000 yuan count only after two separate confirmations. */
  confirmations: z.number().int().min(0).max(2),
});
export type Penalty = z.infer<typeof penaltySchema>;

export const creditRepairSchema = z.object({
  id,
  penaltyId: id,
  appliedOn: isoDate,
  decidedOn: isoDate.nullable(),
  status: z.enum(['pending', 'approved', 'rejected']),
});

export const pastInspectionSchema = z.object({
  id,
  planName: lineText(),
  inspectedOn: isoDate,
  departmentId: id,
  resultCategory: resultCategorySchema,
  /** The published joint inspection this entry came from (absent on entries of the platform's history). */
  taskId: id.optional(),
});
export type PastInspection = z.infer<typeof pastInspectionSchema>;

export const geoPointSchema = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
export type GeoPoint = z.infer<typeof geoPointSchema>;

export const enterpriseSchema = z.object({
  /** The enterprise's id is its USCC. */
  id,
  uscc: lineText().length(18),
  name: lineText(),
  legalRepresentative: lineText(),
  address: lineText(),
  districtCode: districtCodeSchema,
  industry: lineText(),
  entityCategory: entityCategorySchema,
  registeredCapitalYuan: z.number().nonnegative(),
  establishedOn: isoDate,
  location: geoPointSchema,
  /** Internal: shown to officers only, never published, never a ground for punishment. */
  riskClass: riskClassSchema,
  lighthouseScore: z.number().int(),
  lighthouseEvents: z.array(lighthouseEventSchema),
  /** The version of the lighthouse rule table the score was computed with (version-1 addition). */
  lighthouseRuleVersion: lineText().optional(),
  redList: z.array(listEntrySchema),
  blackList: z.array(listEntrySchema),
  dishonestDebtors: z.array(dishonestDebtorSchema),
  penalties: z.array(penaltySchema),
  creditRepairs: z.array(creditRepairSchema),
  pastInspections: z.array(pastInspectionSchema),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

export const inspectionPlanSchema = z.object({
  id,
  unitId: id,
  name: lineText(),
  departmentIds: z.array(id).min(1),
  /** Check items of each participating department, by department id. */
  checkItemIds: z.record(lineText(), z.array(id)),
  windowStart: isoDate,
  windowEnd: isoDate,
});
export type InspectionPlan = z.infer<typeof inspectionPlanSchema>;

/** Which enterprises of the unit's jurisdiction a plan draws from; an empty list means no restriction. */
export const populationFilterSchema = z.object({
  districtCodes: z.array(districtCodeSchema).max(50).default([]),
  industries: z.array(lineText().min(1).max(100)).max(100).default([]),
  entityCategories: z.array(entityCategorySchema).default([]),
});
export type PopulationFilter = z.infer<typeof populationFilterSchema>;

/** A registered conflict of interest (回避): the officer must not inspect the enterprise during the period. */
export const recusalSchema = z.object({
  id,
  unitId: id,
  officerId: id,
  enterpriseId: id,
  reason: multiLineText().min(1).max(500),
  validFrom: isoDate,
  /** null: open-ended. */
  validTo: isoDate.nullable(),
});
export type Recusal = z.infer<typeof recusalSchema>;

export const taskStatusSchema = z.enum(['assigned', 'in_progress', 'completed']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/**
 * The supervisor's review of a completed joint inspection: awaiting_review → (returned → corrected)* → approved →
 * published. A returned section gets a linked correction; the task is `corrected` once every correction is completed.
 */
export const reviewStatusSchema = z.enum(['awaiting_review', 'returned', 'corrected', 'approved', 'published']);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const inspectionTaskSchema = z.object({
  id,
  planId: id,
  enterpriseId: id,
  departmentIds: z.array(id).min(1),
  officerIds: z.array(id).min(2),
  dueDate: isoDate,
  status: taskStatusSchema,
  // Review fields: added in v1 as optional, so records of older endpoints and clients stay valid.
  /** Null until every section is completed. */
  reviewStatus: reviewStatusSchema.nullable().optional(),
  /** Asia/Shanghai date the last section was completed: the check date the publication deadline counts from. */
  checkedOn: isoDate.nullable().optional(),
  approvedBy: id.nullable().optional(),
  approvedAt: isoDateTime.nullable().optional(),
  publishedAt: isoDateTime.nullable().optional(),
});
export type InspectionTask = z.infer<typeof inspectionTaskSchema>;

export const itemOutcomeSchema = z.enum(['compliant', 'non_compliant', 'not_applicable']);
export type ItemOutcome = z.infer<typeof itemOutcomeSchema>;

export const itemResultSchema = z.object({
  checkItemId: id,
  outcome: itemOutcomeSchema,
  note: multiLineText().max(2000),
});
export type ItemResult = z.infer<typeof itemResultSchema>;

export const sectionStatusSchema = z.enum(['draft', 'completed']);

export const SHA256_HEX = /^[0-9a-f]{64}$/;
export const sha256Schema = z.string().regex(SHA256_HEX, 'expected a lower-case hex SHA-256');

/**
 * How an officer other than the signed-in one took part in an act recorded on this device (their signature, their
 * confirmation of a refusal to sign): they entered their own credentials here. `online`: the endpoint checked them and
 * holds the attestation `attestationId`; `offline`: this device checked them against the verifier kept from that
 * officer's own earlier online sign-in here (docs/using-the-app.md says what each proves).
 */
export const attestationSchema = z.object({
  officerId: id,
  at: isoDateTime,
  method: z.enum(['online', 'offline']),
  attestationId: id.optional(),
});
export type Attestation = z.infer<typeof attestationSchema>;

export const attachmentKindSchema = z.enum(['photo', 'representative_signature', 'officer_signature']);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/** Largest attachment the endpoint accepts; photos are downscaled well below this before storage. */
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/**
 * Evidence attached to a section. Only metadata travels with the section; the bytes go to the content-addressed
 * attachment endpoint under `sha256` (of the stored bytes). For a photo, `originalSha256` is the hash of the file as
 * the camera made it, before downscaling, so the evidence can be matched to the original.
 */
export const attachmentMetaSchema = z.object({
  id,
  sha256: sha256Schema,
  size: z.number().int().positive().max(ATTACHMENT_MAX_BYTES),
  type: z.enum(ATTACHMENT_TYPES),
  kind: attachmentKindSchema,
  capturedAt: isoDateTime,
  originalSha256: sha256Schema.optional(),
  /** A photo's check item (version-1 addition): the evidence of that item's result. Absent: a photo of the whole section. */
  checkItemId: id.optional(),
  /** An officer signature's signer (version-1 addition; absent on older records: the officer who completed the section). */
  signedBy: id.optional(),
  /** How a signer other than the officer who recorded the signature on their device was checked. */
  attestation: attestationSchema.optional(),
});
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;

/**
 * Where the check-in location came from: the device's positioning, or provided by the officer (typed, or picked on the
 * map). Version 1 knows only these two values, and its clients reject others, so the finer source is `locationSource`.
 */
export const checkInSourceSchema = z.enum(['device', 'typed']);

/** The finer source of a check-in location (version-1 addition): a map pick is officer-provided, so its `source` is 'typed'. */
export const checkInLocationSourceSchema = z.enum(['device', 'map', 'typed']);
export type CheckInLocationSource = z.infer<typeof checkInLocationSourceSchema>;

export const checkInSchema = z.object({
  at: isoDateTime,
  location: geoPointSchema.nullable(),
  /** Accuracy of a device position, in metres. */
  accuracyM: z.number().nonnegative().nullable(),
  place: lineText().max(500),
  source: checkInSourceSchema,
  locationSource: checkInLocationSourceSchema.optional(),
});
export type CheckIn = z.infer<typeof checkInSchema>;

/** Where a check-in's location came from; records of clients before `locationSource` have only `source`. */
export function checkInLocationSource(checkIn: Pick<CheckIn, 'source' | 'locationSource'>): CheckInLocationSource {
  return checkIn.locationSource ?? checkIn.source;
}

/**
 * The check-in to store when a client sends `incoming` over `stored`. Current clients always send `locationSource`; a
 * client before it drops the field from a check-in it sends back unchanged, so an otherwise identical check-in keeps
 * the stored one. A check-in that client changed has only the source it knows.
 */
export function withStoredLocationSource(incoming: CheckIn | null, stored: CheckIn | null): CheckIn | null {
  if (!incoming || incoming.locationSource !== undefined || stored?.locationSource === undefined) return incoming;
  const same =
    incoming.at === stored.at &&
    incoming.place === stored.place &&
    incoming.source === stored.source &&
    incoming.accuracyM === stored.accuracyM &&
    incoming.location?.lng === stored.location?.lng &&
    incoming.location?.lat === stored.location?.lat;
  return same ? { ...incoming, locationSource: stored.locationSource } : incoming;
}
export type SectionStatus = z.infer<typeof sectionStatusSchema>;

export const inspectionRefusalSchema = z.object({ at: isoDateTime, person: lineText().max(100) });
export type InspectionRefusal = z.infer<typeof inspectionRefusalSchema>;

export const signatureRefusalSchema = z.object({ markedAt: isoDateTime, confirmation: attestationSchema.nullable() });
export type SignatureRefusal = z.infer<typeof signatureRefusalSchema>;

// The evidence of the visit. Version-1 additions: absent in records of older clients, hence the defaults. A push that
// leaves them out keeps what the endpoint stores (see EVIDENCE_FIELDS in sync/protocol.ts).
export const sectionEvidenceFields = {
  checkIn: checkInSchema.nullable().default(null),
  /** Officers of the task's team who were present at the premises. */
  teamPresent: z.array(id).max(50).default([]),
  representativeName: lineText().max(100).default(''),
  attachments: z.array(attachmentMetaSchema).max(60).default([]),
  /** What the officers found, in their words: required when nobody represents the enterprise (sectionRules). */
  findings: multiLineText().max(2000).default(''),
  /** The enterprise refused the inspection (不配合检查): when, and who refused where known. */
  inspectionRefusal: inspectionRefusalSchema.nullable().default(null),
  /** The representative refused to sign (当事人拒绝签字), confirmed by a second officer present. */
  signatureRefusal: signatureRefusalSchema.nullable().default(null),
};

// What the department's officer records, in a section and in its correction alike.
const sectionRecordedFields = {
  itemResults: z.array(itemResultSchema),
  resultCategory: resultCategorySchema.nullable(),
  status: sectionStatusSchema,
  completedBy: id.nullable(),
  completedAt: isoDateTime.nullable(),
  ...sectionEvidenceFields,
  /** Incremented by the server on every applied write. */
  version: z.number().int().nonnegative(),
};

/** The fields an officer writes in a section or a correction; the rest is set by the plan, the server or the supervisor. */
export type OfficerWritableField = Exclude<keyof typeof sectionRecordedFields, 'version'>;
export const OFFICER_WRITABLE_FIELDS = Object.keys(sectionRecordedFields).filter((key) => key !== 'version') as OfficerWritableField[];

/** One participating department's part of a joint inspection; owned and written by that department. */
export const inspectionSectionSchema = z.object({
  id,
  taskId: id,
  departmentId: id,
  checkItemIds: z.array(id),
  ...sectionRecordedFields,
});
export type InspectionSection = z.infer<typeof inspectionSectionSchema>;

export type EvidenceField = keyof typeof sectionEvidenceFields;
export const EVIDENCE_FIELDS = Object.keys(sectionEvidenceFields) as EvidenceField[];

/** The version-1 additions of a section before anything was recorded. */
export function emptySectionEvidence(): Pick<InspectionSection, EvidenceField> {
  return {
    checkIn: null,
    teamPresent: [],
    representativeName: '',
    attachments: [],
    findings: '',
    inspectionRefusal: null,
    signatureRefusal: null,
  };
}

/** A department's section of a task before anything was recorded (as a draw or the demo creates it). */
export function draftSection(
  fields: Pick<InspectionSection, 'id' | 'taskId' | 'departmentId' | 'checkItemIds'>,
  version = 0,
): InspectionSection {
  return {
    ...fields,
    itemResults: [],
    resultCategory: null,
    status: 'draft',
    completedBy: null,
    completedAt: null,
    ...emptySectionEvidence(),
    version,
  };
}

/**
 * A returned section's correction: a new record linked to the locked original, carrying the supervisor's reason. The
 * endpoint creates it when the section is returned (starting from the section's results and evidence of the visit); an
 * officer of the section's department on the task's team fills it in and completes it under the section's rules,
 * syncing it like a section.
 */
export const sectionCorrectionSchema = z.object({
  id,
  sectionId: id,
  taskId: id,
  departmentId: id,
  checkItemIds: z.array(id),
  returnReason: multiLineText().min(1).max(2000),
  returnedBy: id,
  returnedAt: isoDateTime,
  ...sectionRecordedFields,
});
export type SectionCorrection = z.infer<typeof sectionCorrectionSchema>;

export { id as idSchema, isoDate as isoDateSchema, isoDateTime as isoDateTimeSchema };
