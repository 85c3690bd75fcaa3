import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE_LIMITS, LoginThrottle, type Refusal } from './loginThrottle';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const fail = (throttle: LoginThrottle, username: string, address: string) => {
  const attempt = throttle.begin(username, address);
  if (typeof attempt !== 'function') return attempt;
  attempt(false);
  return null;
};

describe('login throttle', () => {
  it('locks a user name for 15 minutes after 5 failures within 15 minutes, from any address', () => {
    const time = clock();
    const throttle = new LoginThrottle(DEFAULT_THROTTLE_LIMITS, time.now);
    for (let i = 0; i < 5; i++) expect(fail(throttle, 'amr1', `10.0.0.${i}`)).toBeNull();
    expect(throttle.begin('AMR1', '10.9.9.9')).toEqual({ reason: 'username', retryAfterSeconds: 900 });
    time.advance(14 * 60_000);
    expect((throttle.begin('amr1', '10.9.9.9') as Refusal).retryAfterSeconds).toBe(60);
    time.advance(60_000);
    expect(typeof throttle.begin('amr1', '10.9.9.9')).toBe('function');
  });

  it('forgets failures older than the window and clears a name on success', () => {
    const time = clock();
    const throttle = new LoginThrottle(DEFAULT_THROTTLE_LIMITS, time.now);
    for (let i = 0; i < 4; i++) fail(throttle, 'amr1', 'a');
    const good = throttle.begin('amr1', 'a');
    if (typeof good !== 'function') throw new Error('refused');
    good(true);
    for (let i = 0; i < 4; i++) expect(fail(throttle, 'amr1', 'a')).toBeNull();
    time.advance(15 * 60_000 + 1);
    for (let i = 0; i < 4; i++) expect(fail(throttle, 'amr1', 'a')).toBeNull();
  });

  it('holds an address back after 20 failures within 10 minutes, whichever names it tries', () => {
    const time = clock();
    const throttle = new LoginThrottle(DEFAULT_THROTTLE_LIMITS, time.now);
    for (let i = 0; i < 20; i++) expect(fail(throttle, `name${i}`, 'evil')).toBeNull();
    expect(throttle.begin('someone-else', 'evil')).toEqual({ reason: 'address', retryAfterSeconds: 600 });
    // Other addresses and the names it tried once are not locked.
    expect(typeof throttle.begin('name0', 'good')).toBe('function');
  });

  it('counts attempts in flight, so a burst is held to the same limit', () => {
    const throttle = new LoginThrottle();
    const attempts = Array.from({ length: 8 }, () => throttle.begin('amr1', 'x'));
    expect(attempts.filter((a) => typeof a === 'function')).toHaveLength(5);
  });

  it('lets an office sign in fifty officers at once from one address', () => {
    const throttle = new LoginThrottle();
    const attempts = Array.from({ length: 50 }, (_, i) => throttle.begin(`officer${i}`, 'office'));
    expect(attempts.every((a) => typeof a === 'function')).toBe(true);
    for (const end of attempts) (end as (succeeded: boolean) => void)(true);
    expect(typeof throttle.begin('officer50', 'office')).toBe('function');
  });

  it('holds a burst of guesses from one address to its failures plus the attempts it may have in flight', () => {
    const time = clock();
    const throttle = new LoginThrottle(DEFAULT_THROTTLE_LIMITS, time.now);
    const burst = Array.from({ length: 200 }, (_, i) => throttle.begin(`name${i}`, 'evil'));
    const admitted = burst.filter((a) => typeof a === 'function') as ((succeeded: boolean) => void)[];
    expect(admitted).toHaveLength(DEFAULT_THROTTLE_LIMITS.addressInFlight);
    expect(burst.find((a) => typeof a !== 'function')).toEqual({ reason: 'address', retryAfterSeconds: 1 });
    for (const end of admitted) end(false);
    // Every guess failed: the address is held for the window, in flight or not.
    expect(throttle.begin('another', 'evil')).toEqual({ reason: 'address', retryAfterSeconds: 600 });
    time.advance(10 * 60_000 + 1);
    expect(typeof throttle.begin('another', 'evil')).toBe('function');
  });

  it('stays within its key budget', () => {
    const throttle = new LoginThrottle({ ...DEFAULT_THROTTLE_LIMITS, maxKeys: 50, addressFailures: 1_000_000 });
    for (let i = 0; i < 500; i++) fail(throttle, `n${i}`, `a${i % 3}`);
    expect((throttle as unknown as { names: Map<string, unknown> }).names.size).toBeLessThanOrEqual(50);
  });
});
