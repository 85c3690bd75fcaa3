// @vitest-environment jsdom
// A decision on the card (dismissing a notice, settling a conflict, sending again) is written like an edit: a storage
// fault is shown as the autosave failure and the same write succeeds when tried again.
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OneVisitDb } from '../../data/db';
import { itemChangesRepository } from '../../data/itemChangesRepository';
import { AS_OFF1, section } from '../../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../../tests/support/officerDb';
import { useSectionDraft } from './useSectionDraft';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const quotaExceeded = () => new DOMException('the quota has been exceeded', 'QuotaExceededError');

/** Renders the hook and hands back its latest value. */
function renderDraft(db: OneVisitDb) {
  const stored = section('sec-1');
  const latest: { current: ReturnType<typeof useSectionDraft> | null } = { current: null };
  function Probe() {
    latest.current = useSectionDraft(db, stored, 'sections', AS_OFF1);
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(<Probe />));
  return { draft: () => latest.current!, unmount: () => act(() => root.unmount()) };
}

afterEach(() => vi.restoreAllMocks());

describe('useSectionDraft decisions', () => {
  it('shows a full disk while dismissing a notice, and dismisses it when tried again', async () => {
    const db = freshOfficerDb();
    await db.sections.put(section('sec-1'));
    await itemChangesRepository(db).record('sec-1', { added: ['ci-3'], removed: [] });
    const card = renderDraft(db);
    vi.spyOn(db.meta, 'delete').mockRejectedValueOnce(quotaExceeded());

    await act(() => card.draft().dismissItemChange());
    expect(card.draft().autosave).toMatchObject({ state: 'error', kind: 'storage_full' });
    expect(await itemChangesRepository(db).forSection('sec-1')).not.toBeNull();

    await act(async () => {
      card.draft().retrySave();
      await vi.waitFor(async () => expect(await itemChangesRepository(db).forSection('sec-1')).toBeNull());
    });
    expect(card.draft().autosave.state).toBe('saved');
    card.unmount();
  });
});
