// Known-common passwords: the list of @zxcvbn-ts/language-common (about 49,000 from public breach corpora), kept by
// that project. Loaded once, on the first check.
import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordProblems, type PasswordProblem } from '@shared/domain/passwordPolicy';

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.normalize('NFKC').toLowerCase());
}

/** The shared policy with the common list: length, not the user name, not a known-common password. */
export const serverPasswordProblems = (password: string, username: string): PasswordProblem[] =>
  passwordProblems(password, username, isCommonPassword);
