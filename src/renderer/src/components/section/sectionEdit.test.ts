import { describe, expect, it } from 'vitest';
import { section } from '../../../../../tests/support/memoryServer';
import { setItemNote, setItemOutcome, setResultCategory } from './sectionEdit';

describe('section edits', () => {
  it('keeps results in check-item order and keeps the note when the outcome changes', () => {
    let s = section('sec-1', { checkItemIds: ['a', 'b', 'c'] });
    s = setItemOutcome(s, 'c', 'compliant');
    s = setItemOutcome(s, 'a', 'non_compliant');
    s = setItemNote(s, 'a', '消防通道堵塞');
    s = setItemOutcome(s, 'a', 'not_applicable');
    expect(s.itemResults).toEqual([
      { checkItemId: 'a', outcome: 'not_applicable', note: '消防通道堵塞' },
      { checkItemId: 'c', outcome: 'compliant', note: '' },
    ]);
  });

  it('ignores a note for an unanswered item and refuses items outside the section', () => {
    const s = section('sec-1', { checkItemIds: ['a'] });
    expect(setItemNote(s, 'a', 'x').itemResults).toEqual([]);
    expect(() => setItemOutcome(s, 'zz', 'compliant')).toThrow('not part of section');
    expect(setResultCategory(s, 'no_problem_found').resultCategory).toBe('no_problem_found');
  });
});
