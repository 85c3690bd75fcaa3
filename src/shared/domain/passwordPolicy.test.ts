import { describe, expect, it } from 'vitest';
import { passwordProblems } from './passwordPolicy';

describe('password policy', () => {
  it('asks for ten characters, counted as characters not bytes', () => {
    expect(passwordProblems('Tq8#vLm2', 'amr1')).toEqual(['too_short']);
    expect(passwordProblems('检查员检查员检查员检', 'amr1')).toEqual([]);
  });

  it('refuses the user name inside the password, whatever its case', () => {
    expect(passwordProblems('Inspector07-spring', 'inspector07')).toEqual(['contains_username']);
  });

  it('asks the common-password list', () => {
    expect(passwordProblems('qwertyuiop', 'amr1', (p) => p === 'qwertyuiop')).toEqual(['common']);
  });
});
