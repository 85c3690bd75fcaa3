// The create-plan form's values and their translation into the endpoint's request. Validation is the shared
// contract's (createPlanRequestSchema), so the form and the endpoint can never disagree on what a legal plan is.
import type { z } from 'zod';
import { createPlanRequestSchema, type CreatePlanRequest } from '@shared/api/plans';
import type { EntityCategory, RiskClass } from '@shared/domain/model';
import type { SamplingRatios } from '@shared/draw/schema';

export const RISK_CLASSES: readonly RiskClass[] = ['A', 'B', 'C', 'D', 'E'];

/** Low risk sampled lightly, D and E fully covered, as Yantai has done since 2021. */
export const DEFAULT_SAMPLING_RATIOS: SamplingRatios = { A: 1, B: 3, C: 10, D: 100, E: 100 };

export interface PlanFormValues {
  name: string;
  departmentIds: string[];
  /** Chosen check items by department id; may still hold departments that were deselected. */
  checkItemIds: Record<string, string[] | undefined>;
  districtCodes: string[];
  industries: string[];
  entityCategories: EntityCategory[];
  samplingRatios: SamplingRatios;
  /** [windowStart, windowEnd] as YYYY-MM-DD. */
  window: [string, string] | null;
  teamSize: number;
  seedSource: string;
}

export function toCreatePlanRequest(values: PlanFormValues): CreatePlanRequest {
  return {
    name: values.name,
    departmentIds: values.departmentIds,
    checkItemIds: Object.fromEntries(values.departmentIds.map((id) => [id, values.checkItemIds[id] ?? []])),
    populationFilter: { districtCodes: values.districtCodes, industries: values.industries, entityCategories: values.entityCategories },
    samplingRatios: values.samplingRatios,
    windowStart: values.window?.[0] ?? '',
    windowEnd: values.window?.[1] ?? '',
    teamSize: values.teamSize,
    seedSource: values.seedSource,
  };
}

/** The form field that shows a contract issue at `path` (request shape → form shape). */
export function formFieldOf(path: readonly PropertyKey[]): (string | number)[] {
  const [head, ...rest] = path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (head === 'windowStart' || head === 'windowEnd') return ['window'];
  if (head === 'populationFilter') return rest.slice(0, 1);
  if (head === 'checkItemIds') return rest.length > 0 ? ['checkItemIds', ...rest.slice(0, 1)] : ['departmentIds'];
  return head === undefined ? ['name'] : [head, ...rest.slice(0, 1)];
}

export type PlanFieldErrors = { name: (string | number)[]; errors: string[] }[];

/** The request, or the contract's objections grouped by form field. */
export function validatePlanForm(
  values: PlanFormValues,
): { ok: true; request: CreatePlanRequest } | { ok: false; fields: PlanFieldErrors } {
  const request = toCreatePlanRequest(values);
  const parsed = createPlanRequestSchema.safeParse(request);
  if (parsed.success) return { ok: true, request };
  return { ok: false, fields: groupIssues(parsed.error.issues) };
}

/** A contract's issues grouped by the form field that shows each (`fieldOf` maps a request path to a form path). */
export function groupIssues(issues: readonly z.core.$ZodIssue[], fieldOf = formFieldOf): PlanFieldErrors {
  const byField = new Map<string, PlanFieldErrors[number]>();
  for (const issue of issues) {
    const name = fieldOf(issue.path);
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}
