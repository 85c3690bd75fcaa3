// What the empty task list says: it depends on where the sync stands, so a first sync under way never reads as
// "sync first", and a finished sync that brought no task says so.
import type { SyncUiState } from '../../state/syncStore';

export type EmptyListKey = 'tasks.noMatch' | 'tasks.firstSync' | 'tasks.syncing' | 'tasks.empty' | 'tasks.noTasks' | 'tasks.syncFailed';

export function emptyListKey(state: { anyOnMachine: boolean; sync: SyncUiState; lastSyncedAt: string | null }): EmptyListKey {
  if (state.anyOnMachine) return 'tasks.noMatch';
  if (state.sync === 'syncing') return state.lastSyncedAt ? 'tasks.syncing' : 'tasks.firstSync';
  if (state.sync === 'error') return 'tasks.syncFailed';
  return state.lastSyncedAt ? 'tasks.noTasks' : 'tasks.empty';
}
