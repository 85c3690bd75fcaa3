import { describe, expect, it } from 'vitest';
import { startingProgress, type SyncProgress } from '../../sync/syncNow';
import { formatDuration, pullEtaMs, pullPercent, shortSyncTime, syncIndicator, type IndicatorInput } from './syncIndicator';

const base: IndicatorInput = { state: 'idle', error: null, online: true, pending: 0, lastSyncedAt: null, offlineSession: false };
const pulling = (over: Partial<SyncProgress>): SyncProgress => ({ ...startingProgress(1_000), phase: 'pull', ...over });

describe('sync indicator', () => {
  it('names each state the officer can be in', () => {
    expect(syncIndicator(base)).toBe('never');
    expect(syncIndicator({ ...base, lastSyncedAt: '2025-05-01T10:00:00Z' })).toBe('up_to_date');
    expect(syncIndicator({ ...base, lastSyncedAt: '2025-05-01T10:00:00Z', pending: 2 })).toBe('waiting');
    expect(syncIndicator({ ...base, state: 'syncing', online: false, pending: 2 })).toBe('syncing');
    expect(syncIndicator({ ...base, online: false, pending: 2 })).toBe('offline');
    expect(syncIndicator({ ...base, state: 'error', error: { kind: 'network', message: 'x' } })).toBe('offline');
    expect(syncIndicator({ ...base, state: 'error', error: { kind: 'server', message: 'HTTP 502' }, pending: 3 })).toBe('error');
    expect(syncIndicator({ ...base, offlineSession: true, pending: 1 })).toBe('offline_session');
  });

  it('shows progress and an ETA only when the server told the total', () => {
    expect(pullPercent(pulling({ pulled: 500 }))).toBeNull();
    expect(pullEtaMs(pulling({ pulled: 500 }), 2_000)).toBeNull();
    const known = pulling({ pulled: 250, expected: 1_000 });
    expect(pullPercent(known)).toBe(25);
    // 250 records in 1 s: 750 more take 3 s.
    expect(pullEtaMs(known, 2_000)).toBe(3_000);
    expect(pullEtaMs(pulling({ pulled: 0, expected: 1_000 }), 2_000)).toBeNull();
    expect(pullPercent(pulling({ phase: 'push', pulled: 10, expected: 10 }))).toBeNull();
  });

  it('formats durations for the header', () => {
    expect(formatDuration(4_200)).toBe('5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    // Yantai time: 23:30 UTC is already the next day there.
    expect(shortSyncTime('2025-05-01T23:30:00Z', new Date('2025-05-02T03:00:00Z'))).toBe('07:30');
    expect(shortSyncTime('2025-05-01T03:30:00Z', new Date('2025-05-02T03:00:00Z'))).toBe('05-01 11:30');
  });
});
