import type { LoginResponse } from '@shared/api/auth';
import type { DeviceSummary } from '@shared/api/devices';
import type { IntakeBatch } from '@shared/api/intake';
import type { DrawView, PlanDetail } from '@shared/api/plans';

export const loginResponse: LoginResponse = {
  token: 'tok_0123456789abcdefghijklmnopqrstuvwxyz',
  officer: { id: 'officer-inspector01', name: '王敏', departmentId: 'dept-samr', unitId: 'unit-zhifu', role: 'inspector' },
  expiresAt: '2030-01-01T08:00:00.000Z',
};

/** A device in use, as `devices.list` answers: one officer, one session, not revoked. */
export const deviceSummary = (overrides: Partial<DeviceSummary> = {}): DeviceSummary => ({
  deviceId: 'laptop 7',
  hostName: 'ZFQ-LAPTOP-07',
  system: 'Windows 10.0.19045 (x64)',
  appVersion: '1.0.0',
  officers: [{ id: 'officer-inspector01', name: '王敏' }],
  firstSeenAt: '2029-05-01T01:00:00.000Z',
  lastSeenAt: '2029-05-31T09:00:00.000Z',
  activeSessions: 1,
  revokedAt: null,
  revokedBy: null,
  ...overrides,
});

const hash = (c: string) => c.repeat(64);

export const planDetail: PlanDetail = {
  id: 'plan-1',
  unitId: 'unit-zhifu',
  name: '2025年第三季度联合抽查',
  departmentIds: ['dept-samr', 'dept-tax'],
  checkItemIds: { 'dept-samr': ['ci-1'], 'dept-tax': ['ci-2'] },
  windowStart: '2025-07-01',
  windowEnd: '2025-09-30',
  populationFilter: { districtCodes: ['370602'], industries: [], entityCategories: [] },
  samplingRatios: { A: 1, B: 3, C: 10, D: 100, E: 100 },
  teamSize: 2,
  seedSource: '福彩3D 2025年第180期开奖号码',
  createdBy: 'officer-supervisor01',
  createdAt: '2025-06-20T02:00:00.000Z',
  draw: null,
};

export const drawView: DrawView = {
  planId: 'plan-1',
  summary: {
    recordId: 'draw-1',
    seedValue: '3 8 1',
    seed: hash('a'),
    populationHash: hash('b'),
    outputHash: hash('c'),
    ranBy: 'officer-supervisor01',
    ranAt: '2025-07-01T02:00:00.000Z',
    populationSize: 40,
    drawnCount: 1,
  },
  workload: { officers: 2, minTasks: 1, maxTasks: 1, spread: 0, meanTasks: 1 },
  teams: [
    {
      taskId: 'plan-1-91370602MA3C4XYZ0Q',
      enterpriseId: '91370602MA3C4XYZ0Q',
      enterpriseName: '烟台海润食品有限公司',
      districtCode: '370602',
      officers: [
        { id: 'officer-inspector01', name: '王敏', username: 'inspector01', departmentId: 'dept-samr' },
        { id: 'officer-tax01', name: '李强', username: 'tax01', departmentId: 'dept-tax' },
      ],
    },
  ],
};

/** A penalty batch as the endpoint answers an upload: three rows, one returned and one disputed. */
export const intakeBatch: IntakeBatch = {
  id: 'batch-1',
  kind: 'penalties',
  source: 'dept-samr',
  sourceName: '市场监管局',
  status: 'open',
  counts: { received: 3, accepted: 1, updated: 0, duplicate: 0, returned: 1, disputed: 1 },
  openReturns: 1,
  fileName: '行政处罚.csv',
  mediaType: 'text/csv',
  encoding: 'gb18030',
  bytes: 2048,
  uploadedBy: { id: 'officer-data01', name: '刘洋' },
  uploadedAt: '2026-12-05T02:00:00.000Z',
  period: { start: '2026-12-01', end: '2026-12-15', label: '2026年12月上半月' },
};
