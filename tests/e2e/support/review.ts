// Completing inspections through the endpoint's API, as the team's apps would, to set up review scenarios.
import { expect } from '@playwright/test';
import type { ApiClient } from '../../../src/shared/api/client';
import type { InspectionSection, InspectionTask, Officer } from '../../../src/shared/domain/model';
import type { RunningEndpoint } from './endpoint';

/** Completes an officer's section through the endpoint, as their app would after an inspection. */
async function completeThroughApi(api: ApiClient, officer: Officer, section: InspectionSection): Promise<void> {
  const data: InspectionSection = {
    ...section,
    itemResults: section.checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'compliant', note: '' })),
    resultCategory: 'no_problem_found',
    status: 'completed',
    completedBy: officer.id,
    completedAt: new Date().toISOString(),
  };
  const { results } = await api.push({ deviceId: 'e2e', mutations: [{ mutationId: `e2e-${section.id}`, collection: 'sections', id: section.id, baseVersion: section.version, data }] });
  expect(results[0]?.status).toBe('applied');
}

/** Every department of the joint team completes its section (demo officer ids are `off-<username>`). */
export async function completeTaskThroughApi(endpoint: RunningEndpoint, task: InspectionTask, sections: readonly InspectionSection[]): Promise<void> {
  for (const section of sections) {
    const officerId = task.officerIds[task.departmentIds.indexOf(section.departmentId)]!;
    const { api, officer } = await endpoint.signIn(officerId.replace(/^off-/, ''));
    await completeThroughApi(api, officer, section);
  }
}
