/**
 * main.ts picks BullMQ when redisUrl is set: `feedkeeper fetch` runs its refreshes through a real
 * redis-server (its queue keys appear there), and refuses a Redis that may evict keys.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { haveRedisServer, startRedisServer, type RedisServer } from '../../../test/redis-server.js';

const available = haveRedisServer();
let server: FixtureServer;
let redis: RedisServer;

beforeAll(async () => {
  if (!available) return;
  server = await startFixtureServer();
  serveNewsSite(server);
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all([server?.close(), redis?.stop()]);
  await removeTempDirs();
});

describe.skipIf(!available)('feedkeeper on BullMQ', () => {
  it('fetches through the Redis queue when FEEDKEEPER_REDIS_URL is set', async () => {
    const dataDir = await tempDataDir();
    const fk = (...args: string[]) =>
      runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks'], { env: { FEEDKEEPER_REDIS_URL: redis.url } });
    expect((await fk('add', server.url('/rss.xml'))).code).toBe(0);
    const r = await fk('fetch');
    expect(r.stderr).toContain('fetched 1 城东晨报: 3 new, 0 revised');
    expect(r.code).toBe(0);
    const client = new Redis(redis.url);
    try {
      expect(await client.keys('feedkeeper:refreshFeed:*')).not.toEqual([]);
    } finally {
      client.disconnect();
    }
  });

  it('refuses to fetch with a Redis whose maxmemory-policy evicts keys', async () => {
    const evicting = await startRedisServer({ maxmemoryPolicy: 'volatile-lru' });
    try {
      const dataDir = await tempDataDir();
      const r = await runFeedkeeper(['fetch', '--data-dir', dataDir, '--redis-url', evicting.url]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('maxmemory-policy "volatile-lru"');
    } finally {
      await evicting.stop();
    }
  });
});
