// The password policy, one rule for the app's forms and the endpoint. The endpoint adds the known-common list
// (src/server/auth/commonPasswords.ts), too large to ship to the app.

export const PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'contains_username' | 'common';

/** Why the password may not be used by this user; `isCommon` answers whether it is on a list of known-common passwords. */
export function passwordProblems(
  password: string,
  username: string,
  isCommon: (password: string) => boolean = () => false,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) problems.push('contains_username');
  if (isCommon(password)) problems.push('common');
  return problems;
}

export function describePasswordProblem(problem: PasswordProblem): string {
  switch (problem) {
    case 'too_short':
      return `the password must have at least ${PASSWORD_MIN_LENGTH} characters`;
    case 'contains_username':
      return 'the password must not contain the user name';
    case 'common':
      return 'the password is on a list of commonly used passwords';
  }
}
