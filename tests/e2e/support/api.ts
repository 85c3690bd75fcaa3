// Checks made through the endpoint's own API, not through the app under test.
import type { ApiClient } from '../../../src/shared/api/client';
import type { InspectionSection, InspectionTask } from '../../../src/shared/domain/model';
import type { Change } from '../../../src/shared/sync/protocol';

export async function pullAll(client: ApiClient): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor = '';
  for (;;) {
    const page = await client.pull({ cursor, limit: 1000 });
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

export async function serverSection(client: ApiClient, sectionId: string): Promise<InspectionSection> {
  const change = (await pullAll(client)).filter((c) => c.collection === 'sections' && c.id === sectionId && c.op === 'upsert').at(-1);
  if (!change || change.op !== 'upsert') throw new Error(`section ${sectionId} not visible to this officer`);
  return change.data as InspectionSection;
}

/** A task that both officers are on, with the department of each. */
export async function sharedTask(client: ApiClient, officerIds: [string, string]): Promise<InspectionTask> {
  const tasks = (await pullAll(client)).flatMap((c) => (c.collection === 'tasks' && c.op === 'upsert' ? [c.data as InspectionTask] : []));
  const task = tasks.find((t) => officerIds.every((id) => t.officerIds.includes(id)));
  if (!task) throw new Error(`no task with officers ${officerIds.join(', ')} in the demo data`);
  return task;
}

export async function sectionsOfTask(client: ApiClient, taskId: string): Promise<InspectionSection[]> {
  return (await pullAll(client)).flatMap((c) =>
    c.collection === 'sections' && c.op === 'upsert' && (c.data as InspectionSection).taskId === taskId ? [c.data as InspectionSection] : [],
  );
}
