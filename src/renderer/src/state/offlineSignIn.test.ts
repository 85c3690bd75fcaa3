import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../../tests/support/memoryStorage';
import { OFFLINE_ITERATIONS, OFFLINE_UNLOCK_DAYS, OfflineUnlockError, offlineSignIn } from './offlineSignIn';

const session = {
  officer: { id: 'off-1', name: '张伟', departmentId: 'dep-amr', unitId: 'unit-1', role: 'inspector' as const },
  expiresAt: '2025-05-01T12:00:00+08:00',
};
const other = { ...session, officer: { ...session.officer, id: 'off-2', name: '李娜' } };
// Fewer iterations keep the test fast; the production figure is checked on its own below.
const fast = { iterations: 1_000 };

describe('offline sign-in', () => {
  it('unlocks with the password of the last online sign-in, and keeps neither the password nor a token', async () => {
    const storage = new MemoryStorage();
    await offlineSignIn(storage, fast).remember('zhangwei', 'demo1234', session);
    expect(await offlineSignIn(storage, fast).unlock('zhangwei', 'demo1234')).toEqual(session);
    const stored = storage.getItem('onevisit.offlineSignIn') ?? '';
    expect(stored).not.toContain('demo1234');
    expect(stored).not.toMatch(/token/i);
  });

  it('refuses a wrong password with a clear error, and knows nothing of a user never signed in here', async () => {
    const storage = new MemoryStorage();
    await offlineSignIn(storage, fast).remember('zhangwei', 'demo1234', session);
    await expect(offlineSignIn(storage, fast).unlock('zhangwei', 'demo12345')).rejects.toEqual(new OfflineUnlockError('wrong_password'));
    expect(await offlineSignIn(storage, fast).unlock('lina', 'demo1234')).toBeNull();
  });

  it('salts each verifier, so the same password gives different hashes', async () => {
    const storage = new MemoryStorage();
    const store = offlineSignIn(storage, fast);
    await store.remember('zhangwei', 'demo1234', session);
    await store.remember('lina', 'demo1234', other);
    const all = JSON.parse(storage.getItem('onevisit.offlineSignIn')!) as Record<string, { salt: string; hash: string }>;
    expect(all.zhangwei!.salt).not.toBe(all.lina!.salt);
    expect(all.zhangwei!.hash).not.toBe(all.lina!.hash);
    expect(await store.unlock('lina', 'demo1234')).toEqual(other);
  });

  it('uses a high iteration count by default', async () => {
    expect(OFFLINE_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const storage = new MemoryStorage();
    await offlineSignIn(storage).remember('zhangwei', 'demo1234', session);
    expect(JSON.parse(storage.getItem('onevisit.offlineSignIn')!).zhangwei.iterations).toBe(OFFLINE_ITERATIONS);
  });

  it('expires some weeks after the last online sign-in', async () => {
    const storage = new MemoryStorage();
    await offlineSignIn(storage, { ...fast, now: () => new Date('2025-05-01T00:00:00Z') }).remember('zhangwei', 'demo1234', session);
    const later = (days: number) =>
      offlineSignIn(storage, { ...fast, now: () => new Date(Date.parse('2025-05-01T00:00:00Z') + days * 86_400_000) });
    expect(await later(OFFLINE_UNLOCK_DAYS - 1).unlock('zhangwei', 'demo1234')).toEqual(session);
    await expect(later(OFFLINE_UNLOCK_DAYS + 1).unlock('zhangwei', 'demo1234')).rejects.toEqual(new OfflineUnlockError('expired'));
  });

  it('forgets every verifier of an officer whose local data was wiped', async () => {
    const storage = new MemoryStorage();
    const store = offlineSignIn(storage, fast);
    await store.remember('zhangwei', 'demo1234', session);
    await store.remember('lina', 'demo1234', other);
    store.forgetOfficer('off-1');
    expect(await store.unlock('zhangwei', 'demo1234')).toBeNull();
    expect(await store.unlock('lina', 'demo1234')).toEqual(other);
  });
});
