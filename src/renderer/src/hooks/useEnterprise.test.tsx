// @vitest-environment jsdom
// A dossier reads its profile as its page renders (suspending until then), and keeps following pulls through its live
// query, which answers with the same object when nothing changed.
import 'fake-indexeddb/auto';
import { act, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Enterprise } from '@shared/domain/model';
import type { OneVisitDb } from '../data/db';
import { DamagedProfileError } from '../data/enterpriseDirectory';
import { profileChunkOf } from '../data/enterpriseKeys';
import { loadPinyin } from '../data/pinyin';
import { writeProfileChanges, writeProfileChunk } from '../data/profileStore';
import { enterprise } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';
import { useEnterprise } from './liveQueries';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(loadPinyin);

let db: OneVisitDb;
beforeEach(async () => {
  db = freshOfficerDb();
  await db.open();
});

const store = (profiles: Enterprise[]) =>
  db.transaction('rw', [db.profileBlocks, db.directoryChunks], () => writeProfileChanges(db, 0, profiles, []));

/** What each render of a page showing `id` received, in order. */
function mountDossier(initialId: string) {
  const seen: ReturnType<typeof useEnterprise>[] = [];
  function Dossier({ id }: { id: string }) {
    const read = useEnterprise(db, id);
    useEffect(() => void seen.push(read));
    return <p>{read instanceof Error ? read.message : (read?.name ?? 'none')}</p>;
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  const render = (id: string) => root.render(<Suspense fallback={<p>loading</p>}>{<Dossier id={id} />}</Suspense>);
  return { container, seen, render: (id = initialId) => act(async () => render(id)), unmount: () => act(() => root.unmount()) };
}

/** Until the database's work and the renders it brings have settled. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('useEnterprise', () => {
  it('reads the profile as the page renders, then follows pulls; the live answer is the same object when unchanged', async () => {
    await store([enterprise(1), enterprise(2)]);
    const page = mountDossier(enterprise(1).id);
    performance.clearMeasures('onevisit:dossier-lookup');
    await page.render();
    // Both reads done: the page's own and its live query's first answer.
    while (performance.getEntriesByName('onevisit:dossier-lookup').length < 2) await settle();
    await settle();
    expect(page.container.textContent).toBe(enterprise(1).name);
    // One object, so the page does not draw it twice.
    expect(new Set(page.seen).size).toBe(1);
    await act(() => store([enterprise(1, { name: '烟台第一个新名字有限公司' })]));
    await settle();
    expect(page.container.textContent).toBe('烟台第一个新名字有限公司');

    await page.render(enterprise(2).id);
    await settle();
    expect(page.container.textContent).toBe(enterprise(2).name);

    await act(() => store([enterprise(2, { name: '烟台新名字有限公司' })]));
    await settle();
    expect(page.container.textContent).toBe('烟台新名字有限公司');
    page.unmount();
  });

  it('answers null for a profile not on this machine and the error for a damaged one', async () => {
    const stored = profileChunkOf([enterprise(1)]);
    stored.texts[0] = JSON.stringify({ ...enterprise(1), riskClass: 'Z' });
    await db.transaction('rw', [db.profileBlocks, db.directoryChunks], () => writeProfileChunk(db, 0, stored, []));
    const page = mountDossier(enterprise(9).id);
    await page.render();
    await settle();
    expect(page.container.textContent).toBe('none');
    await page.render(enterprise(1).id);
    await settle();
    expect(page.seen.at(-1)).toBeInstanceOf(DamagedProfileError);
    page.unmount();
  });
});
