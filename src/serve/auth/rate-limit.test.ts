import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from './rate-limit.js';

describe('login attempt limiter', () => {
  it('blocks a key after max failures until its window ends', () => {
    const limiter = createAttemptLimiter({ max: 3, windowMs: 60_000 });
    const keys = ['ip:192.0.2.1', 'user:admin'];
    for (let i = 0; i < 3; i++) {
      expect(limiter.blockedFor(keys, 1_000 + i)).toBe(0);
      limiter.fail(keys, 1_000 + i);
    }
    expect(limiter.blockedFor(keys, 10_000)).toBe(51_000);
    expect(limiter.blockedFor(['ip:192.0.2.1'], 10_000)).toBe(51_000);
    expect(limiter.blockedFor(['ip:198.51.100.7', 'user:editor'], 10_000)).toBe(0);
    expect(limiter.blockedFor(keys, 61_000)).toBe(0);
  });

  it('forgets a username’s failures after a success, but not the address’s', () => {
    const limiter = createAttemptLimiter({ max: 2, windowMs: 60_000 });
    limiter.fail(['ip:a', 'user:admin'], 0);
    limiter.fail(['ip:a', 'user:admin'], 1);
    limiter.clear('user:admin');
    expect(limiter.blockedFor(['user:admin'], 2)).toBe(0);
    expect(limiter.blockedFor(['ip:a'], 2)).toBeGreaterThan(0);
  });
});
