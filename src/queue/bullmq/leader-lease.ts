/**
 * The scheduler's leader lease in the queue's Redis: one key, `SET key token NX PX ttl` to take it,
 * a compare-and-extend script to renew it every `renewMs`, a compare-and-delete script to give it up.
 * Only the holder's token extends or deletes the key, so a process that lost the lease (paused past
 * its TTL, cut off from Redis) can never extend or delete its successor's.
 *
 * The process also keeps its own clock on the lease: it counts itself leader only until `ttl - margin`
 * after the start of its last successful renewal, so it steps down before Redis expires the key
 * even when Redis is unreachable and cannot say so. A tick that races the very end of a lease adds
 * jobs by id, so at worst it queues what the next leader would have queued too.
 *
 * Redis blips are weather: ioredis reconnects with backoff, commands fail fast while it is away
 * (no offline queue), and each failed attempt is logged at debug and retried on the next beat.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { redactUrlPassword } from '../../config/index.js';
import { silentLogger, systemClock, type Clock, type Logger } from '../../core/index.js';
import type { LeaderLease } from '../queue.js';

export interface RedisLeaseOptions {
  url: string;
  /** The key; processes that share a scheduler must share it. Default `feedkeeper:scheduler-leader`. */
  key?: string;
  /** How long a lease lasts without renewal. Default 20 s: a killed leader is replaced within that. */
  ttlMs?: number;
  /** How often the holder renews and the others try to take it. Default a quarter of the TTL. */
  renewMs?: number;
  clock?: Clock;
  logger?: Logger;
}

const DEFAULT_LEASE_TTL_MS = 20_000;

// KEYS[1] the lease, ARGV[1] our token, ARGV[2] the TTL in ms.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Opens the lease and resolves after the first try to take it, so a scheduler started then knows at once whether it leads. */
export async function openRedisLeaderLease(opts: RedisLeaseOptions): Promise<LeaderLease> {
  const key = opts.key ?? 'feedkeeper:scheduler-leader';
  const ttlMs = opts.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const renewMs = opts.renewMs ?? Math.max(100, Math.floor(ttlMs / 4));
  // Step down a little before Redis would expire the key: a renewal's round trip takes time.
  const marginMs = Math.min(1_000, Math.floor(ttlMs / 10));
  const clock = opts.clock ?? systemClock;
  const log = (opts.logger ?? silentLogger).child({ component: 'leader', redis: redactUrlPassword(opts.url) });
  const token = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const client = new Redis(opts.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, lazyConnect: false });
  let lastError = '';
  client.on('error', (err: Error) => {
    // ioredis reconnects by itself; say so once per distinct failure, not once per retry.
    if (err.message !== lastError) log.warn({ err: err.message }, 'leader lease: Redis connection failed; reconnecting');
    lastError = err.message;
  });
  client.on('ready', () => {
    lastError = '';
  });

  let validUntil = 0;
  let stopped = false;
  let beat: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const leading = (): boolean => clock.now() < validUntil;

  const attempt = async (): Promise<void> => {
    const started = clock.now();
    const wasLeader = leading();
    try {
      // Once held, extend it; when that finds the key gone or someone else's, try to take it afresh.
      const renewed = validUntil > 0 && (await client.eval(RENEW, 1, key, token, String(ttlMs))) === 1;
      const ok = renewed || (await client.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
      if (ok) {
        validUntil = started + ttlMs - marginMs;
        if (!wasLeader) log.info({ token, ttlMs }, 'became the scheduler leader');
      } else {
        if (wasLeader) log.warn({ token }, 'lost the scheduler lease to another process');
        validUntil = 0;
      }
    } catch (err) {
      log.debug({ err: (err as Error).message }, 'leader lease: renewal failed; retrying on the next beat');
      if (wasLeader && !leading()) log.warn({ token }, 'scheduler lease expired while Redis was unreachable; stepping down');
    }
  };

  const loop = (): void => {
    if (stopped) return;
    beat = attempt().finally(() => {
      if (!stopped) timer = setTimeout(loop, renewMs);
    });
  };
  // Commands fail fast while disconnected, so the first try waits for the connection (or its first failure).
  await new Promise<void>((resolve) => {
    const done = (): void => {
      client.off('ready', done).off('error', done);
      resolve();
    };
    client.once('ready', done).once('error', done);
  });
  loop();
  await beat;

  return {
    isLeader: leading,
    async release() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await beat;
      if (validUntil > 0) {
        await client.eval(RELEASE, 1, key, token).catch((err: unknown) => {
          log.warn({ err: (err as Error).message }, 'leader lease: could not give the lease up; it expires by itself');
        });
        if (leading()) log.info({ token }, 'gave up the scheduler lease');
      }
      validUntil = 0;
      client.disconnect();
    },
  };
}
