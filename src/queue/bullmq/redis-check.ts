/**
 * The start-up check for the Redis behind BullMQ: it must answer, and it must never evict keys.
 * Under any other maxmemory-policy a full Redis silently deletes job keys and locks, so jobs
 * vanish or run twice; BullMQ itself only prints a warning. We refuse to start instead.
 * The probe connection tries once (no reconnect loop), so a wrong URL fails start-up at once.
 */
import { Redis } from 'ioredis';
import { FeedkeeperError } from '../../core/index.js';

export async function assertRedisNoEviction(url: string, where: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000 });
  // Errors arrive as rejections below; without a listener ioredis would also print them.
  client.on('error', () => {});
  try {
    await client.connect().catch((err: unknown) => {
      throw new FeedkeeperError('QUEUE_UNAVAILABLE', `queue: cannot connect to Redis at ${where}: ${(err as Error).message}`, { cause: err });
    });
    const policy = await readPolicy(client, where);
    if (policy !== 'noeviction') {
      throw new FeedkeeperError(
        'QUEUE_UNAVAILABLE',
        `queue: Redis at ${where} has maxmemory-policy "${policy}"; BullMQ needs "noeviction", or a full Redis deletes queued jobs. ` +
          'Set it with `redis-cli CONFIG SET maxmemory-policy noeviction` and `maxmemory-policy noeviction` in redis.conf',
        { details: { maxmemoryPolicy: policy } },
      );
    }
  } finally {
    client.disconnect();
  }
}

/** CONFIG GET, or INFO where a hosted Redis disables CONFIG. */
async function readPolicy(client: Redis, where: string): Promise<string> {
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
    if (policy !== undefined) return policy;
  } catch {
    // Fall through to INFO, which such hosts keep.
  }
  const info = await client.info('memory').catch((err: unknown) => {
    throw new FeedkeeperError('QUEUE_UNAVAILABLE', `queue: Redis at ${where}: cannot read maxmemory-policy: ${(err as Error).message}`, { cause: err });
  });
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (policy === undefined) throw new FeedkeeperError('QUEUE_UNAVAILABLE', `queue: Redis at ${where} does not report its maxmemory-policy`);
  return policy;
}
