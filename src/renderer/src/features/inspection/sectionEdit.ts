// Pure edits of a section's content; results stay in the order of the section's check items.
import type { InspectionSection, ItemOutcome, ItemResult } from '@shared/domain/model';
import type { ResultCategory } from '@shared/domain/resultCategories';

function withResult(section: InspectionSection, checkItemId: string, change: (current: ItemResult | undefined) => ItemResult | undefined): InspectionSection {
  if (!section.checkItemIds.includes(checkItemId)) throw new Error(`check item ${checkItemId} is not part of section ${section.id}`);
  const byId = new Map(section.itemResults.map((r) => [r.checkItemId, r]));
  const next = change(byId.get(checkItemId));
  if (next) byId.set(checkItemId, next);
  const order = section.checkItemIds;
  const itemResults = [...byId.values()].sort((a, b) => order.indexOf(a.checkItemId) - order.indexOf(b.checkItemId));
  return { ...section, itemResults };
}

export function setItemOutcome(section: InspectionSection, checkItemId: string, outcome: ItemOutcome): InspectionSection {
  return withResult(section, checkItemId, (current) => ({ checkItemId, outcome, note: current?.note ?? '' }));
}

/** A note belongs to an answered item; before an outcome is chosen there is nothing to attach it to. */
export function setItemNote(section: InspectionSection, checkItemId: string, note: string): InspectionSection {
  return withResult(section, checkItemId, (current) => (current ? { ...current, note } : undefined));
}

export function setResultCategory(section: InspectionSection, resultCategory: ResultCategory | null): InspectionSection {
  return { ...section, resultCategory };
}
