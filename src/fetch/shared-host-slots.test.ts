/**
 * Per-host slots shared through a real redis-server: two openRedisHostSlots stand for two worker
 * processes (each has its own connection), so the bound holds across them, not just within one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../test/fixture-server.js';
import { redisServerForFile } from '../../test/redis-server-for-file.js';
import { createFetcher } from './fetcher.js';
import { openRedisHostSlots, type SharedHostSlots } from './shared-host-slots.js';
import { CONFIG } from './testdata/fetch-harness.js';

const redis = redisServerForFile();
const { available } = redis;

describe.skipIf(!available)('shared host slots', () => {
  const opened: SharedHostSlots[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((slots) => slots.close()));
  });
  /** Two "processes" on one prefix. */
  function twoWorkers(perHost: number, leaseMs = 30_000): [SharedHostSlots, SharedHostSlots] {
    const prefix = `fk-slots-${randomUUID()}`;
    const pair: [SharedHostSlots, SharedHostSlots] = [
      openRedisHostSlots({ url: redis.url, perHost, leaseMs, prefix }),
      openRedisHostSlots({ url: redis.url, perHost, leaseMs, prefix }),
    ];
    opened.push(...pair);
    return pair;
  }
  const settled = async (p: Promise<unknown>, ms = 150): Promise<boolean> =>
    // A waiter still polling when the test ends rejects once its connection closes: handled here.
    Promise.race([p.then(() => true, () => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

  it('lets one worker wait while another holds the host, and hands the slot over on release', async () => {
    const [a, b] = twoWorkers(1);
    const releaseA = await a.acquire('news.example.org');
    const waiting = b.acquire('NEWS.example.org');
    expect(await settled(waiting)).toBe(false);
    await expect(b.acquire('other.example.org')).resolves.toBeTypeOf('function');
    releaseA();
    expect(await settled(waiting, 2_000)).toBe(true);
  });

  it('admits perHost holders across workers, not per worker', async () => {
    const [a, b] = twoWorkers(2);
    await a.acquire('news.example.org');
    await b.acquire('news.example.org');
    expect(await settled(a.acquire('news.example.org'))).toBe(false);
  });

  it('frees the slot of a holder that never releases once its lease ends', async () => {
    const [a, b] = twoWorkers(1, 200);
    await a.acquire('news.example.org'); // a "crashed" holder: never released
    const started = performance.now();
    await b.acquire('news.example.org');
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('stops waiting when the signal aborts, with its reason', async () => {
    const [a, b] = twoWorkers(1);
    await a.acquire('news.example.org');
    const controller = new AbortController();
    const waiting = b.acquire('news.example.org', controller.signal);
    controller.abort(new Error('fetch deadline'));
    await expect(waiting).rejects.toThrow('fetch deadline');
  });

  it('bounds two fetchers (two workers) to perHostConcurrency requests in flight to a host together', async () => {
    const server = await startFixtureServer();
    let current = 0;
    let peak = 0;
    server.route('/slow', (_req, res) => {
      peak = Math.max(peak, ++current);
      setTimeout(() => {
        current--;
        res.end('done');
      }, 60);
    });
    const prefix = `fk-slots-${randomUUID()}`;
    const fetchers = [1, 2].map(() =>
      createFetcher({ ...CONFIG, perHostConcurrency: 2, sharedHostSlots: openRedisHostSlots({ url: redis.url, perHost: 2, leaseMs: 30_000, prefix }) }),
    );
    try {
      const results = await Promise.all(fetchers.flatMap((f) => [1, 2, 3].map(() => f.fetch(server.url('/slow')))));
      expect(results.every((r) => r.kind === 'ok')).toBe(true);
      expect(peak).toBe(2); // each fetcher alone would allow 2, so 4 without the shared slots
    } finally {
      await Promise.all([...fetchers.map((f) => f.close()), server.close()]);
    }
  });
});
