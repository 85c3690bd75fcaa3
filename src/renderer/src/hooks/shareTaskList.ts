import type { ReferenceData } from '../data/referenceRepository';
import type { TaskListRow } from '../data/tasksRepository';

export interface TaskList {
  rows: TaskListRow[];
  reference: ReferenceData;
}

/** What a row shows, to compare a re-read row with the one on screen (records are plain JSON data). */
const rowContent = new WeakMap<TaskListRow, string>();
function contentOf(row: TaskListRow): string {
  let content = rowContent.get(row);
  if (content === undefined) rowContent.set(row, (content = JSON.stringify(row)));
  return content;
}

const referenceContent = (reference: ReferenceData) =>
  JSON.stringify([reference.departments, reference.units, reference.officers].map((map) => [...map.values()]));

/**
 * `next` with the row objects of `previous` wherever a row's task and enterprise are unchanged, and `previous` itself
 * when nothing changed: the table then re-renders only new or changed rows. A changed reference (department names in
 * the rows) shares nothing.
 */
export function shareTaskList(previous: TaskList | undefined, next: TaskList): TaskList {
  if (!previous) return next;
  const sameReference = referenceContent(previous.reference) === referenceContent(next.reference);
  if (!sameReference) return next;
  const before = new Map(previous.rows.map((row) => [row.task.id, row]));
  let changed = previous.rows.length !== next.rows.length;
  const rows = next.rows.map((row, i) => {
    const old = before.get(row.task.id);
    if (old && contentOf(old) === contentOf(row)) {
      if (previous.rows[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return row;
  });
  return changed ? { rows, reference: previous.reference } : previous;
}
