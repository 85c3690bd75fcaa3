// The check-item catalogue changes under drafts: an admin adds an item to a department or retires one while officers
// have drafts, some of them offline. One rule reconciles a draft's item list with the catalogue, on the endpoint (a
// push sent against an older catalogue) and on the device (a pulled section whose items changed under a local edit).
import type { InspectionSection } from './model';

export interface CatalogueEntry {
  departmentId: string;
  retired: boolean;
  /** Added to the catalogue by an admin (after plans were set): an older copy of a draft may not list it yet. */
  added: boolean;
}

type Draft = Pick<InspectionSection, 'checkItemIds' | 'itemResults' | 'status'>;

export type Reconciled = { ok: true; checkItemIds: string[] } | { ok: false; problems: string[] };

/**
 * The item list of `sent` (the officer's copy) against `current` (the list the catalogue's changes left on the
 * server). Items may differ only where the catalogue changed: the officer's copy may still list retired items, or miss
 * items added since. The result is `current`, plus the retired items the officer recorded a result for (kept, and
 * marked retired where shown), minus retired items without a result; items added since are left out of a record the
 * officer completed before they existed (the visit was made against the catalogue the device had).
 */
export function reconcileCheckItemIds(
  current: readonly string[],
  sent: Draft,
  departmentId: string,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
): Reconciled {
  const ofDepartment = (id: string) => catalogue.get(id)?.departmentId === departmentId;
  const retired = (id: string) => catalogue.get(id)?.retired === true;
  const recorded = new Set(sent.itemResults.map((r) => r.checkItemId));
  const problems = sent.checkItemIds
    .filter((id) => !current.includes(id) && !(ofDepartment(id) && retired(id)))
    .map((id) => `checkItemIds cannot change: ${id} is not a retired item of department ${departmentId}, and items are set by the plan`);
  problems.push(
    ...current
      .filter((id) => !sent.checkItemIds.includes(id) && !(ofDepartment(id) && (catalogue.get(id)?.added || retired(id))))
      .map((id) => `checkItemIds cannot change: ${id} is missing, and items are set by the plan`),
  );
  if (problems.length > 0) return { ok: false, problems };
  const kept = current.filter((id) => {
    if (retired(id)) return recorded.has(id);
    return sent.checkItemIds.includes(id) || sent.status === 'draft';
  });
  const keptRetired = sent.checkItemIds.filter((id) => !kept.includes(id) && retired(id) && recorded.has(id));
  return { ok: true, checkItemIds: [...kept, ...keptRetired] };
}

/** What changed in a draft's item list, for telling the officer. */
export interface ItemListChange {
  added: string[];
  removed: string[];
}

export function itemListChange(before: readonly string[], after: readonly string[]): ItemListChange | null {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  return added.length + removed.length === 0 ? null : { added, removed };
}
