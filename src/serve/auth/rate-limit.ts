/**
 * Login attempts, limited per client address and per username, in memory: a fixed window of
 * failures each. A success clears the username's count. In memory is enough for one process; a
 * scaled-out deployment limits at its proxy too. Old windows are dropped as they are seen, and
 * the map is capped so a flood of addresses cannot grow it without bound.
 */
export interface AttemptLimiter {
  /** Milliseconds until the key may try again, or 0 when it may now. */
  blockedFor(keys: readonly string[], nowMs: number): number;
  fail(keys: readonly string[], nowMs: number): void;
  clear(key: string): void;
}

const MAX_KEYS = 10_000;

export function createAttemptLimiter(opts: { max: number; windowMs: number }): AttemptLimiter {
  const windows = new Map<string, { start: number; failures: number }>();
  const live = (key: string, now: number) => {
    const w = windows.get(key);
    if (w !== undefined && now - w.start >= opts.windowMs) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  return {
    blockedFor(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const w = live(key, now);
        if (w !== undefined && w.failures >= opts.max) wait = Math.max(wait, w.start + opts.windowMs - now);
      }
      return wait;
    },
    fail(keys, now) {
      for (const key of keys) {
        const w = live(key, now);
        if (w !== undefined) w.failures++;
        else {
          if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value as string);
          windows.set(key, { start: now, failures: 1 });
        }
      }
    },
    clear(key) {
      windows.delete(key);
    },
  };
}
