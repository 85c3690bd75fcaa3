// Checks made through the endpoint's own API, not through the app under test.
import type { ApiClient } from '@shared/api/client';
import type { Enterprise, InspectionSection, InspectionTask, Officer } from '@shared/domain/model';
import type { Change } from '@shared/sync/protocol';
import type { RunningEndpoint } from './endpoint';

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

/** The enterprise of `enterpriseId` (its USCC) as the officer of `client` pulls it. */
export async function enterpriseOf(client: ApiClient, enterpriseId: string): Promise<Enterprise> {
  const change = (await pullAll(client)).filter((c) => c.collection === 'enterprises' && c.id === enterpriseId && c.op === 'upsert').at(-1);
  if (!change || change.op !== 'upsert') throw new Error(`enterprise ${enterpriseId} not visible to this officer`);
  return change.data as Enterprise;
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
    c.collection === 'sections' && c.op === 'upsert' && (c.data as InspectionSection).taskId === taskId
      ? [c.data as InspectionSection]
      : [],
  );
}

export interface MyPart {
  api: ApiClient;
  me: Officer;
  colleague: Officer;
  task: InspectionTask;
  /** The section of `me`'s department in `task`. */
  mySection: InspectionSection;
}

/** `username`'s section of a demo task shared with an officer of another department (`colleague`). */
export async function myPartOfSharedTask(endpoint: RunningEndpoint, username = 'inspector01', colleague = 'inspector02'): Promise<MyPart> {
  const { api, officer: me } = await endpoint.signIn(username);
  const { officer: other } = await endpoint.signIn(colleague);
  const task = await sharedTask(api, [me.id, other.id]);
  const mySection = (await sectionsOfTask(api, task.id)).find((s) => s.departmentId === me.departmentId);
  if (!mySection) throw new Error(`task ${task.id} has no section of ${username}'s department`);
  return { api, me, colleague: other, task, mySection };
}
