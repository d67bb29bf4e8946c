import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/index.js';
import { createAttemptLimiter } from './rate-limit.js';

describe('login attempt limiter', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openSqliteStore({ file: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('blocks a key after max failures until its oldest failure leaves the window', async () => {
    const limiter = createAttemptLimiter(store.loginAttempts, { max: 3, windowMs: 60_000 });
    const keys = ['ip:192.0.2.1', 'user:admin'];
    for (let i = 0; i < 3; i++) {
      expect(await limiter.blockedFor(keys, 1_000 + i)).toBe(0);
      await limiter.fail(keys, 1_000 + i);
    }
    expect(await limiter.blockedFor(keys, 10_000)).toBe(51_000);
    expect(await limiter.blockedFor(['ip:192.0.2.1'], 10_000)).toBe(51_000);
    expect(await limiter.blockedFor(['ip:198.51.100.7', 'user:editor'], 10_000)).toBe(0);
    expect(await limiter.blockedFor(keys, 61_000)).toBe(0);
  });

  it('forgets a username’s failures after a success, but not the address’s', async () => {
    const limiter = createAttemptLimiter(store.loginAttempts, { max: 2, windowMs: 60_000 });
    await limiter.fail(['ip:a', 'user:admin'], 0);
    await limiter.fail(['ip:a', 'user:admin'], 1);
    await limiter.clear('user:admin');
    expect(await limiter.blockedFor(['user:admin'], 2)).toBe(0);
    expect(await limiter.blockedFor(['ip:a'], 2)).toBeGreaterThan(0);
  });

  it('survives a restart: a new limiter on the same store still blocks', async () => {
    await createAttemptLimiter(store.loginAttempts, { max: 2, windowMs: 60_000 }).fail(['user:mei'], 0);
    await createAttemptLimiter(store.loginAttempts, { max: 2, windowMs: 60_000 }).fail(['user:mei'], 5);
    const fresh = createAttemptLimiter(store.loginAttempts, { max: 2, windowMs: 60_000 });
    expect(await fresh.blockedFor(['user:mei'], 10)).toBe(59_990);
  });

  it('prunes failures older than the window as it records new ones', async () => {
    const limiter = createAttemptLimiter(store.loginAttempts, { max: 5, windowMs: 1_000 });
    await limiter.fail(['ip:old'], 0);
    await limiter.fail(['ip:new'], 5_000);
    expect([...(await store.loginAttempts.failures(['ip:old', 'ip:new'], 0)).keys()]).toEqual(['ip:new']);
  });
});
