// Sign-in throttling, in memory: answered before any password is hashed, so a flood of guesses costs no scrypt and a
// good officer's sign-in costs two map look-ups. Two counters of failures in a sliding window:
// - per user name (normalised): 5 failures within 15 minutes lock that name for 15 minutes, whichever address tries;
// - per client address: 20 failures within 10 minutes hold that address back until the window has room again. One
//   address can therefore lock at most four names per window, so it cannot lock out everyone, and it cannot walk a
//   list of names quickly.
// A name's attempts in flight count as failures until they end, so a burst at one name is held to its limit. An
// address's do not: one office behind one NAT address signs in dozens of officers at once on a Monday morning.
// Instead an address may have at most 64 attempts in flight, so a burst of guesses gains at most that many over its
// 20 failures before the window holds it back. The state
// is per endpoint process and forgotten at a restart (a restart does not help an attacker who cannot cause it).

export interface ThrottleLimits {
  usernameFailures: number;
  usernameWindowMs: number;
  usernameLockMs: number;
  addressFailures: number;
  addressWindowMs: number;
  /** Attempts one address may have in flight at once (good sign-ins of an office arrive together). */
  addressInFlight: number;
  /** Keys kept at most; past it the oldest are dropped (their windows have mostly expired). */
  maxKeys: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  usernameFailures: 5,
  usernameWindowMs: 15 * 60_000,
  usernameLockMs: 15 * 60_000,
  addressFailures: 20,
  addressWindowMs: 10 * 60_000,
  addressInFlight: 64,
  maxKeys: 100_000,
};

interface Counter {
  /** Times of recent failures, oldest first. */
  failures: number[];
  pending: number;
  lockedUntil: number;
}

export interface Refusal {
  reason: 'username' | 'address';
  retryAfterSeconds: number;
}

export class LoginThrottle {
  private readonly names = new Map<string, Counter>();
  private readonly addresses = new Map<string, Counter>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Starts an attempt: a refusal when the name is locked or the address has used up its window, otherwise a function
   * that ends the attempt with its outcome. Call it before the password is checked.
   */
  begin(username: string, address: string): Refusal | ((succeeded: boolean) => void) {
    const now = this.clock();
    const name = this.counter(this.names, normalise(username), now, this.limits.usernameWindowMs);
    const client = this.counter(this.addresses, address, now, this.limits.addressWindowMs);
    if (name.lockedUntil > now) return { reason: 'username', retryAfterSeconds: seconds(name.lockedUntil - now) };
    if (name.failures.length + name.pending >= this.limits.usernameFailures)
      return { reason: 'username', retryAfterSeconds: seconds(this.limits.usernameLockMs) };
    if (client.failures.length >= this.limits.addressFailures) {
      const oldest = client.failures[0]!;
      return { reason: 'address', retryAfterSeconds: seconds(oldest + this.limits.addressWindowMs - now) };
    }
    // Answered as soon as one of them ends: a second is the honest wait.
    if (client.pending >= this.limits.addressInFlight) return { reason: 'address', retryAfterSeconds: 1 };
    name.pending++;
    client.pending++;
    let ended = false;
    return (succeeded) => {
      if (ended) return;
      ended = true;
      name.pending--;
      client.pending--;
      const at = this.clock();
      if (succeeded) {
        // A good sign-in clears its name's count, never the address's (one valid account must not reset a guesser).
        name.failures = [];
        return;
      }
      name.failures.push(at);
      client.failures.push(at);
      if (name.failures.length >= this.limits.usernameFailures) name.lockedUntil = at + this.limits.usernameLockMs;
    };
  }

  private counter(map: Map<string, Counter>, key: string, now: number, windowMs: number): Counter {
    let counter = map.get(key);
    if (!counter) {
      if (map.size >= this.limits.maxKeys) this.prune(map, now, windowMs);
      counter = { failures: [], pending: 0, lockedUntil: 0 };
      map.set(key, counter);
    } else {
      // Refreshed position: a key in use is the last to be dropped.
      map.delete(key);
      map.set(key, counter);
    }
    while (counter.failures.length > 0 && counter.failures[0]! <= now - windowMs) counter.failures.shift();
    return counter;
  }

  /** Drops idle keys; if every key is busy, the least recently used tenth. */
  private prune(map: Map<string, Counter>, now: number, windowMs: number): void {
    for (const [key, c] of map) if (c.pending === 0 && c.lockedUntil <= now && (c.failures.at(-1) ?? 0) <= now - windowMs) map.delete(key);
    if (map.size < this.limits.maxKeys) return;
    let drop = Math.ceil(this.limits.maxKeys / 10);
    for (const key of map.keys()) {
      if (drop-- <= 0) break;
      map.delete(key);
    }
  }
}

const normalise = (username: string) => username.normalize('NFKC').trim().toLowerCase();
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
