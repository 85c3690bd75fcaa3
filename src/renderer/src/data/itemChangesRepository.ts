// What a catalogue change did to the officer's drafts: when a pull brings a draft section whose check items changed (an
// admin added or retired an item), the change is kept here until the officer has read it on the section.
import type { ItemListChange } from '@shared/domain/catalogue';
import type { OneVisitDb } from './db';

const keyOf = (sectionId: string) => `itemsChanged:${sectionId}` as const;

export interface SectionItemChange extends ItemListChange {
  sectionId: string;
}

export function itemChangesRepository(db: OneVisitDb) {
  return {
    /** Adds to what the officer has not read yet about the section (an item added, then retired, cancels out). */
    async record(sectionId: string, change: ItemListChange): Promise<void> {
      const earlier = await this.forSection(sectionId);
      const added = [...(earlier?.added ?? []).filter((id) => !change.removed.includes(id)), ...change.added];
      const removed = [...(earlier?.removed ?? []), ...change.removed.filter((id) => !earlier?.added.includes(id))];
      if (added.length + removed.length === 0) await db.meta.delete(keyOf(sectionId));
      else await db.meta.put({ key: keyOf(sectionId), value: JSON.stringify({ added, removed }) });
    },

    async forSection(sectionId: string): Promise<SectionItemChange | null> {
      const value = (await db.meta.get(keyOf(sectionId)))?.value;
      return value ? { sectionId, ...(JSON.parse(value) as ItemListChange) } : null;
    },

    /** The officer has read it. */
    async dismiss(sectionId: string): Promise<void> {
      await db.meta.delete(keyOf(sectionId));
    },
  };
}
