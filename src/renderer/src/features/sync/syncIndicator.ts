// What the header's sync indicator says, derived from the sync store, the network and the outbox. Pure, so every state
// the officer can see is unit-tested.
import { formatDateTime, todayInShanghai } from '../../lib/time';
import type { ErrorKind } from '../../platform/errors';
import type { SyncProgress } from '../../sync/syncNow';
import type { SyncUiState } from '../../state/syncStore';

export type IndicatorKind = 'syncing' | 'offline_session' | 'offline' | 'error' | 'waiting' | 'up_to_date' | 'never';

export interface IndicatorInput {
  state: SyncUiState;
  error: { kind: ErrorKind; message: string } | null;
  /** The browser's idea of the network (navigator.onLine). */
  online: boolean;
  /** Changes waiting in the outbox. */
  pending: number;
  lastSyncedAt: string | null;
  /** Unlocked offline: no token, so nothing syncs until the officer signs in online. */
  offlineSession: boolean;
}

export function syncIndicator({ state, error, online, pending, lastSyncedAt, offlineSession }: IndicatorInput): IndicatorKind {
  if (state === 'syncing') return 'syncing';
  if (offlineSession) return 'offline_session';
  if (!online || (state === 'error' && error?.kind === 'network')) return 'offline';
  if (state === 'error') return 'error';
  if (pending > 0) return 'waiting';
  return lastSyncedAt ? 'up_to_date' : 'never';
}

/** Share of the pull done (0–100), when the server told how many records to expect. */
export function pullPercent(progress: SyncProgress | null): number | null {
  if (!progress || progress.phase !== 'pull' || !progress.expected) return null;
  return Math.min(100, Math.floor((progress.pulled / progress.expected) * 100));
}

/** Time left of the pull at the rate so far, in ms; null until there is a rate and a total to extrapolate. */
export function pullEtaMs(progress: SyncProgress | null, now: number): number | null {
  if (!progress || progress.phase !== 'pull' || progress.expected === null || progress.pulled === 0) return null;
  const elapsed = now - progress.startedAt;
  if (elapsed <= 0) return null;
  return Math.max(0, Math.round(((progress.expected - progress.pulled) * elapsed) / progress.pulled));
}

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The header's short form of a sync time: HH:mm today, MM-DD HH:mm before (Yantai time). */
export function shortSyncTime(iso: string, now: Date = new Date()): string {
  const full = formatDateTime(iso);
  return full.startsWith(todayInShanghai(now)) ? full.slice(11) : full.slice(5);
}
