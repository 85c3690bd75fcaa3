// Completing inspections through the endpoint's API, as the team's apps would, to set up review scenarios.
import { createHash } from 'node:crypto';
import { expect } from '@playwright/test';
import type { ApiClient } from '@shared/api/client';
import type { AttachmentMeta, InspectionSection, InspectionTask, Officer } from '@shared/domain/model';
import type { RunningEndpoint } from './endpoint';

/** Uploads a signature's bytes first, as the app's attachment outbox does, and returns its metadata for the section. */
async function uploadSignature(
  api: ApiClient,
  section: InspectionSection,
  kind: 'representative_signature' | 'officer_signature',
): Promise<AttachmentMeta> {
  const bytes = new TextEncoder().encode(`${kind} of ${section.id}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await api.putAttachment({ sha256, type: 'image/png', bytes });
  return { id: `${section.id}-${kind}`, sha256, size: bytes.byteLength, type: 'image/png', kind, capturedAt: new Date().toISOString() };
}

/**
 * Completes an officer's section through the endpoint, as their app would after an inspection: the results, and the
 * evidence of the visit completion asks for (check-in, the whole team present, the representative, both signatures).
 */
async function completeThroughApi(api: ApiClient, officer: Officer, task: InspectionTask, section: InspectionSection): Promise<void> {
  const now = new Date().toISOString();
  const data: InspectionSection = {
    ...section,
    itemResults: section.checkItemIds.map((checkItemId) => ({ checkItemId, outcome: 'compliant', note: '' })),
    resultCategory: 'no_problem_found',
    status: 'completed',
    completedBy: officer.id,
    completedAt: now,
    checkIn: { at: now, location: null, accuracyM: null, place: '烟台市芝罘区南大街 1 号', source: 'typed' },
    teamPresent: [...task.officerIds],
    representativeName: '王经理',
    attachments: [
      await uploadSignature(api, section, 'representative_signature'),
      await uploadSignature(api, section, 'officer_signature'),
    ],
  };
  const { results } = await api.call('sync.push', {
    body: {
      deviceId: 'e2e',
      mutations: [{ mutationId: `e2e-${section.id}`, collection: 'sections', id: section.id, baseVersion: section.version, data }],
    },
  });
  expect(results[0]?.status).toBe('applied');
}

/** Every department of the joint team completes its section, by its officer on the team (demo officer ids are `off-<username>`). */
export async function completeTaskThroughApi(
  endpoint: RunningEndpoint,
  task: InspectionTask,
  sections: readonly InspectionSection[],
): Promise<void> {
  const team = await Promise.all(task.officerIds.map((id) => endpoint.signIn(id.replace(/^off-/, ''))));
  for (const section of sections) {
    const member = team.find(({ officer }) => officer.departmentId === section.departmentId);
    if (!member) throw new Error(`task ${task.id} has no officer of ${section.departmentId}`);
    await completeThroughApi(member.api, member.officer, task, section);
  }
}
