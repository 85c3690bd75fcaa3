// Fast entry on the check items of a section card: 1/2/3 set the focused item's result, then the next item takes the
// focus, or the note when one is now required; P picks photos of the item; the arrow keys move between items. In a
// note the keys type text; Enter or Tab leaves it for the next item (Shift+Enter starts a new line, Esc goes back to
// the item), so the next item's key is never typed into the note.
import { useRef } from 'react';
import type { ItemOutcome } from '@shared/domain/model';
import type { WritableRecord } from '../../data/sectionsRepository';
import { setItemOutcome } from './sectionEdit';

const OUTCOME_KEYS: Record<string, ItemOutcome> = { '1': 'compliant', '2': 'non_compliant', '3': 'not_applicable' };

/** `itemList` goes on the list of `li.check-item` elements, `onItemKey` on each item's keydown. */
export function useItemKeys(editable: boolean, current: () => WritableRecord, edit: (next: WritableRecord) => void) {
  const itemList = useRef<HTMLOListElement>(null);

  function onItemKey(event: React.KeyboardEvent<HTMLLIElement>, checkItemId: string) {
    if (!editable || event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = Array.from(itemList.current?.querySelectorAll<HTMLLIElement>('li.check-item') ?? []);
    const position = items.indexOf(event.currentTarget);
    const outcome = OUTCOME_KEYS[event.key];
    if (outcome) {
      event.preventDefault();
      const next = setItemOutcome(current(), checkItemId, outcome);
      edit(next);
      const note = next.itemResults.find((r) => r.checkItemId === checkItemId)?.note ?? '';
      if (outcome === 'non_compliant' && note.trim() === '') {
        // The note field is enabled once the outcome is rendered.
        const item = event.currentTarget;
        requestAnimationFrame(() => item.querySelector<HTMLTextAreaElement>('textarea')?.focus());
      } else items[position + 1]?.focus();
    } else if (event.key === 'p' || event.key === 'P') {
      event.preventDefault();
      event.currentTarget.querySelector<HTMLInputElement>('input[type="file"]')?.click();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[position + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  }

  function onNoteKey(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    const leave = (event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (!leave && event.key !== 'Escape') return;
    // An IME composing a word uses Enter to confirm it.
    if (event.nativeEvent.isComposing) return;
    const item = event.currentTarget.closest<HTMLLIElement>('li.check-item');
    if (!item) return;
    event.preventDefault();
    if (event.key === 'Escape') return item.focus();
    const items = Array.from(itemList.current?.querySelectorAll<HTMLLIElement>('li.check-item') ?? []);
    (items[items.indexOf(item) + 1] ?? item).focus();
  }

  return { itemList, onItemKey, onNoteKey };
}
