// What the password form checks before asking the endpoint (which also refuses known-common passwords).
import { passwordProblems, type PasswordProblem } from '@shared/domain/passwordPolicy';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

export type PasswordFormProblem = PasswordProblem | 'same_as_current' | 'confirmation_differs';

/** The problems of a change the form can see; `username` is unknown to a restored session (then not checked here). */
export function passwordFormProblems(change: PasswordChange, username: string | undefined): PasswordFormProblem[] {
  const problems: PasswordFormProblem[] = passwordProblems(change.newPassword, username ?? '');
  if (change.newPassword === change.currentPassword) problems.push('same_as_current');
  if (change.confirmation !== change.newPassword) problems.push('confirmation_differs');
  return problems;
}
