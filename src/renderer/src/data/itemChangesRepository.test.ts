import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckItem, InspectionSection } from '@shared/domain/model';
import type { Change } from '@shared/sync/protocol';
import type { OneVisitDb } from './db';
import { itemChangesRepository } from './itemChangesRepository';
import { pullRepository } from './pullRepository';
import { sectionsRepository } from './sectionsRepository';
import { section } from '../../../../tests/support/memoryServer';
import { freshOfficerDb } from '../../../../tests/support/officerDb';

let db: OneVisitDb;

const item = (id: string, retiredAt: string | null = null): CheckItem => ({
  id,
  departmentId: 'dep-amr',
  code: id,
  title: `事项${id}`,
  legalBasis: '《条例》',
  retiredAt,
});
const upsert = (collection: 'sections' | 'checkItems', data: InspectionSection | CheckItem): Change =>
  ({ collection, op: 'upsert', id: data.id, data }) as Change;
const page = (...changes: Change[]) => pullRepository(db).applyPullPage({ changes, cursor: '9', hasMore: false });

beforeEach(async () => {
  db = freshOfficerDb();
  await db.checkItems.bulkPut([item('ci-1'), item('ci-2')]);
  await db.sections.put(section('sec-1', { version: 3 }));
});

describe('a catalogue change reaching a draft', () => {
  it('tells the officer what changed in a draft without local edits', async () => {
    await page(
      upsert('checkItems', item('ci-2', '2026-01-01T00:00:00.000Z')),
      upsert('checkItems', item('ci-3')),
      upsert('sections', section('sec-1', { version: 3, checkItemIds: ['ci-1', 'ci-3'] })),
    );
    expect(await itemChangesRepository(db).forSection('sec-1')).toEqual({ sectionId: 'sec-1', added: ['ci-3'], removed: ['ci-2'] });
    await itemChangesRepository(db).dismiss('sec-1');
    expect(await itemChangesRepository(db).forSection('sec-1')).toBeNull();
  });

  it('keeps a retired item the officer recorded in a draft with a pending edit', async () => {
    const repo = sectionsRepository(db);
    const stored = (await repo.get('sec-1'))!;
    await repo.saveDraft({ ...stored, itemResults: [{ checkItemId: 'ci-2', outcome: 'non_compliant', note: '台账缺失' }] });
    // The server dropped ci-2 (it had no result for it) and added ci-3.
    await page(
      upsert('checkItems', item('ci-2', '2026-01-01T00:00:00.000Z')),
      upsert('checkItems', item('ci-3')),
      upsert('sections', section('sec-1', { version: 3, checkItemIds: ['ci-1', 'ci-3'] })),
    );
    const merged = (await repo.get('sec-1'))!;
    expect(merged.checkItemIds).toEqual(['ci-1', 'ci-3', 'ci-2']);
    expect(merged.itemResults).toEqual([{ checkItemId: 'ci-2', outcome: 'non_compliant', note: '台账缺失' }]);
    expect(await itemChangesRepository(db).forSection('sec-1')).toEqual({ sectionId: 'sec-1', added: ['ci-3'], removed: [] });
  });

  it('an item added, then retired before the officer read it, cancels out', async () => {
    await itemChangesRepository(db).record('sec-1', { added: ['ci-3'], removed: [] });
    await itemChangesRepository(db).record('sec-1', { added: [], removed: ['ci-3'] });
    expect(await itemChangesRepository(db).forSection('sec-1')).toBeNull();
  });
});
