/**
 * main.ts picks BullMQ when redisUrl is set: `feedkeeper fetch` and `run` do their refreshes
 * through a real redis-server (its queue keys appear there), and refuse a Redis that may evict keys.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFeeds, removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
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

  it('runs: the scheduler enqueues the due feed on Redis, a worker refreshes it, shutdown is clean', async () => {
    // A Redis of its own, so the keys checked below can only come from this run.
    const own = await startRedisServer();
    const dataDir = await tempDataDir();
    const env = { FEEDKEEPER_REDIS_URL: own.url };
    const common = ['--data-dir', dataDir, '--allow-private-networks'];
    expect((await runFeedkeeper(['add', server.url('/atom.xml'), ...common], { env })).code).toBe(0);
    let stop: (signal: string) => void = () => {};
    const done = runFeedkeeper(['run', '--no-sample', '--port', '0', ...common], { env, shutdown: new Promise((resolve) => (stop = resolve)) });
    const deadline = Date.now() + 10_000;
    while ((await listFeeds(dataDir))[0]?.lastStatus !== 'ok') {
      if (Date.now() > deadline) throw new Error('feed 1 was not refreshed through Redis within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stop('SIGTERM');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`"redisUrl":"${own.url}"`);
    const client = new Redis(own.url);
    try {
      expect(await client.keys('feedkeeper:refreshFeed:*')).not.toEqual([]);
    } finally {
      client.disconnect();
      await own.stop();
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
