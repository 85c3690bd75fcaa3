// Test double of the network for unit tests: a PlatformBridge whose "server" lives in memory and follows the
// sync protocol (versions, change sequence cursor, idempotent mutation ids, conflicts on a stale base version).
import {
  draftSection,
  type Department,
  type Enterprise,
  type InspectionSection,
  type InspectionTask,
  type Officer,
} from '@shared/domain/model';
import { ApiError, type ReceivedPullPage } from '@shared/api/client';
import type { CallableOperation } from '@shared/api/operations';
import type { PlatformBridge, SessionInfo } from '@shared/bridge';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  Change,
  Mutation,
  MutationResult,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  SnapshotManifest,
} from '@shared/sync/protocol';
import { sectionStructureProblems } from '@shared/domain/sectionRules';
import { buildUscc } from '@shared/domain/uscc';
import { directoryKeys } from '@shared/domain/directory';
import { gzipSync } from 'fflate';
import { blockLines, encodeSnapshotChunk, type DecodedSnapshotChunk } from '@shared/sync/snapshotChunk';
import { pinyin } from 'pinyin-pro';

const { profileEntryOf } = directoryKeys(pinyin);

/** The JSON texts of a decoded chunk's profiles, in slot order. */
export function chunkTexts({ blocks }: DecodedSnapshotChunk): string[] {
  return blocks.flatMap(blockLines);
}

/** A snapshot chunk of these profiles, as the endpoint encodes one (services/snapshots.ts). */
export function snapshotChunkBytes(profiles: readonly Enterprise[]): Uint8Array {
  return encodeSnapshotChunk(
    {
      entries: profiles.map((profile, slot) => profileEntryOf(profile, slot)),
      texts: profiles.map((profile) => JSON.stringify(profile)),
    },
    (part) => gzipSync(part, { mtime: 0 }),
  );
}

export const OFFICER: Officer = { id: 'off-1', name: '张伟', departmentId: 'dep-amr', unitId: 'unit-1', role: 'inspector' };

export function section(id: string, overrides: Partial<InspectionSection> = {}): InspectionSection {
  return { ...draftSection({ id, taskId: 'task-1', departmentId: 'dep-amr', checkItemIds: ['ci-1', 'ci-2'] }, 1), ...overrides };
}

/** The evidence that lets a section with every item answered be completed: a result, check-in, team, representative, both signatures. */
export const completionEvidence = (place: string) =>
  ({
    resultCategory: 'no_problem_found',
    checkIn: { at: '2025-05-01T10:00:00+08:00', location: null, accuracyM: null, place, source: 'typed' },
    teamPresent: ['off-1', 'off-2'],
    representativeName: '王经理',
    attachments: (['representative_signature', 'officer_signature'] as const).map((kind) => ({
      id: kind,
      sha256: 'a'.repeat(64),
      size: 100,
      type: 'image/png' as const,
      kind,
      capturedAt: '2025-05-01T10:20:00+08:00',
    })),
  }) satisfies Partial<InspectionSection>;

/** The section with both items answered and the evidence completion asks for. */
export const answered = (s: InspectionSection): InspectionSection => ({
  ...s,
  itemResults: [
    { checkItemId: 'ci-1', outcome: 'compliant', note: '' },
    { checkItemId: 'ci-2', outcome: 'not_applicable', note: '' },
  ],
  ...completionEvidence('烟台市芝罘区南大街 1 号'),
});

/** The completing officer of `completionEvidence`: off-1, alone of their department on the task. */
export const AS_OFF1 = { officerId: 'off-1', departmentOfficerIds: ['off-1'] };

export function task(id: string, overrides: Partial<InspectionTask> = {}): InspectionTask {
  return {
    id,
    planId: 'plan-1',
    enterpriseId: '91370602MA3C4XYZ0Q',
    departmentIds: ['dep-amr'],
    officerIds: ['off-1', 'off-2'],
    dueDate: '2025-06-30',
    status: 'assigned',
    ...overrides,
  };
}

/** A credit profile with a valid USCC as its id; `n` picks the number, `overrides` anything else. */
export function enterprise(n: number, overrides: Partial<Enterprise> = {}): Enterprise {
  const uscc = buildUscc('9', '1', '370602', `MA${String(n).padStart(6, '0')}`);
  return {
    id: uscc,
    uscc,
    name: `烟台测试企业${n}有限公司`,
    legalRepresentative: '张三',
    address: `烟台市芝罘区测试路${n}号`,
    districtCode: '370602',
    industry: n % 2 === 0 ? '批发和零售业' : '餐饮业',
    entityCategory: 'enterprise',
    registeredCapitalYuan: 1_000_000,
    establishedOn: '2015-03-01',
    location: { lng: 121.4 + n / 10_000, lat: 37.5 },
    riskClass: 'B',
    lighthouseScore: 700,
    lighthouseEvents: [],
    redList: [],
    blackList: [],
    dishonestDebtors: [],
    penalties: [],
    creditRepairs: [],
    pastInspections: [],
    ...overrides,
  };
}

/** Cursor positions per log generation (see compact). */
const GENERATION = 1_000_000;

export class MemoryServer {
  readonly log: Change[] = [];
  readonly sections = new Map<string, InspectionSection>();
  readonly seenMutations = new Map<string, number>();
  pushCalls: Mutation[][] = [];
  /** Attachment bytes by sha256, and the order in which uploads and pushes arrived (`put:<sha>`, `push:<section id>`). */
  readonly attachments = new Map<string, Uint8Array>();
  readonly arrivals: string[] = [];
  /** An attachment the server refuses, as the endpoint refuses bytes that do not match their hash. */
  refuseSha256: string | null = null;
  /** Sections the endpoint fails to store (a database fault): answered rejected and failed, the others applied. */
  readonly failingSections = new Set<string>();
  /** Sections whose data the contract refuses: a batch holding one is answered 400 as a whole. */
  readonly invalidSections = new Set<string>();
  pullCalls: PullQuery[] = [];
  offline = false;
  /** The device was revoked on the server (see services/devices.ts). */
  revoked = false;
  /** Bumped by compact(); cursors of an earlier generation are answered with a cursor reset (HTTP 410). */
  private generation = 0;
  /** Called before each pull is answered, so a test can interleave local edits. */
  beforePullAnswer: (() => Promise<void>) | null = null;
  /** Profiles per snapshot chunk; null: the server offers no snapshot (answered 404), so a first sync pulls profiles. */
  snapshotChunkProfiles: number | null = null;
  /** Snapshot chunks by address, as the endpoint keeps them; a test deletes one to model a dropped snapshot. */
  readonly snapshotChunks = new Map<string, Uint8Array>();
  /** Every chunk download asked for, in order. */
  readonly chunkDownloads: string[] = [];
  /** Called before each chunk is answered (a test fails or holds one). */
  beforeChunkAnswer: ((sha256: string) => Promise<void>) | null = null;

  record(change: Change): void {
    this.log.push(change);
    if (change.collection === 'sections' && change.op === 'upsert') this.sections.set(change.id, change.data);
  }

  /** Prunes the log to the current records (deletes forgotten), as retention does: older cursors get a reset. */
  compact(): void {
    const current = new Map<string, Change>();
    for (const change of this.log) {
      const key = `${change.collection}\u0000${change.id}`;
      current.delete(key);
      if (change.op === 'upsert') current.set(key, change);
    }
    this.log.splice(0, this.log.length, ...current.values());
    this.generation++;
  }

  /** The profiles the log holds now, in chunks, at the current position (the endpoint's services/snapshots.ts). */
  snapshot(): SnapshotManifest {
    const profiles = new Map<string, Enterprise>();
    for (const change of this.log) {
      if (change.collection !== 'enterprises') continue;
      if (change.op === 'upsert') profiles.set(change.id, change.data);
      else profiles.delete(change.id);
    }
    const all = [...profiles.values()];
    const chunks: SnapshotManifest['chunks'] = [];
    for (let start = 0; start < all.length; start += this.snapshotChunkProfiles!) {
      const slice = all.slice(start, start + this.snapshotChunkProfiles!);
      const bytes = snapshotChunkBytes(slice);
      const address = bytesToHex(sha256(bytes));
      this.snapshotChunks.set(address, bytes);
      chunks.push({ sha256: address, profiles: slice.length, size: bytes.byteLength });
    }
    return { seq: String(this.generation * GENERATION + this.log.length), profiles: all.length, chunks };
  }

  upsertSection(s: InspectionSection): void {
    this.record({ op: 'upsert', collection: 'sections', id: s.id, data: s });
  }

  upsertDepartment(d: Department): void {
    this.record({ op: 'upsert', collection: 'departments', id: d.id, data: d });
  }

  /** Someone else writes the section on the server. */
  bumpSection(id: string, change: Partial<InspectionSection>): InspectionSection {
    const current = this.sections.get(id);
    if (!current) throw new Error(`no section ${id}`);
    const next = { ...current, ...change, version: current.version + 1 };
    this.upsertSection(next);
    return next;
  }

  private applyMutation(m: Mutation): MutationResult {
    const seen = this.seenMutations.get(m.mutationId);
    if (seen !== undefined) return { mutationId: m.mutationId, status: 'duplicate', version: seen };
    const current = this.sections.get(m.id);
    if (!current) return { mutationId: m.mutationId, status: 'rejected', errors: [`unknown section ${m.id}`] };
    if (this.failingSections.has(m.id)) return { mutationId: m.mutationId, status: 'rejected', failed: true, errors: ['storage fault'] };
    const problems = sectionStructureProblems(m.data);
    if (problems.length > 0) return { mutationId: m.mutationId, status: 'rejected', errors: problems.map((p) => p.code) };
    if (m.baseVersion !== current.version) return { mutationId: m.mutationId, status: 'conflict', current };
    const next = { ...m.data, version: current.version + 1 };
    this.upsertSection(next);
    this.seenMutations.set(m.mutationId, next.version);
    return { mutationId: m.mutationId, status: 'applied', version: next.version };
  }

  /** Pushes a batch as the endpoint does: each mutation applied in turn, the arrival order recorded. */
  private push(mutations: Mutation[]): PushResponse {
    this.pushCalls.push(mutations);
    const invalid = mutations.findIndex((m) => this.invalidSections.has(m.id));
    if (invalid >= 0) throw new ApiError('invalid_request', `invalid push request: mutations.${invalid}.data: refused text`, 400);
    for (const m of mutations) this.arrivals.push(`push:${m.id}`);
    return { results: mutations.map((m) => this.applyMutation(m)) };
  }

  /** The session, sync, attachment and review calls of the bridge; plans, draws, devices and the intake are not modelled here. */
  bridge(): PlatformBridge {
    const session: SessionInfo = { officer: OFFICER, expiresAt: '2099-01-01T00:00:00+08:00' };
    const networkError = () => Object.assign(new Error('cannot reach the endpoint'), { kind: 'network' });
    const call = async (name: CallableOperation, input?: { body?: unknown }): Promise<unknown> => {
      if (this.offline) throw networkError();
      if (name === 'sync.push') return this.push((input?.body as Pick<PushRequest, 'mutations'>).mutations);
      if (name === 'sync.snapshot' && this.snapshotChunkProfiles) return this.snapshot();
      // The memory server's officer is an inspector: the endpoint refuses review and publication to them.
      if (name.startsWith('review.') || name.startsWith('publication.'))
        throw new ApiError('forbidden', 'only supervisors review and publish inspections; your role is inspector', 403);
      throw new ApiError('invalid_request', `${name} is not modelled by the memory server`, 404);
    };
    return {
      getAppInfo: async () => ({ host: 'web', version: 'test', serverUrl: 'memory:', deviceId: 'device-1' }),
      login: async () => session,
      logout: async () => {},
      changePassword: async () => session,
      getSession: async () => session,
      call: call as PlatformBridge['call'],
      putAttachment: async ({ sha256, bytes }) => {
        if (this.offline) throw networkError();
        if (sha256 === this.refuseSha256)
          throw Object.assign(new Error('the bytes do not match their address'), { kind: 'invalid_request', status: 422 });
        this.arrivals.push(`put:${sha256}`);
        this.attachments.set(sha256, bytes);
        return { sha256, size: bytes.byteLength };
      },
      exportRecordPdf: async () => ({ path: null }),
      uploadIntakeFile: () => Promise.reject(new ApiError('invalid_request', 'the intake is not modelled by the memory server', 404)),
      getIntakeReturnsFile: () => Promise.reject(new ApiError('invalid_request', 'the intake is not modelled by the memory server', 404)),
      getAttachment: async (sha256) => {
        if (this.offline) throw networkError();
        this.arrivals.push(`get:${sha256}`);
        const bytes = this.attachments.get(sha256);
        if (!bytes) throw Object.assign(new Error(`no attachment ${sha256}`), { kind: 'invalid_request', status: 404 });
        return bytes;
      },
      getSnapshotChunk: async (address) => {
        if (this.offline) throw networkError();
        this.chunkDownloads.push(address);
        if (this.beforeChunkAnswer) await this.beforeChunkAnswer(address);
        const bytes = this.snapshotChunks.get(address);
        if (!bytes) throw new ApiError('invalid_request', `no snapshot chunk ${address}`, 404);
        return bytes.slice();
      },
      pull: async (query): Promise<ReceivedPullPage> => {
        if (this.offline) throw networkError();
        // Like the endpoint: a revoked device may still push, but its pull learns the revocation.
        if (this.revoked) throw Object.assign(new Error('this device was revoked'), { kind: 'device_revoked', status: 401 });
        this.pullCalls.push(query);
        if (this.beforePullAnswer) await this.beforePullAnswer();
        const position = query.cursor ? Number(query.cursor) : 0;
        if (query.cursor && Math.floor(position / GENERATION) !== this.generation)
          throw new ApiError('cursor_reset', 'the cursor is older than the retention', 410);
        const snapshot = query.snapshot ? Number(query.snapshot) : 0;
        if (query.snapshot && Math.floor(snapshot / GENERATION) !== this.generation)
          throw new ApiError('cursor_reset', 'the snapshot is older than the retention', 410);
        const from = query.cursor ? position % GENERATION : 0;
        const limit = Number(query.limit ?? 1000);
        const slice = this.log.slice(from, from + limit);
        // Profiles up to the snapshot are on the device already, as they stood then.
        const held = snapshot % GENERATION;
        const changes = slice.filter((change, i) => change.collection !== 'enterprises' || from + i >= held);
        const next = from + slice.length;
        const page: PullResponse = {
          changes,
          cursor: String(this.generation * GENERATION + (next < this.log.length ? next : Math.max(next, held))),
          hasMore: next < this.log.length,
          ...(query.remaining
            ? { remaining: this.log.slice(next).filter((change, i) => change.collection !== 'enterprises' || next + i >= held).length }
            : {}),
        };
        return { ...page, bytes: JSON.stringify(page).length };
      },
    };
  }
}
