// @vitest-environment jsdom
// A sync commits page after page: the task list then takes a read a second at most, and always the last one; outside a
// sync (an officer's own edit) each change shows at once. Fake time runs the database's tasks and the intervals alike.
import 'fake-indexeddb/auto';
import { act, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OneVisitDb } from '../data/db';
import { useSyncStore } from '../state/syncStore';
import { task } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { useTaskList } from './useTaskList';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: OneVisitDb;

beforeEach(async () => {
  db = freshOfficerDb();
  await db.open();
  vi.useFakeTimers();
  return () => {
    vi.useRealTimers();
    useSyncStore.setState({ state: 'idle' });
  };
});

/**
 * Lets `ms` of fake time pass, with the database work and the renders it brings. React renders what arrived when an
 * act() ends: steps of 10 ms from the test's start time each value to the next multiple of 10 ms after it came.
 */
async function pass(ms: number) {
  for (let step = 0; step < ms; step += 10) await act(() => vi.advanceTimersByTimeAsync(10));
}

/** Stores a task and lets `ms` pass. */
async function write(id: string, ms: number) {
  const stored = db.tasks.put(task(id));
  await pass(ms);
  await stored;
}

/** Each value the hook hands over (a new one, as the component sees it), with the fake time it came. */
function render<T>(useValue: () => T | undefined) {
  const shown: { value: T; at: number }[] = [];
  function Probe() {
    const value = useValue();
    useEffect(() => {
      if (value !== undefined) shown.push({ value, at: Date.now() });
    }, [value]);
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(<Probe />));
  return { shown, unmount: () => act(() => root.unmount()) };
}

const taskIds = (shown: { value: { rows: { task: { id: string } }[] } }[]) => shown.map(({ value }) => value.rows.map((r) => r.task.id));
const syncing = (state: 'syncing' | 'done') => act(() => useSyncStore.setState({ state }));

describe('useTaskList', () => {
  it('shows each write at once outside a sync', async () => {
    const list = render(() => useTaskList(db));
    await pass(10);
    for (const id of ['t-1', 't-2', 't-3']) await write(id, 10);

    expect(taskIds(list.shown)).toEqual([[], ['t-1'], ['t-1', 't-2'], ['t-1', 't-2', 't-3']]);
    list.unmount();
  });

  it('during a sync shows the writes a second at a time at most, and the last of them', async () => {
    syncing('syncing');
    const list = render(() => useTaskList(db));
    await pass(10);
    const ids = Array.from({ length: 20 }, (_, i) => `t-${String(i).padStart(2, '0')}`);
    // Ten writes within the second after the first list: none shows before it ends, all of them once it has.
    for (const id of ids.slice(0, 10)) await write(id, 50);
    expect(taskIds(list.shown)).toEqual([[]]);
    await pass(500);
    expect(taskIds(list.shown)).toEqual([[], ids.slice(0, 10)]);
    // Ten writes over two and a half seconds: a list a second at most, the last one with every write.
    for (const id of ids.slice(10)) await write(id, 250);
    await pass(1000);

    expect(taskIds(list.shown).at(-1)).toEqual(ids);
    const gaps = list.shown.slice(1).map(({ at }, i) => at - list.shown[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    list.unmount();
  });

  it('shows what a sync wrote as soon as it ends, and each write after it at once', async () => {
    syncing('syncing');
    const list = render(() => useTaskList(db));
    await pass(10);
    await write('t-1', 10);
    await write('t-2', 10);
    expect(taskIds(list.shown)).toEqual([[]]);

    syncing('done');
    await pass(10);
    expect(taskIds(list.shown).at(-1)).toEqual(['t-1', 't-2']);
    await write('t-3', 10);
    expect(taskIds(list.shown).at(-1)).toEqual(['t-1', 't-2', 't-3']);
    list.unmount();
  });
});
