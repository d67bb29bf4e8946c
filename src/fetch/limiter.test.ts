import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';
import type { Release } from './limiter.js';

/** Lets queued promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('holds a key at its per-key limit and serves the queue in order', async () => {
    const limiter = createLimiter({ perKey: 2, global: 10 });
    const order: number[] = [];
    const releases: Release[] = [];
    const all = [1, 2, 3, 4].map((n) =>
      limiter.acquire('a.example').then((release) => {
        order.push(n);
        releases.push(release);
      }),
    );
    await settle();
    expect(order).toEqual([1, 2]);
    expect(limiter.waiting).toBe(2);
    releases[0]?.();
    await settle();
    expect(order).toEqual([1, 2, 3]);
    releases[1]?.();
    releases[2]?.();
    releases[3]?.();
    await Promise.all(all);
    releases.forEach((r) => r());
    expect(limiter.active).toBe(0);
  });

  it('caps all keys together at the global limit, and lets other keys through', async () => {
    const limiter = createLimiter({ perKey: 2, global: 3 });
    const a1 = await limiter.acquire('a');
    await limiter.acquire('a');
    const b1 = await limiter.acquire('b');
    let granted = '';
    const pending = [
      limiter.acquire('a').then((r) => ((granted += 'a'), r)),
      limiter.acquire('c').then((r) => ((granted += 'c'), r)),
    ];
    await settle();
    expect(limiter.active).toBe(3);
    expect(granted).toBe('');
    b1(); // a is still at its per-key limit, so c goes first
    await settle();
    expect(granted).toBe('c');
    a1();
    await settle();
    expect(granted).toBe('ca');
    await Promise.all(pending);
  });

  it('ignores a second call of the same release', async () => {
    const limiter = createLimiter({ perKey: 1, global: 1 });
    const release = await limiter.acquire('a');
    release();
    release();
    expect(limiter.active).toBe(0);
    const again = await limiter.acquire('a');
    expect(limiter.active).toBe(1);
    again();
  });

  it('rejects a waiter whose signal aborts and drops it from the queue', async () => {
    const limiter = createLimiter({ perKey: 1, global: 5 });
    const held = await limiter.acquire('a');
    const controller = new AbortController();
    const waiting = limiter.acquire('a', controller.signal);
    controller.abort(new Error('caller gave up'));
    await expect(waiting).rejects.toThrow('caller gave up');
    expect(limiter.waiting).toBe(0);
    held();
    expect(limiter.active).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = createLimiter({ perKey: 1, global: 1 });
    await expect(limiter.acquire('a', AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late');
    expect(limiter.active).toBe(0);
  });

  it.each([
    [{ perKey: 0, global: 1 }],
    [{ perKey: 1, global: 1.5 }],
  ])('refuses bad limits %j', (limits) => {
    expect(() => createLimiter(limits)).toThrow(RangeError);
  });
});
