import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from './storage';

describe('requestPersistentStorage', () => {
  it('asks the browser when storage is not persistent yet, and reports its answer', async () => {
    const asked: string[] = [];
    const storage = (persisted: boolean, granted: boolean) => ({
      persisted: async () => (asked.push('persisted'), persisted),
      persist: async () => (asked.push('persist'), granted),
    });
    expect(await requestPersistentStorage(storage(false, true))).toBe('persisted');
    expect(asked).toEqual(['persisted', 'persist']);
    expect(await requestPersistentStorage(storage(false, false))).toBe('not_persisted');
    asked.length = 0;
    expect(await requestPersistentStorage(storage(true, false))).toBe('persisted');
    expect(asked).toEqual(['persisted']);
  });

  it('reports a browser without the API, or one that throws', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    const failing = { persisted: async () => Promise.reject(new Error('denied')), persist: async () => true };
    expect(await requestPersistentStorage(failing)).toBe('not_persisted');
  });
});
