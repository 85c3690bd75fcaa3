// What went wrong when the endpoint refused a draw, in terms the supervisor can act on.
import type { TeamConstraint } from '@shared/draw/teamDraw';
import { errorKind, errorMessage } from '../../platform/errors';

// A Record, so a constraint added to the team draw without being listed here fails to compile.
const CONSTRAINTS: Record<TeamConstraint, true> = { department_coverage: true, recusal: true, lead_rotation: true, team_size: true };

export type DrawFailure =
  { kind: 'offline' } | { kind: 'infeasible'; constraints: TeamConstraint[]; message: string } | { kind: 'other'; message: string };

/**
 * The endpoint answers an infeasible team draw with 422 and a message naming each failed constraint as
 * `<uscc>: <constraint> (<detail>)`; the constraints found there are shown by name.
 */
export function drawFailureOf(error: unknown): DrawFailure {
  if (errorKind(error) === 'network') return { kind: 'offline' };
  const message = errorMessage(error);
  const constraints = (Object.keys(CONSTRAINTS) as TeamConstraint[]).filter((c) => new RegExp(`: ${c} \\(`).test(message));
  if (constraints.length > 0) return { kind: 'infeasible', constraints, message };
  return { kind: 'other', message };
}
