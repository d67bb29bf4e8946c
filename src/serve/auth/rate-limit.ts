/**
 * Login attempts, limited per client address and per username: at most `max` failures of a key
 * in any `windowMs`. The failures are kept in the store (LoginAttemptRepo), so a restart does not
 * forgive them and every web process of a scaled-out deployment counts the same ones. A success
 * clears the username's failures (not the address's: one address guessing many names stays
 * limited). Old rows are pruned as failures are recorded, so the table stays the size of a window.
 */
import type { LoginAttemptRepo } from '../../store/index.js';

export interface AttemptLimiter {
  /** Milliseconds until the keys may try again, or 0 when they may now. */
  blockedFor(keys: readonly string[], nowMs: number): Promise<number>;
  fail(keys: readonly string[], nowMs: number): Promise<void>;
  clear(key: string): Promise<void>;
}

export function createAttemptLimiter(attempts: LoginAttemptRepo, opts: { max: number; windowMs: number }): AttemptLimiter {
  return {
    async blockedFor(keys, now) {
      const failures = await attempts.failures(keys, now - opts.windowMs);
      let wait = 0;
      // Sliding window: the key is free again once its oldest failure leaves the window (then a
      // further failure blocks it again at once, if it still has max - 1 in the window).
      for (const { count, first } of failures.values()) if (count >= opts.max) wait = Math.max(wait, first + opts.windowMs - now);
      return wait;
    },
    async fail(keys, now) {
      await attempts.record(keys, now);
      await attempts.prune(now - opts.windowMs);
    },
    clear: (key) => attempts.clear(key),
  };
}
