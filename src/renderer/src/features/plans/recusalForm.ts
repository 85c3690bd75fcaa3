// The recusal registry's rules on the device: the new-recusal form's request, checked by the shared contract
// (createRecusalRequestSchema) so the form refuses what the endpoint would, and when a recusal applies.
import { createRecusalRequestSchema, type CreateRecusalRequest } from '@shared/api/plans';
import type { Recusal } from '@shared/domain/model';
import { groupIssues, type PlanFieldErrors } from './planForm';

export interface RecusalFormValues {
  officerId?: string;
  uscc: string;
  reason: string;
  /** YYYY-MM-DD. */
  validFrom: string | null;
  /** YYYY-MM-DD; null: open-ended. */
  validTo: string | null;
}

/** A USCC as officers type or paste it: spaces dropped, letters upper-cased. */
export const normalizeUscc = (value: string) => value.replace(/\s+/g, '').toUpperCase();

const fieldOf = (path: readonly PropertyKey[]) => [path[0] === 'enterpriseId' ? 'uscc' : String(path[0] ?? 'reason')];

/** The request, or the contract's objections by form field. */
export function validateRecusalForm(
  values: RecusalFormValues,
): { ok: true; request: CreateRecusalRequest } | { ok: false; fields: PlanFieldErrors } {
  const request = {
    officerId: values.officerId ?? '',
    enterpriseId: normalizeUscc(values.uscc),
    reason: values.reason.trim(),
    validFrom: values.validFrom ?? '',
    validTo: values.validTo,
  };
  const parsed = createRecusalRequestSchema.safeParse(request);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, fields: groupIssues(parsed.error.issues, fieldOf) };
}

export type RecusalState = 'upcoming' | 'in_force' | 'ended';

/** Whether the recusal applies on `today` (YYYY-MM-DD): its period includes both ends. */
export function recusalState(recusal: Pick<Recusal, 'validFrom' | 'validTo'>, today: string): RecusalState {
  if (recusal.validFrom > today) return 'upcoming';
  return recusal.validTo !== null && recusal.validTo < today ? 'ended' : 'in_force';
}

/** The end date offered when ending a recusal early: today, or its first day if it has not started. */
export function defaultEndDate(recusal: Pick<Recusal, 'validFrom'>, today: string): string {
  return recusal.validFrom > today ? recusal.validFrom : today;
}

/** A recusal can end early while its end lies after the default end date (open-ended ones always can). */
export function canEndEarly(recusal: Pick<Recusal, 'validFrom' | 'validTo'>, today: string): boolean {
  return recusal.validTo === null || recusal.validTo > defaultEndDate(recusal, today);
}
