import { describe, expect, it } from 'vitest';
import { isoDateSchema } from './model';

describe('isoDateSchema', () => {
  it('accepts days of the calendar, leap days included, and 2099-12-31 (no end)', () => {
    for (const date of ['2024-02-29', '2000-02-29', '2025-12-31', '2099-12-31', '0001-01-01']) {
      expect(isoDateSchema.safeParse(date).success, date).toBe(true);
    }
  });

  it('refuses what is shaped like a date but is none, which PostgreSQL would refuse with an error', () => {
    for (const date of [
      '0000-00-00',
      '0000-01-01',
      '2025-02-29',
      '1900-02-29',
      '2025-02-30',
      '2025-13-01',
      '2025-04-31',
      '2025-1-1',
      '20250101',
    ]) {
      expect(isoDateSchema.safeParse(date).success, date).toBe(false);
    }
  });
});
