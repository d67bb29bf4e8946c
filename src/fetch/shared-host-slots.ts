/**
 * Per-host concurrency across processes: when feedkeeper's workers run on several machines, each
 * one's own limiter would let N workers send N × perHostConcurrency requests to one host. These
 * slots live in Redis instead (the Redis of the BullMQ queue): one sorted set per host whose
 * members are the holders, scored by when their lease ends. Taking a slot is one Lua script
 * (drop expired leases, count, add), so two workers never both take the last slot; a worker that
 * dies holding one loses it when the lease ends. The lease outlasts any fetch (the caller passes
 * the fetch timeout plus slack), so a live holder never loses its slot mid-request.
 * Waiting is polling with a short backoff, aborted by the caller's signal.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { FeedkeeperError } from '../core/errors.js';
import type { Release } from './limiter.js';

export interface SharedHostSlots {
  /** Resolves with a release once fewer than perHost holders anywhere hold this host; rejects with `signal.reason` if aborted. */
  acquire(host: string, signal?: AbortSignal): Promise<Release>;
  close(): Promise<void>;
}

const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

export function openRedisHostSlots(opts: { url: string; perHost: number; leaseMs: number; prefix?: string }): SharedHostSlots {
  const client = new Redis(opts.url, { maxRetriesPerRequest: null });
  // Connection errors surface as rejected commands, and ioredis reconnects with backoff.
  client.on('error', () => {});
  let closed = false;
  const keyOf = (host: string): string => `${opts.prefix ?? 'feedkeeper'}:host-slots:${host.toLowerCase()}`;

  async function tryTake(key: string, token: string): Promise<boolean> {
    // Redis's clock, not ours: workers on several machines must agree on when a lease ends.
    const [seconds, micros] = await client.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const took = await client.eval(TAKE, 1, key, String(now), String(opts.perHost), String(now + opts.leaseMs), token, String(opts.leaseMs));
    return took === 1;
  }

  return {
    async acquire(host, signal) {
      const key = keyOf(host);
      const token = randomUUID();
      for (let waitMs = 10; !(await tryTake(key, token)); waitMs = Math.min(waitMs * 2, 250)) {
        await sleep(waitMs, signal);
        if (closed) throw new FeedkeeperError('FETCH_NETWORK', `fetch: waiting for a slot for ${host}: the fetcher is closed`);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // A failed release only keeps the slot until its lease ends.
        client.zrem(key, token).catch(() => {});
      };
    },
    async close() {
      closed = true;
      await client.quit().catch(() => client.disconnect());
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
