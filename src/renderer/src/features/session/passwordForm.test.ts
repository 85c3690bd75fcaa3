import { describe, expect, it } from 'vitest';
import { passwordFormProblems } from './passwordForm';

describe('password form', () => {
  it('passes a long new password confirmed twice', () => {
    expect(
      passwordFormProblems(
        { currentPassword: 'temp-AbC123xyz', newPassword: 'river-lantern-42', confirmation: 'river-lantern-42' },
        'inspector07',
      ),
    ).toEqual([]);
  });

  it('names every problem it can see', () => {
    expect(
      passwordFormProblems({ currentPassword: 'inspector07!', newPassword: 'inspector07!', confirmation: 'x' }, 'inspector07'),
    ).toEqual(['contains_username', 'same_as_current', 'confirmation_differs']);
    expect(passwordFormProblems({ currentPassword: 'a', newPassword: 'short', confirmation: 'short' }, undefined)).toEqual(['too_short']);
  });
});
