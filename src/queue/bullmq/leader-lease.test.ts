/**
 * The scheduler's leader lease on a real redis-server: one holder at a time among many processes'
 * leases on the same key, a hand-over on release, a take-over when the holder stops renewing (its
 * key expires), stepping down when another token holds the key, no crash on an unreachable Redis,
 * and a Redis restart: the holder steps down while it is away and leads again after reconnecting.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClosedPort } from '../../../test/fixture-server.js';
import { haveRedisServer, startRedisServer, type RedisServer } from '../../../test/redis-server.js';
import type { LeaderLease } from '../queue.js';
import { openRedisLeaderLease } from './index.js';

const available = haveRedisServer();
let redis: RedisServer;
let admin: Redis;
beforeAll(async () => {
  if (!available) return;
  redis = await startRedisServer();
  admin = new Redis(redis.url);
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, ok: () => boolean, withinMs: number): Promise<void> {
  const end = Date.now() + withinMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`not within ${withinMs} ms: ${what}`);
    await sleep(20);
  }
}
const leaders = (leases: LeaderLease[]) => leases.filter((l) => l.isLeader()).length;

describe.skipIf(!available)('leader lease on Redis', () => {
  it('has exactly one holder among five, and hands over on release', async () => {
    const key = `fk-lease-${randomUUID()}`;
    const leases = await Promise.all(Array.from({ length: 5 }, () => openRedisLeaderLease({ url: redis.url, key, ttlMs: 1_000, renewMs: 100 })));
    await until('one lease leads', () => leaders(leases) === 1, 3_000);
    for (let i = 0; i < 10; i++) {
      expect(leaders(leases)).toBeLessThanOrEqual(1);
      await sleep(50);
    }
    const first = leases.find((l) => l.isLeader())!;
    await first.release();
    const rest = leases.filter((l) => l !== first);
    await until('another lease leads after the release', () => leaders(rest) === 1, 1_000);
    await Promise.all(rest.map((l) => l.release()));
    expect(await admin.exists(key)).toBe(0);
  });

  it('is taken over only after a silent holder\'s key expires', async () => {
    const key = `fk-lease-${randomUUID()}`;
    // A holder that was killed: its key is there, and nobody renews it.
    await admin.set(key, 'killed-worker', 'PX', 800);
    const lease = await openRedisLeaderLease({ url: redis.url, key, ttlMs: 1_000, renewMs: 100 });
    await sleep(500);
    expect(lease.isLeader()).toBe(false);
    await until('the lease is taken over after the TTL', () => lease.isLeader(), 1_500);
    await lease.release();
  });

  it('steps down when another token holds the key', async () => {
    const key = `fk-lease-${randomUUID()}`;
    const lease = await openRedisLeaderLease({ url: redis.url, key, ttlMs: 5_000, renewMs: 100 });
    await until('the lease leads', () => lease.isLeader(), 2_000);
    await admin.set(key, 'someone-else', 'PX', 5_000);
    await until('the lease steps down', () => !lease.isLeader(), 1_000);
    await lease.release();
    expect(await admin.get(key)).toBe('someone-else');
  });

  it('never leads, and does not crash, while Redis cannot be reached', async () => {
    const lease = await openRedisLeaderLease({ url: `redis://127.0.0.1:${await findClosedPort()}`, key: 'k', ttlMs: 500, renewMs: 50 });
    await sleep(400);
    expect(lease.isLeader()).toBe(false);
    await lease.release();
  });

  it('steps down when Redis goes away, and leads again once it is back', async () => {
    const own = await startRedisServer();
    const lease = await openRedisLeaderLease({ url: own.url, key: 'k', ttlMs: 1_000, renewMs: 100 });
    try {
      expect(lease.isLeader()).toBe(true);
      await own.stop();
      await until('the lease steps down without Redis', () => !lease.isLeader(), 1_500);
      const again = await startRedisServer({ port: own.port });
      try {
        await until('the lease leads again after the reconnect', () => lease.isLeader(), 10_000);
      } finally {
        await lease.release();
        await again.stop();
      }
    } catch (err) {
      await lease.release();
      throw err;
    }
  });
});
