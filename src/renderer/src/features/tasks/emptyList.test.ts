import { describe, expect, it } from 'vitest';
import { emptyListKey } from './emptyList';

describe('the empty task list', () => {
  it('says a first sync is under way rather than asking for one', () => {
    expect(emptyListKey({ anyOnMachine: false, sync: 'syncing', lastSyncedAt: null })).toBe('tasks.firstSync');
    expect(emptyListKey({ anyOnMachine: false, sync: 'idle', lastSyncedAt: null })).toBe('tasks.empty');
    expect(emptyListKey({ anyOnMachine: false, sync: 'error', lastSyncedAt: null })).toBe('tasks.syncFailed');
  });

  it('tells a sync that brought no task from a filter that hides them all', () => {
    expect(emptyListKey({ anyOnMachine: false, sync: 'done', lastSyncedAt: '2026-12-05T10:00:00Z' })).toBe('tasks.noTasks');
    expect(emptyListKey({ anyOnMachine: false, sync: 'syncing', lastSyncedAt: '2026-12-05T10:00:00Z' })).toBe('tasks.syncing');
    expect(emptyListKey({ anyOnMachine: true, sync: 'syncing', lastSyncedAt: null })).toBe('tasks.noMatch');
  });
});
