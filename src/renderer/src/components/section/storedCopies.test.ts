import { describe, expect, it } from 'vitest';
import { StoredCopies } from './storedCopies';

const s0 = { id: 's1', note: '', outcome: null as string | null };
const s1 = { ...s0, outcome: 'non_compliant' };
const s2 = { ...s1, note: '灭火器过期' };

describe('StoredCopies', () => {
  it('takes the echo of its own write as no news', () => {
    const copies = new StoredCopies(s0);
    copies.moveTo(s1);
    expect(copies.isNews(s1)).toBe(false);
  });

  it('ignores a late copy from before its last writes (a live query that read just before they committed)', () => {
    const copies = new StoredCopies(s0);
    copies.moveTo(s1);
    copies.moveTo(s2);
    expect(copies.isNews(s0)).toBe(false);
    expect(copies.isNews(s1)).toBe(false);
  });

  it('takes a copy changed elsewhere (a pull, a resolution) as news, and moves past it once taken', () => {
    const copies = new StoredCopies(s0);
    copies.moveTo(s1);
    const fromServer = { ...s1, note: '服务器' };
    expect(copies.isNews(fromServer)).toBe(true);
    copies.moveTo(fromServer);
    expect(copies.isNews(fromServer)).toBe(false);
    expect(copies.isNews(s1)).toBe(false);
  });

  it('an edit back to an earlier state makes it current, not stale', () => {
    const copies = new StoredCopies(s0);
    copies.moveTo(s1);
    copies.moveTo(s0);
    expect(copies.isNews(s0)).toBe(false);
    expect(copies.isNews(s1)).toBe(false);
    copies.moveTo(s2);
    expect(copies.isNews(s0)).toBe(false);
  });
});
