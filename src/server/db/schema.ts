// Storage of the central endpoint. Every synced table carries `change_seq` from ONE global sequence: the column default
// on insert, a trigger on every update (migration 0004_sync_triggers), always drawn under a transaction-long write lock
// that statement triggers take, so no writer can forget it and the values commit in the order they are drawn (see
// services/pull.ts, "Cursor").
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  json,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type {
  AttachmentMeta,
  CheckIn,
  DrawFile,
  Enterprise,
  EntityCategory,
  InspectionRefusal,
  OfficerRole,
  PopulationFilter,
  SamplingRatios,
  ResultCategoryCode,
  ItemResult,
  ReviewStatus,
  RiskClass,
  SectionStatus,
  SignatureRefusal,
  TaskStatus,
  CleaningAction,
  CleaningChange,
  CleaningTrigger,
  IntakeCounts,
  IntakeKind,
  IntakeProblem,
  IntakeRecordStatus,
  IntakeReturnState,
  IntakeReviewDecision,
} from './types';
import type { AttestationPurpose } from './types';

/** A required text column referencing another table's key (most foreign keys here). */
const reference = (name: string, target: () => AnyPgColumn) => text(name).notNull().references(target);

export const changeSeq = pgSequence('change_seq');

/** Column default for inserts (drawn after the statement trigger took the write lock); updates are stamped by a trigger. */
export const nextChangeSeq = sql`nextval('change_seq')`;

const changeSeqColumn = () => bigint('change_seq', { mode: 'number' }).notNull().default(nextChangeSeq);

export const departments = pgTable(
  'departments',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Raised by every change of the department's check items (services/catalogue.ts); check_item_versions keeps each. */
    catalogueVersion: integer('catalogue_version').notNull().default(1),
    changeSeq: changeSeqColumn(),
  },
  (t) => [index('departments_change_seq_idx').on(t.changeSeq)],
);

export const units = pgTable(
  'units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    districtCodes: text('district_codes').array().notNull(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [index('units_change_seq_idx').on(t.changeSeq)],
);

export const officers = pgTable(
  'officers',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull().unique(),
    /** scrypt hash with its own salt and parameters, see auth/password.ts. */
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    departmentId: reference('department_id', () => departments.id),
    unitId: reference('unit_id', () => units.id),
    role: text('role').$type<OfficerRole>().notNull(),
    /** Set by an admin: sign-in is refused and the officer's sessions answer `account_disabled` (services/auth.ts). */
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /** Set by an admin's reset (and admin:create's first admin): every call but the password change is refused until then. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    changeSeq: changeSeqColumn(),
  },
  (t) => [index('officers_change_seq_idx').on(t.changeSeq), index('officers_unit_idx').on(t.unitId)],
);

export const checkItems = pgTable(
  'check_items',
  {
    id: text('id').primaryKey(),
    departmentId: reference('department_id', () => departments.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /** Retired items stay (completed sections name them) but join no new plan or section. */
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    /** The catalogue version the item was added in by an admin; null for the catalogue the plans were set from. */
    addedInVersion: integer('added_in_version'),
    /** The department's catalogue version of the item's last change. */
    catalogueVersion: integer('catalogue_version').notNull().default(1),
    changeSeq: changeSeqColumn(),
  },
  (t) => [index('check_items_change_seq_idx').on(t.changeSeq), index('check_items_department_idx').on(t.departmentId)],
);

/** Every state a check item had, by catalogue version: what a section completed under an older catalogue was checked against. */
export const checkItemVersions = pgTable(
  'check_item_versions',
  {
    checkItemId: reference('check_item_id', () => checkItems.id),
    catalogueVersion: integer('catalogue_version').notNull(),
    departmentId: reference('department_id', () => departments.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    legalBasis: text('legal_basis').notNull(),
    retired: boolean('retired').notNull(),
    changedBy: reference('changed_by', () => officers.id),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkItemId, t.catalogueVersion] })],
);

export const enterprises = pgTable(
  'enterprises',
  {
    uscc: text('uscc').primaryKey(),
    name: text('name').notNull(),
    districtCode: text('district_code').notNull(),
    riskClass: text('risk_class').$type<RiskClass>().notNull(),
    industry: text('industry').notNull(),
    entityCategory: text('entity_category').$type<EntityCategory>().notNull(),
    /**
     * The full record in the shape of enterpriseSchema, as JSON text (pulls and snapshots splice it into their
     * responses); the columns above are copies for filtering.
     */
    profileJson: text('profile_json').notNull(),
    /** The profile's past inspections: the platform's own results, which the intake's rebuild of a profile keeps. */
    pastInspections: jsonb('past_inspections').$type<Enterprise['pastInspections']>().notNull().default([]),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    index('enterprises_change_seq_idx').on(t.changeSeq),
    index('enterprises_district_idx').on(t.districtCode),
    index('enterprises_name_idx').on(t.name),
    index('enterprises_risk_class_idx').on(t.riskClass),
  ],
);

export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: text('id').primaryKey(),
    unitId: reference('unit_id', () => units.id),
    name: text('name').notNull(),
    departmentIds: text('department_ids').array().notNull(),
    checkItemIds: jsonb('check_item_ids').$type<Record<string, string[]>>().notNull(),
    windowStart: date('window_start', { mode: 'string' }).notNull(),
    windowEnd: date('window_end', { mode: 'string' }).notNull(),
    // Draw parameters; null on plans that were not created for a draw (e.g. imported or demo plans).
    populationFilter: jsonb('population_filter').$type<PopulationFilter>(),
    samplingRatios: jsonb('sampling_ratios').$type<SamplingRatios>(),
    teamSize: integer('team_size'),
    /** The public future value the draw's seed comes from, published with the plan (e.g. a lottery draw). */
    seedSource: text('seed_source'),
    createdBy: text('created_by').references(() => officers.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }),
    changeSeq: changeSeqColumn(),
  },
  (t) => [index('inspection_plans_change_seq_idx').on(t.changeSeq), index('inspection_plans_unit_idx').on(t.unitId)],
);

export const inspectionTasks = pgTable(
  'inspection_tasks',
  {
    id: text('id').primaryKey(),
    planId: reference('plan_id', () => inspectionPlans.id),
    enterpriseId: reference('enterprise_id', () => enterprises.uscc),
    departmentIds: text('department_ids').array().notNull(),
    officerIds: text('officer_ids').array().notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<TaskStatus>().notNull(),
    /** Review of the completed inspection; null until every section is completed. */
    reviewStatus: text('review_status').$type<ReviewStatus>(),
    /** Asia/Shanghai date of the last section's completion: publication is due 20 working days later. */
    checkedOn: date('checked_on', { mode: 'string' }),
    approvedBy: text('approved_by').references(() => officers.id),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    index('inspection_tasks_change_seq_idx').on(t.changeSeq),
    index('inspection_tasks_review_status_idx').on(t.reviewStatus),
    index('inspection_tasks_plan_idx').on(t.planId),
    // "tasks this officer is on" is the root of an inspector's pull scope.
    index('inspection_tasks_officers_idx').using('gin', t.officerIds),
  ],
);

/** What the department's officer records, in a section and in its correction alike (fresh builders per table). */
const recordedColumns = () => ({
  itemResults: jsonb('item_results').$type<ItemResult[]>().notNull(),
  resultCategory: text('result_category').$type<ResultCategoryCode>(),
  status: text('status').$type<SectionStatus>().notNull(),
  completedBy: text('completed_by').references(() => officers.id),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  checkIn: jsonb('check_in').$type<CheckIn>(),
  teamPresent: text('team_present')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  representativeName: text('representative_name').notNull().default(''),
  /** Metadata only; the bytes are in `attachments`, keyed by sha256. */
  attachments: jsonb('attachments')
    .$type<AttachmentMeta[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  findings: text('findings').notNull().default(''),
  inspectionRefusal: jsonb('inspection_refusal').$type<InspectionRefusal>(),
  signatureRefusal: jsonb('signature_refusal').$type<SignatureRefusal>(),
  version: integer('version').notNull().default(0),
  changeSeq: changeSeqColumn(),
});

export const inspectionSections = pgTable(
  'inspection_sections',
  {
    id: text('id').primaryKey(),
    taskId: reference('task_id', () => inspectionTasks.id),
    departmentId: reference('department_id', () => departments.id),
    checkItemIds: text('check_item_ids').array().notNull(),
    ...recordedColumns(),
  },
  (t) => [index('inspection_sections_change_seq_idx').on(t.changeSeq), index('inspection_sections_task_idx').on(t.taskId)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * Attachment bytes (photos, signatures), content-addressed: the key is the sha256 of the bytes, so storing the same
 * bytes twice is one row. Kept in the database so PGlite and PostgreSQL deployments back up and move as one.
 */
export const attachments = pgTable('attachments', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  uploadedBy: reference('uploaded_by', () => officers.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Unfinished resumable uploads, one per officer and address: the bytes received so far. Moved into `attachments` once
 * complete and hash-checked; discarded on a wrong hash, and abandoned ones after UNFINISHED_UPLOAD_DAYS.
 */
export const attachmentUploads = pgTable(
  'attachment_uploads',
  {
    sha256: text('sha256').notNull(),
    uploadedBy: reference('uploaded_by', () => officers.id),
    contentType: text('content_type').notNull(),
    /** The announced size of the whole attachment. */
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.uploadedBy] })],
);

/** Corrections of returned sections: new records linked to the locked original (see sectionCorrectionSchema). */
export const sectionCorrections = pgTable(
  'section_corrections',
  {
    id: text('id').primaryKey(),
    sectionId: reference('section_id', () => inspectionSections.id),
    taskId: reference('task_id', () => inspectionTasks.id),
    departmentId: reference('department_id', () => departments.id),
    checkItemIds: text('check_item_ids').array().notNull(),
    returnReason: text('return_reason').notNull(),
    returnedBy: reference('returned_by', () => officers.id),
    returnedAt: timestamp('returned_at', { withTimezone: true, mode: 'date' }).notNull(),
    // Results and evidence as on the section: copied from it when returned, then edited by the officer.
    ...recordedColumns(),
  },
  (t) => [
    index('section_corrections_change_seq_idx').on(t.changeSeq),
    index('section_corrections_task_idx').on(t.taskId),
    index('section_corrections_section_idx').on(t.sectionId),
  ],
);

/** Bearer sessions; only the sha256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** What the officer's session list names the session by (the token hash is not shown). */
    id: text('id')
      .notNull()
      .unique()
      .default(sql`gen_random_uuid()::text`),
    officerId: reference('officer_id', () => officers.id),
    deviceId: text('device_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /**
     * Set when the device was revoked or the officer disabled: every request but uploads answers `device_revoked`
     * (`account_disabled`) (services/devices.ts, services/officers.ts).
     */
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** When the device was first answered `device_revoked`. */
    revocationToldAt: timestamp('revocation_told_at', { withTimezone: true, mode: 'date' }),
    /** When the revoked device first delivered queued work (an upload accepted after the revocation). */
    revocationUploadedAt: timestamp('revocation_uploaded_at', { withTimezone: true, mode: 'date' }),
    /** When the revoked device was told after it had delivered its queued work: from then on its uploads are refused too. */
    revocationUploadsClosedAt: timestamp('revocation_uploads_closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_officer_idx').on(t.officerId), index('sessions_device_idx').on(t.deviceId)],
);

/**
 * Which officer signed in online on which device, first and last: an offline attestation (an officer's credentials
 * checked on another officer's laptop) is accepted only from a device where that officer signed in online before, so
 * the laptop could hold their verifier. Unlike sessions, these rows are never deleted.
 */
export const officerDeviceSignIns = pgTable(
  'officer_device_sign_ins',
  {
    officerId: reference('officer_id', () => officers.id),
    deviceId: text('device_id').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.officerId, t.deviceId] })],
);

/**
 * Attestations, append-only: the endpoint checked an officer's password entered on another officer's device, for one
 * act on one task: their signature (`subject` = its sha256) or their confirmation of a refusal to sign (`subject` = the
 * section's department). A pushed signature or confirmation that names one must match it.
 */
export const attestations = pgTable(
  'attestations',
  {
    id: text('id').primaryKey(),
    officerId: reference('officer_id', () => officers.id),
    taskId: reference('task_id', () => inspectionTasks.id),
    purpose: text('purpose').$type<AttestationPurpose>().notNull(),
    subject: text('subject').notNull(),
    deviceId: text('device_id').notNull(),
    /** The officer signed in on the device, who asked for the attestation. */
    requestedBy: reference('requested_by', () => officers.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('attestations_task_idx').on(t.taskId)],
);

/** Devices an admin or supervisor revoked: no sign-in from them any more (services/devices.ts). */
export const deviceRevocations = pgTable('device_revocations', {
  deviceId: text('device_id').primaryKey(),
  revokedBy: reference('revoked_by', () => officers.id),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** What each device last told of itself at sign-in (host name, system, app version), for the device list. */
export const deviceInfo = pgTable('device_info', {
  deviceId: text('device_id').primaryKey(),
  hostName: text('host_name'),
  system: text('system').notNull(),
  appVersion: text('app_version').notNull(),
  reportedBy: reference('reported_by', () => officers.id),
  reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Push idempotency: a mutationId is applied at most once; its stored result answers replays. */
export const appliedMutations = pgTable(
  'applied_mutations',
  {
    mutationId: text('mutation_id').primaryKey(),
    officerId: reference('officer_id', () => officers.id),
    deviceId: text('device_id').notNull(),
    result: jsonb('result').$type<{ sectionId: string; version: number }>().notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // Who wrote a record's current version, asked on every conflict while the write lock is held: an index, not a scan.
    index('applied_mutations_record_version_idx').on(sql`(${t.result}->>'sectionId')`, sql`((${t.result}->>'version')::int)`),
  ],
);

/** The recusal registry (回避): officer, enterprise, reason, period. */
export const recusals = pgTable(
  'recusals',
  {
    id: text('id').primaryKey(),
    unitId: reference('unit_id', () => units.id),
    officerId: reference('officer_id', () => officers.id),
    enterpriseId: reference('enterprise_id', () => enterprises.uscc),
    reason: text('reason').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdBy: reference('created_by', () => officers.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('recusals_unit_idx').on(t.unitId), index('recusals_enterprise_idx').on(t.enterpriseId)],
);

/**
 * Draw records, append-only: the service only ever inserts (there is no update or delete path), and a plan has at
 * most one draw. `file` is the complete draw file that `npm run draw:verify` re-runs.
 */
export const drawRecords = pgTable('draw_records', {
  id: text('id').primaryKey(),
  planId: text('plan_id')
    .notNull()
    .unique()
    .references(() => inspectionPlans.id),
  seedValue: text('seed_value').notNull(),
  seed: text('seed').notNull(),
  populationHash: text('population_hash').notNull(),
  outputHash: text('output_hash').notNull(),
  ranBy: reference('ran_by', () => officers.id),
  ranAt: timestamp('ran_at', { withTimezone: true, mode: 'date' }).notNull(),
  file: jsonb('file').$type<DrawFile>().notNull(),
});

/**
 * Scope events: a record (collection, recordId) may have left (or entered) the pull scope of one officer, of every
 * officer of a unit, or (both null) of everyone. Written by triggers (task team changes, districts removed from a unit,
 * deleted rows, officers moved to another unit or role); a pull turns each `left` event after its cursor into a
 * `delete` when the record is no longer in the officer's scope, each `entered` one into an upsert when it is.
 * Kept for a retention period (services/scope.ts); older cursors get a reset answer.
 */
export const scopeEvents = pgTable(
  'scope_events',
  {
    changeSeq: changeSeqColumn(),
    collection: text('collection').notNull(),
    recordId: text('record_id').notNull(),
    officerId: text('officer_id'),
    unitId: text('unit_id'),
    /**
     * `left`: the record may have left the scope (a pull sends a delete if it is out of scope now); `entered`: it may
     * have come into the scope although the record itself did not change (an officer moved to another unit or role:
     * a pull sends it if it is in scope now).
     */
    op: text('op', { enum: ['left', 'entered'] })
      .notNull()
      .default('left'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('scope_events_change_seq_idx').on(t.changeSeq), index('scope_events_created_at_idx').on(t.createdAt)],
);

/** Small server-side sync settings; `retention_horizon`: scope events up to this change_seq have been pruned. */
export const syncState = pgTable('sync_state', {
  key: text('key').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

/**
 * The audit trail, append-only and hash-chained (services/audit.ts): each entry's hash covers its canonical JSON and
 * the previous entry's hash. A trigger refuses UPDATE, DELETE and TRUNCATE (migration 0012_administration).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Null for what no signed-in officer did (a failed sign-in, the command line). */
    actorId: text('actor_id'),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    deviceId: text('device_id'),
    /** sha256 of the canonical JSON of the record as the action left it; null when there is no record content. */
    contentHash: text('content_hash'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_record_idx').on(t.recordType, t.recordId),
  ],
);

/**
 * The intake's batches: one uploaded file of one department and kind (services/intakeUpload.ts). `counts` are what its
 * rows are now; `openReturns` how many returned rows still wait for a correction.
 */
export const intakeBatches = pgTable(
  'intake_batches',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<IntakeKind>().notNull(),
    source: reference('source', () => departments.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    encoding: text('encoding'),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    uploadedBy: reference('uploaded_by', () => officers.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    counts: jsonb('counts').$type<IntakeCounts>().notNull(),
    openReturns: integer('open_returns').notNull().default(0),
  },
  (t) => [index('intake_batches_source_period_idx').on(t.source, t.periodStart), index('intake_batches_uploaded_at_idx').on(t.uploadedAt)],
);

/**
 * Every submitted row, one revision each, never deleted: the key's current revision is what the profiles show.
 * Keyed by (enterprise_uscc, id) so the table can be distributed by enterprise together with `enterprises`
 * (docs/operations.md); rows about no enterprise (natural persons, unreadable codes) have enterprise_uscc ''.
 * `fields` hold identity-card numbers: they never leave the endpoint (masked in answers, absent from profiles).
 */
export const intakeRecords = pgTable(
  'intake_records',
  {
    enterpriseUscc: text('enterprise_uscc').notNull().default(''),
    id: text('id').notNull(),
    batchId: reference('batch_id', () => intakeBatches.id),
    row: integer('row').notNull(),
    kind: text('kind').$type<IntakeKind>().notNull(),
    source: text('source').notNull(),
    naturalKey: text('natural_key'),
    status: text('status').$type<IntakeRecordStatus>().notNull(),
    /** As written (json, not jsonb): stored and read back whole, looked into by a few lookups of small records. */
    fields: json('fields').$type<Record<string, string>>().notNull(),
    problems: jsonb('problems').$type<IntakeProblem[]>().notNull(),
    contentHash: text('content_hash').notNull(),
    current: boolean('current').notNull().default(false),
    returnState: text('return_state').$type<IntakeReturnState>(),
    clearedBy: text('cleared_by'),
    /** The return this revision cleared; the current revision it replaced. */
    clears: text('clears'),
    replaces: text('replaces'),
    endedOn: date('ended_on', { mode: 'string' }),
    endedBy: text('ended_by').$type<CleaningAction>(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseUscc, t.id] }),
    index('intake_records_id_idx').on(t.id),
    index('intake_records_batch_idx').on(t.batchId, t.row),
    index('intake_records_key_idx').on(t.kind, t.naturalKey),
    index('intake_records_returns_idx')
      .on(t.source, t.kind, t.id)
      .where(sql`status = 'returned' AND return_state = 'open'`),
    // The register (registrations accepted so far), asked for 2,000 codes per chunk of every upload.
    index('intake_records_register_idx')
      .on(t.enterpriseUscc)
      .where(sql`kind = 'registrations' AND current`),
    index('intake_records_disputed_idx')
      .on(t.id)
      .where(sql`status = 'disputed'`),
  ],
);

/** Reviewers' decisions on disputed records: one per reviewer and record, kept with who and when. */
export const intakeReviews = pgTable(
  'intake_reviews',
  {
    recordId: text('record_id').notNull(),
    reviewerId: reference('reviewer_id', () => officers.id),
    decision: text('decision').$type<IntakeReviewDecision>().notNull(),
    reason: text('reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.reviewerId] })],
);

/** Cleaning runs and their reports (services/intakeCleaning.ts). */
export const intakeCleaningRuns = pgTable('intake_cleaning_runs', {
  id: text('id').primaryKey(),
  trigger: text('trigger').$type<CleaningTrigger>().notNull(),
  startedBy: text('started_by').references(() => officers.id),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  counts: jsonb('counts').$type<Record<CleaningAction, number>>().notNull(),
  profilesChanged: integer('profiles_changed').notNull(),
  changes: jsonb('changes').$type<CleaningChange[]>().notNull(),
  truncated: boolean('truncated').notNull(),
});

/**
 * Snapshot chunks (services/snapshots.ts): a gzip-compressed JSON array of profiles, addressed by the sha256 of the
 * uncompressed text. Immutable; shared by every snapshot that holds the same profiles.
 */
export const snapshotChunks = pgTable('snapshot_chunks', {
  sha256: text('sha256').primaryKey(),
  body: bytea('body').notNull(),
  profiles: integer('profiles').notNull(),
  /** Size of the chunk's bytes as served (their parts compressed). */
  size: integer('size').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * The profiles of a jurisdiction (`scope`: its sorted district codes) as they stood at change sequence `seq`, cut into
 * `chunks` by a hash bucket of the USCC (chunks[i] holds bucket i), so a rebuild re-encodes only changed buckets.
 */
export const profileSnapshots = pgTable(
  'profile_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    scope: text('scope').notNull(),
    seq: bigint('seq', { mode: 'bigint' }).notNull(),
    chunks: text('chunks').array().notNull(),
    profiles: integer('profiles').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('profile_snapshots_scope_idx').on(t.scope, t.seq)],
);
