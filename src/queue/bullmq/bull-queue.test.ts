/**
 * The BullMQ queue against a real redis-server the test starts (test/redis-server.ts): the shared
 * contract, then what is BullMQ's own: the noeviction refusal, ids BullMQ would reject, failure
 * reporting, and jobs surviving close() for the next process. Each queue gets its own key prefix,
 * so tests never see each other's jobs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isFeedkeeperError } from '../../core/index.js';
import { redisServerForFile } from '../../../test/redis-server-for-file.js';
import { startRedisServer } from '../../../test/redis-server.js';
import { queueContract } from '../contract.js';
import type { JobQueue } from '../queue.js';
import { openBullQueue, type BullQueueOptions } from './index.js';

const redis = redisServerForFile();
const { available } = redis;

const prefix = (): string => `fk-test-${randomUUID()}`;
// The contract makes jobs fail on purpose; reporting is asserted below, so keep stderr quiet here.
queueContract('bullmq', () => openBullQueue({ url: redis.url, prefix: prefix(), onFailed: () => {} }), { skip: !available });

describe.skipIf(!available)('BullMQ queue', () => {
  const opened: JobQueue[] = [];
  async function open(opts: Partial<BullQueueOptions> = {}): Promise<JobQueue> {
    const q = await openBullQueue({ url: redis.url, prefix: prefix(), onFailed: () => {}, ...opts });
    opened.push(q);
    return q;
  }
  afterAll(async () => {
    await Promise.all(opened.map((q) => q.close()));
  });

  it.each([
    ['an integer', '42', '43'],
    ['a colon', 'feed:1', 'feed:2'],
    ['two colons, which BullMQ takes for a repeatable id', 'a:b:c', 'a:b:d'],
    ['an escaped colon beside a real one', 'x%3Ay', 'x:y'],
  ])('dedupes and tells apart ids with %s', async (_case, id, other) => {
    const q = await open();
    await q.add('refreshFeed', { feedId: 1 }, { jobId: id });
    await q.add('refreshFeed', { feedId: 1 }, { jobId: id });
    await q.add('refreshFeed', { feedId: 2 }, { jobId: other });
    expect(await q.depth()).toBe(2);
  });

  it('reports a job that fails its last attempt to onFailed, once', async () => {
    const onFailed = vi.fn();
    const q = await open({ onFailed });
    q.process('refreshFeed', async () => {
      throw new Error('feed host said 500');
    }, { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 9 }, { attempts: 2, backoffMs: 5 });
    await q.drain();
    await vi.waitFor(() => expect(onFailed).toHaveBeenCalledOnce());
    expect(onFailed).toHaveBeenCalledWith('refreshFeed', { feedId: 9 }, expect.objectContaining({ message: 'feed host said 500' }));
  });

  it('keeps jobs that had not started across close(), for the next process', async () => {
    const shared = prefix();
    const first = await open({ prefix: shared });
    await first.add('refreshFeed', { feedId: 5 }, { jobId: 'feed-5' });
    await first.close();
    const second = await open({ prefix: shared });
    expect(await second.depth()).toBe(1);
    const seen: number[] = [];
    second.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
    await second.drain();
    expect(seen).toEqual([5]);
  });

  it('rejects add() after close() with QUEUE_CLOSED, naming the job', async () => {
    const q = await open();
    await q.close();
    const err: unknown = await q.add('refreshFeed', { feedId: 3 }).catch((e: unknown) => e);
    expect(isFeedkeeperError(err, 'QUEUE_CLOSED')).toBe(true);
    expect((err as Error).message).toBe('queue: cannot add refreshFeed {"feedId":3}: the queue is closed');
  });

  it('rejects bad options with the same USAGE errors as the memory queue', async () => {
    const q = await open();
    const err: unknown = await q.add('refreshFeed', { feedId: 1 }, { attempts: 0 }).catch((e: unknown) => e);
    expect(isFeedkeeperError(err, 'USAGE')).toBe(true);
    expect(() => q.process('refreshFeed', async () => {}, { concurrency: 0 })).toThrow(/concurrency: expected an integer ≥ 1/);
  });
});

describe.skipIf(!available)('BullMQ queue start-up checks', () => {
  it('refuses a Redis whose maxmemory-policy evicts keys, saying how to fix it', async () => {
    const evicting = await startRedisServer({ maxmemoryPolicy: 'allkeys-lru' });
    try {
      const err: unknown = await openBullQueue({ url: evicting.url, prefix: prefix() }).catch((e: unknown) => e);
      expect(isFeedkeeperError(err, 'QUEUE_UNAVAILABLE')).toBe(true);
      expect((err as Error).message).toContain(`Redis at ${evicting.url} has maxmemory-policy "allkeys-lru"`);
      expect((err as Error).message).toContain('CONFIG SET maxmemory-policy noeviction');
    } finally {
      await evicting.stop();
    }
  });

  it('refuses a Redis nobody answers at, without the password in the message', async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const err: unknown = await openBullQueue({ url: `redis://:hunter2secret@127.0.0.1:${gone.port}` }).catch((e: unknown) => e);
    expect(isFeedkeeperError(err, 'QUEUE_UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toContain(`cannot connect to Redis at redis://:[redacted]@127.0.0.1:${gone.port}`);
    expect((err as Error).message).not.toContain('hunter2secret');
  });
});
