// Pure edits of a section's content; results stay in the order of the section's check items.
import type { InspectionSection, ItemOutcome, ItemResult } from '@shared/domain/model';

/** Anything with a section's content: a section, or a correction of one. */
type Editable = Pick<InspectionSection, 'id' | 'checkItemIds' | 'itemResults' | 'resultCategory'>;
import type { ResultCategory } from '@shared/domain/resultCategories';

function withResult<S extends Editable>(
  section: S,
  checkItemId: string,
  change: (current: ItemResult | undefined) => ItemResult | undefined,
): S {
  if (!section.checkItemIds.includes(checkItemId)) throw new Error(`check item ${checkItemId} is not part of section ${section.id}`);
  const byId = new Map(section.itemResults.map((r) => [r.checkItemId, r]));
  const next = change(byId.get(checkItemId));
  if (next) byId.set(checkItemId, next);
  const order = section.checkItemIds;
  const itemResults = [...byId.values()].sort((a, b) => order.indexOf(a.checkItemId) - order.indexOf(b.checkItemId));
  return { ...section, itemResults };
}

export function setItemOutcome<S extends Editable>(section: S, checkItemId: string, outcome: ItemOutcome): S {
  return withResult(section, checkItemId, (current) => ({ checkItemId, outcome, note: current?.note ?? '' }));
}

/** A note belongs to an answered item; before an outcome is chosen there is nothing to attach it to. */
export function setItemNote<S extends Editable>(section: S, checkItemId: string, note: string): S {
  return withResult(section, checkItemId, (current) => (current ? { ...current, note } : undefined));
}

export function setResultCategory<S extends Editable>(section: S, resultCategory: ResultCategory | null): S {
  return { ...section, resultCategory };
}
