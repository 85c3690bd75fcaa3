// @vitest-environment jsdom
// The instant check's directory is drawn as soon as it is read, also while a transition render is in progress (the task
// list's rows at a cold start): React holds default-priority updates back until such a render is done.
import 'fake-indexeddb/auto';
import { startTransition, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { OneVisitDb } from '../data/db';
import { loadPinyin } from '../data/pinyin';
import { writeProfileChanges } from '../data/profileStore';
import { enterprise } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { useDirectory } from './liveQueries';

// Rendered as the browser does, with React's scheduler and no act(): the test is about which update is drawn first.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

beforeAll(loadPinyin);

let db: OneVisitDb;
beforeEach(async () => {
  db = freshOfficerDb();
  await db.open();
  await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () => writeProfileChanges(db, 0, [enterprise(1), enterprise(2)], []));
});
afterEach(() => db.close());

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A row that takes 5 ms to render: 100 of them are a transition render of half a second, in React's slices. */
function SlowRow() {
  const until = performance.now() + 5;
  while (performance.now() < until);
  return <li />;
}

it('draws the directory while a transition render is in progress, not after it', async () => {
  const controls: { showRows?: () => void; openCheck?: () => void } = {};
  function Rows() {
    const [rows, setRows] = useState<number[]>([]);
    controls.showRows = () => startTransition(() => setRows(Array.from({ length: 100 }, (_, i) => i)));
    return (
      <ul data-rows={rows.length}>
        {rows.map((row) => (
          <SlowRow key={row} />
        ))}
      </ul>
    );
  }
  function Check() {
    const [open, setOpen] = useState(false);
    controls.openCheck = () => flushSync(() => setOpen(true));
    const directory = useDirectory(db, open);
    return <p>{directory ? `${directory.columns.size} profiles` : ''}</p>;
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  root.render(
    <>
      <Check />
      <Rows />
    </>,
  );
  while (!container.querySelector('ul')) await nextTask();

  controls.showRows!();
  await nextTask();
  controls.openCheck!();
  const rowsDrawn = () => container.querySelector('ul')!.getAttribute('data-rows') === '100';
  while (container.querySelector('p')!.textContent === '' && !rowsDrawn()) await nextTask();
  expect(container.querySelector('p')!.textContent).toBe('2 profiles');
  expect(rowsDrawn()).toBe(false);

  while (!rowsDrawn()) await nextTask();
  root.unmount();
});
