// The table of remote operations: one row per call of the endpoint, version 1 of its HTTP contract. The client
// (`ApiClient.call`), the bridges (main's IPC validation, the preload's allow-list) and the endpoint's routes all derive
// from these rows; nothing else restates a method, a path or a schema.
import { z } from 'zod';
import { recusalSchema } from '../domain/model';
import { drawFileSchema } from '../draw/schema';
import { progressSummarySchema } from '../review/progress';
import {
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  snapshotChunkBytesSchema,
  snapshotChunkParamsSchema,
  snapshotManifestSchema,
  snapshotQuerySchema,
} from '../sync/protocol';
import { attachmentBytesSchema, attachmentParamsSchema, attachmentReceiptSchema } from './attachments';
import {
  attestationListQuerySchema,
  attestationListSchema,
  attestationResponseSchema,
  confirmRefusalRequestSchema,
  createAttestationRequestSchema,
} from './attestations';
import {
  changePasswordRequestSchema,
  healthResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  ownSessionListSchema,
  sessionEndedSchema,
  sessionIdParamsSchema,
} from './auth';
import {
  catalogueChangeSchema,
  checkItemFieldsSchema,
  checkItemIdParamsSchema,
  createOfficerRequestSchema,
  departmentCatalogueListSchema,
  departmentCatalogueSchema,
  departmentFieldsSchema,
  departmentIdParamsSchema,
  officerAccountListSchema,
  officerAccountSchema,
  officerFieldsSchema,
  officerIdParamsSchema,
  temporaryPasswordResponseSchema,
  unitFieldsSchema,
  unitIdParamsSchema,
  unitListSchema,
} from './admin';
import { auditExportQuerySchema, auditExportSchema, auditListSchema, auditQuerySchema } from './audit';
import { unitSchema } from '../domain/model';
import {
  cleaningReportResponseSchema,
  cleaningRunListQuerySchema,
  cleaningRunListResponseSchema,
  cleaningRunParamsSchema,
  intakeBatchListQuerySchema,
  intakeBatchListResponseSchema,
  intakeBatchParamsSchema,
  intakeBatchResponseSchema,
  intakeDecisionResponseSchema,
  intakeDisputeListQuerySchema,
  intakeDisputeListResponseSchema,
  intakeFileBytesSchema,
  intakeOverviewQuerySchema,
  intakeOverviewSchema,
  intakeRecordListQuerySchema,
  intakeRecordListResponseSchema,
  intakeRecordParamsSchema,
  intakeRecordResponseSchema,
  intakeRejectRequestSchema,
  intakeReturnListQuerySchema,
  intakeReturnListResponseSchema,
  intakeReturnsFileQuerySchema,
  intakeUploadBodySchema,
  intakeUploadQuerySchema,
} from './intake';
import { deviceIdParamsSchema, deviceListResponseSchema, deviceRevocationSchema } from './devices';
import {
  createPlanRequestSchema,
  createRecusalRequestSchema,
  drawViewSchema,
  endRecusalRequestSchema,
  planDetailSchema,
  planIdParamsSchema,
  planListResponseSchema,
  populationRequestSchema,
  populationResponseSchema,
  publicityExportSchema,
  recusalIdParamsSchema,
  recusalListResponseSchema,
  runDrawRequestSchema,
} from './plans';
import {
  progressQuerySchema,
  publicationExportQuerySchema,
  publicationExportSchema,
  publishRequestSchema,
  publishResponseSchema,
  returnSectionRequestSchema,
  reviewActionResponseSchema,
  reviewQueueQuerySchema,
  reviewQueueResponseSchema,
  taskIdParamsSchema,
} from './review';

export const API_PREFIX = '/api/v1';

/**
 * Who may call an operation: anyone (`none`), a signed-in officer of a device that is not revoked (`signedIn`), or a
 * signed-in officer whose device may be revoked but has not been told yet (`upload`: its queued work still arrives).
 */
export type Access = 'none' | 'signedIn' | 'upload';

export interface OperationRow {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  /** Below API_PREFIX; each `:name` segment is a field of `params`. */
  path: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  output: z.ZodType;
  /** Status of a successful answer when it is not 200. */
  status?: 201;
  /** `body.deviceId` is the host's to fill in: the renderer never sends it, and cannot choose it. */
  deviceBound?: true;
  /**
   * Bytes, not JSON, in the body or the answer: the client offers it as a named method (putAttachment, getAttachment)
   * and the endpoint's plugin parses the body with its own limit. Not callable through the bridges' generic `call`.
   */
  raw?: true;
  /** Answers a token, or ends the host's session: only the hosts call it (sign-out, password change), never `call`. */
  hostOnly?: true;
  /** Still answered while the officer must change their password (everything else is refused until then). */
  beforePasswordChange?: true;
}

export const operations = {
  'system.health': { method: 'GET', path: '/health', access: 'none', output: healthResponseSchema },
  'auth.login': { method: 'POST', path: '/auth/login', access: 'none', body: loginRequestSchema, output: loginResponseSchema },
  /** Ends the calling session on the endpoint: its token is refused from then on. */
  'auth.logout': {
    method: 'POST',
    path: '/auth/logout',
    access: 'signedIn',
    output: sessionEndedSchema,
    hostOnly: true,
    beforePasswordChange: true,
  },
  /** Changes the caller's password; every other session of theirs ends and the caller's device gets a new token. */
  'auth.changePassword': {
    method: 'POST',
    path: '/auth/password',
    access: 'signedIn',
    body: changePasswordRequestSchema,
    output: loginResponseSchema,
    hostOnly: true,
    beforePasswordChange: true,
  },
  'auth.sessions': { method: 'GET', path: '/auth/sessions', access: 'signedIn', output: ownSessionListSchema },
  'auth.endSession': {
    method: 'POST',
    path: '/auth/sessions/:sessionId/end',
    access: 'signedIn',
    params: sessionIdParamsSchema,
    output: sessionEndedSchema,
  },

  // The pull page is a named exception in the client too (its byte count, and a check of its envelope only).
  'sync.pull': { method: 'GET', path: '/sync/pull', access: 'signedIn', query: pullQuerySchema, output: pullResponseSchema },
  /** The snapshot a first sync bootstraps the jurisdiction's profiles from (protocol.ts SnapshotManifest). */
  'sync.snapshot': {
    method: 'GET',
    path: '/sync/snapshot',
    access: 'signedIn',
    query: snapshotQuerySchema,
    output: snapshotManifestSchema,
  },
  /**
   * A snapshot chunk's bytes (snapshotChunk.ts: its parts compressed) by its address: a named exception like attachment
   * bytes (getSnapshotChunk), checked against its address and parsed where it is stored.
   */
  'sync.snapshotChunk': {
    method: 'GET',
    path: '/sync/snapshot/chunks/:sha256',
    access: 'signedIn',
    params: snapshotChunkParamsSchema,
    output: snapshotChunkBytesSchema,
    raw: true,
  },
  'sync.push': {
    method: 'POST',
    path: '/sync/push',
    access: 'upload',
    body: pushRequestSchema,
    output: pushResponseSchema,
    deviceBound: true,
  },

  'attachments.put': {
    method: 'PUT',
    path: '/attachments/:sha256',
    access: 'upload',
    params: attachmentParamsSchema,
    body: attachmentBytesSchema,
    output: attachmentReceiptSchema,
    raw: true,
  },
  'attachments.head': {
    method: 'HEAD',
    path: '/attachments/:sha256',
    access: 'upload',
    params: attachmentParamsSchema,
    output: z.void(),
    raw: true,
  },
  'attachments.get': {
    method: 'GET',
    path: '/attachments/:sha256',
    access: 'signedIn',
    params: attachmentParamsSchema,
    output: attachmentBytesSchema,
    raw: true,
  },

  /** Another officer present vouches, with their own credentials, for their signature or confirmation on this device. */
  'attestations.create': {
    method: 'POST',
    path: '/attestations',
    access: 'signedIn',
    body: createAttestationRequestSchema,
    output: attestationResponseSchema,
    status: 201,
  },
  /** An officer present confirms a refusal to sign on their own device, signed in as themselves. */
  'attestations.confirmRefusal': {
    method: 'POST',
    path: '/attestations/refusal-confirmations',
    access: 'signedIn',
    body: confirmRefusalRequestSchema,
    output: attestationResponseSchema,
    status: 201,
  },
  /** The attestations of a task, for its team: the officer recording a section picks up a confirmation made elsewhere. */
  'attestations.list': {
    method: 'GET',
    path: '/attestations',
    access: 'signedIn',
    query: attestationListQuerySchema,
    output: attestationListSchema,
  },

  'devices.list': { method: 'GET', path: '/devices', access: 'signedIn', output: deviceListResponseSchema },
  'devices.revoke': {
    method: 'POST',
    path: '/devices/:deviceId/revoke',
    access: 'signedIn',
    params: deviceIdParamsSchema,
    output: deviceRevocationSchema,
  },

  'review.queue': {
    method: 'GET',
    path: '/review/queue',
    access: 'signedIn',
    query: reviewQueueQuerySchema,
    output: reviewQueueResponseSchema,
  },
  'review.progress': {
    method: 'GET',
    path: '/review/progress',
    access: 'signedIn',
    query: progressQuerySchema,
    output: progressSummarySchema,
  },
  'review.approve': {
    method: 'POST',
    path: '/review/tasks/:taskId/approve',
    access: 'signedIn',
    params: taskIdParamsSchema,
    output: reviewActionResponseSchema,
  },
  'review.return': {
    method: 'POST',
    path: '/review/tasks/:taskId/return',
    access: 'signedIn',
    params: taskIdParamsSchema,
    body: returnSectionRequestSchema,
    output: reviewActionResponseSchema,
  },
  'publication.publish': {
    method: 'POST',
    path: '/publication/publish',
    access: 'signedIn',
    body: publishRequestSchema,
    output: publishResponseSchema,
  },
  // `format=csv` answers the same list as a CSV download (for spreadsheet users); the app asks for JSON.
  'publication.export': {
    method: 'GET',
    path: '/publication/export',
    access: 'signedIn',
    query: publicationExportQuerySchema,
    output: publicationExportSchema,
  },

  'plans.list': { method: 'GET', path: '/plans', access: 'signedIn', output: planListResponseSchema },
  'plans.create': {
    method: 'POST',
    path: '/plans',
    access: 'signedIn',
    body: createPlanRequestSchema,
    output: planDetailSchema,
    status: 201,
  },
  /** The population a plan's draw would be drawn from, per risk class, and the inspectors it would draw teams from. */
  'plans.population': {
    method: 'POST',
    path: '/plans/population',
    access: 'signedIn',
    body: populationRequestSchema,
    output: populationResponseSchema,
  },
  'recusals.list': { method: 'GET', path: '/recusals', access: 'signedIn', output: recusalListResponseSchema },
  'recusals.create': {
    method: 'POST',
    path: '/recusals',
    access: 'signedIn',
    body: createRecusalRequestSchema,
    output: recusalSchema,
    status: 201,
  },
  'recusals.end': {
    method: 'POST',
    path: '/recusals/:recusalId/end',
    access: 'signedIn',
    params: recusalIdParamsSchema,
    body: endRecusalRequestSchema,
    output: recusalSchema,
  },
  'draws.run': {
    method: 'POST',
    path: '/plans/:planId/draw',
    access: 'signedIn',
    params: planIdParamsSchema,
    body: runDrawRequestSchema,
    output: drawViewSchema,
    status: 201,
  },
  'draws.get': { method: 'GET', path: '/plans/:planId/draw', access: 'signedIn', params: planIdParamsSchema, output: drawViewSchema },
  /** The complete draw file, for auditors and `npm run draw:verify`. */
  'draws.file': { method: 'GET', path: '/plans/:planId/draw/file', access: 'signedIn', params: planIdParamsSchema, output: drawFileSchema },
  /** The publicity export of a drawn plan: public fields only. */
  'draws.publicity': {
    method: 'GET',
    path: '/plans/:planId/publicity',
    access: 'signedIn',
    params: planIdParamsSchema,
    output: publicityExportSchema,
  },

  // Administration: admins only (services ask access/policy.ts).
  'admin.officers.list': { method: 'GET', path: '/admin/officers', access: 'signedIn', output: officerAccountListSchema },
  'admin.officers.create': {
    method: 'POST',
    path: '/admin/officers',
    access: 'signedIn',
    body: createOfficerRequestSchema,
    output: temporaryPasswordResponseSchema,
    status: 201,
  },
  'admin.officers.update': {
    method: 'PUT',
    path: '/admin/officers/:officerId',
    access: 'signedIn',
    params: officerIdParamsSchema,
    body: officerFieldsSchema,
    output: officerAccountSchema,
  },
  'admin.officers.disable': {
    method: 'POST',
    path: '/admin/officers/:officerId/disable',
    access: 'signedIn',
    params: officerIdParamsSchema,
    output: officerAccountSchema,
  },
  'admin.officers.enable': {
    method: 'POST',
    path: '/admin/officers/:officerId/enable',
    access: 'signedIn',
    params: officerIdParamsSchema,
    output: officerAccountSchema,
  },
  'admin.officers.resetPassword': {
    method: 'POST',
    path: '/admin/officers/:officerId/reset-password',
    access: 'signedIn',
    params: officerIdParamsSchema,
    output: temporaryPasswordResponseSchema,
  },
  'admin.units.list': { method: 'GET', path: '/admin/units', access: 'signedIn', output: unitListSchema },
  'admin.units.create': {
    method: 'POST',
    path: '/admin/units',
    access: 'signedIn',
    body: unitFieldsSchema,
    output: unitSchema,
    status: 201,
  },
  'admin.units.update': {
    method: 'PUT',
    path: '/admin/units/:unitId',
    access: 'signedIn',
    params: unitIdParamsSchema,
    body: unitFieldsSchema,
    output: unitSchema,
  },
  'admin.departments.list': { method: 'GET', path: '/admin/departments', access: 'signedIn', output: departmentCatalogueListSchema },
  'admin.departments.create': {
    method: 'POST',
    path: '/admin/departments',
    access: 'signedIn',
    body: departmentFieldsSchema,
    output: departmentCatalogueSchema,
    status: 201,
  },
  'admin.departments.update': {
    method: 'PUT',
    path: '/admin/departments/:departmentId',
    access: 'signedIn',
    params: departmentIdParamsSchema,
    body: departmentFieldsSchema,
    output: departmentCatalogueSchema,
  },
  'admin.checkItems.create': {
    method: 'POST',
    path: '/admin/departments/:departmentId/check-items',
    access: 'signedIn',
    params: departmentIdParamsSchema,
    body: checkItemFieldsSchema,
    output: catalogueChangeSchema,
    status: 201,
  },
  'admin.checkItems.update': {
    method: 'PUT',
    path: '/admin/check-items/:checkItemId',
    access: 'signedIn',
    params: checkItemIdParamsSchema,
    body: checkItemFieldsSchema,
    output: catalogueChangeSchema,
  },
  'admin.checkItems.retire': {
    method: 'POST',
    path: '/admin/check-items/:checkItemId/retire',
    access: 'signedIn',
    params: checkItemIdParamsSchema,
    output: catalogueChangeSchema,
  },
  'audit.list': { method: 'GET', path: '/audit', access: 'signedIn', query: auditQuerySchema, output: auditListSchema },
  /** A contiguous range of the chain with its hashes, for auditors (the app saves it as a JSON file). */
  'audit.export': { method: 'GET', path: '/audit/export', access: 'signedIn', query: auditExportQuerySchema, output: auditExportSchema },
  // The city platform's intake (src/shared/api/intake.ts). The upload streams the file as the body (a named raw
  // exception with its own limit, like attachment bytes); so does the returns file's download.
  'intake.upload': {
    method: 'POST',
    path: '/intake/batches',
    access: 'signedIn',
    query: intakeUploadQuerySchema,
    body: intakeUploadBodySchema,
    output: intakeBatchResponseSchema,
    status: 201,
    raw: true,
  },
  'intake.batches': {
    method: 'GET',
    path: '/intake/batches',
    access: 'signedIn',
    query: intakeBatchListQuerySchema,
    output: intakeBatchListResponseSchema,
  },
  'intake.batch': {
    method: 'GET',
    path: '/intake/batches/:batchId',
    access: 'signedIn',
    params: intakeBatchParamsSchema,
    output: intakeBatchResponseSchema,
  },
  'intake.records': {
    method: 'GET',
    path: '/intake/batches/:batchId/records',
    access: 'signedIn',
    params: intakeBatchParamsSchema,
    query: intakeRecordListQuerySchema,
    output: intakeRecordListResponseSchema,
  },
  'intake.record': {
    method: 'GET',
    path: '/intake/records/:recordId',
    access: 'signedIn',
    params: intakeRecordParamsSchema,
    output: intakeRecordResponseSchema,
  },
  'intake.disputes': {
    method: 'GET',
    path: '/intake/disputes',
    access: 'signedIn',
    query: intakeDisputeListQuerySchema,
    output: intakeDisputeListResponseSchema,
  },
  'intake.approve': {
    method: 'POST',
    path: '/intake/disputes/:recordId/approve',
    access: 'signedIn',
    params: intakeRecordParamsSchema,
    output: intakeDecisionResponseSchema,
  },
  'intake.reject': {
    method: 'POST',
    path: '/intake/disputes/:recordId/reject',
    access: 'signedIn',
    params: intakeRecordParamsSchema,
    body: intakeRejectRequestSchema,
    output: intakeDecisionResponseSchema,
  },
  'intake.returns': {
    method: 'GET',
    path: '/intake/returns',
    access: 'signedIn',
    query: intakeReturnListQuerySchema,
    output: intakeReturnListResponseSchema,
  },
  /** The open returns as the kind's template with a problems column (CSV or XLSX bytes). */
  'intake.returnsFile': {
    method: 'GET',
    path: '/intake/returns/file',
    access: 'signedIn',
    query: intakeReturnsFileQuerySchema,
    output: intakeFileBytesSchema,
    raw: true,
  },
  'intake.overview': {
    method: 'GET',
    path: '/intake/overview',
    access: 'signedIn',
    query: intakeOverviewQuerySchema,
    output: intakeOverviewSchema,
  },
  'intake.cleaningRuns': {
    method: 'GET',
    path: '/intake/cleaning-runs',
    access: 'signedIn',
    query: cleaningRunListQuerySchema,
    output: cleaningRunListResponseSchema,
  },
  'intake.startCleaningRun': {
    method: 'POST',
    path: '/intake/cleaning-runs',
    access: 'signedIn',
    output: cleaningReportResponseSchema,
    status: 201,
  },
  'intake.cleaningRun': {
    method: 'GET',
    path: '/intake/cleaning-runs/:runId',
    access: 'signedIn',
    params: cleaningRunParamsSchema,
    output: cleaningReportResponseSchema,
  },
} as const satisfies Record<string, OperationRow>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export const OPERATION_NAMES = Object.keys(operations) as OperationName[];

/** An object type without properties: what a part that needs nothing is. */
type Nothing = Record<never, never>;
type Part<K extends string, S> = S extends z.ZodType
  ? Nothing extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : unknown;
type ParsedPart<K extends string, S> = S extends z.ZodType ? { [P in K]: z.output<S> } : unknown;
type Field<R, K extends string> = R extends { [P in K]: infer S } ? S : undefined;
type Flatten<T> = { [K in keyof T]: T[K] };

/** What a caller sends: the row's params, query and body (each only where the row has one), before parsing. */
export type OperationInput<N extends OperationName> = Flatten<
  Part<'params', Field<Operations[N], 'params'>> & Part<'query', Field<Operations[N], 'query'>> & Part<'body', Field<Operations[N], 'body'>>
>;
/** What a handler receives: the input after the row's schemas parsed it (defaults applied). */
export type ParsedInput<N extends OperationName> = Flatten<
  ParsedPart<'params', Field<Operations[N], 'params'>> &
    ParsedPart<'query', Field<Operations[N], 'query'>> &
    ParsedPart<'body', Field<Operations[N], 'body'>>
>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;
/** The input argument of a call: optional where the row needs nothing. */
export type InputArgs<I> = Nothing extends I ? [input?: I] : [input: I];

/** Operations the renderer may call through its bridge: signed-in JSON calls (sign-in, bytes and tokens are host functions). */
export type CallableOperation = {
  [N in OperationName]: Operations[N] extends { access: 'none' } | { raw: true } | { hostOnly: true } ? never : N;
}[OperationName];
export const CALLABLE_OPERATIONS = OPERATION_NAMES.filter(
  (name): name is CallableOperation =>
    operations[name].access !== 'none' && !('raw' in operations[name]) && !('hostOnly' in operations[name]),
);
export function isCallableOperation(name: unknown): name is CallableOperation {
  return typeof name === 'string' && (CALLABLE_OPERATIONS as readonly string[]).includes(name);
}

/** A callable operation's input as the renderer sends it: a device-bound body without its deviceId. */
export type BridgeInput<N extends CallableOperation> = Operations[N] extends { deviceBound: true; body: z.ZodObject }
  ? Flatten<Omit<OperationInput<N>, 'body'> & { body: Omit<z.input<Operations[N]['body']>, 'deviceId'> }>
  : OperationInput<N>;

/** The schema a host checks a renderer's input against: the row's parts, a device-bound body without its deviceId. */
export function bridgeInputSchema(name: CallableOperation): z.ZodType {
  const row: OperationRow = operations[name];
  const body = row.deviceBound && row.body instanceof z.ZodObject ? row.body.omit({ deviceId: true }) : row.body;
  const shape: Record<string, z.ZodType> = {};
  if (row.params) shape.params = row.params;
  if (row.query) shape.query = emptyObjectIsOptional(row.query);
  if (body) shape.body = body instanceof z.ZodObject ? emptyObjectIsOptional(body) : body;
  return z
    .object(shape)
    .strict()
    .optional()
    .transform((input) => input ?? {});
}

// A part whose fields are all optional may be left out, as the types allow; one with required fields is then refused.
const emptyObjectIsOptional = (schema: z.ZodObject) => z.preprocess((value) => value ?? {}, schema);

/** A renderer's parsed input completed by its host: a device-bound body gets the host's device id. */
export function withDeviceId<N extends CallableOperation>(name: N, input: BridgeInput<N>, deviceId: string): OperationInput<N> {
  const row: OperationRow = operations[name];
  if (!row.deviceBound) return input as OperationInput<N>;
  const { body, ...rest } = input as { body?: object };
  return { ...rest, body: { ...body, deviceId } } as unknown as OperationInput<N>;
}

/** The row's path with its params filled in, each segment URL-encoded. */
export function operationPath(name: OperationName, params: Record<string, unknown> = {}): string {
  return operations[name].path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === null || value === '') throw new Error(`${name}: missing path parameter ${key}`);
    return encodeURIComponent(String(value));
  });
}
