/**
 * The JobQueue behaviour every implementation must show, written once and run against each one
 * (the pattern of Hono's shared router suite). An implementation's test file is a few lines:
 *
 *   queueContract('memory', () => createMemoryQueue({ onFailed: () => {} }));
 *   queueContract('bullmq', () => openBullQueue({ url }), { skip: !process.env.REDIS_URL });
 *
 * Real timers with 10–50 ms delays, and lower-bound assertions with a little slack, so a queue that
 * round-trips through Redis passes too. Only tests import this file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue } from './queue.js';

/** Scheduling slack for timer assertions: timers may fire up to a couple of ms "early" by clock rounding. */
const SLACK_MS = 3;

export function queueContract(
  name: string,
  make: () => Promise<JobQueue> | JobQueue,
  opts: { skip?: boolean } = {},
): void {
  describe.skipIf(opts.skip ?? false)(`JobQueue contract: ${name}`, () => {
    const opened: JobQueue[] = [];
    async function open(): Promise<JobQueue> {
      const queue = await make();
      opened.push(queue);
      return queue;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
    });

    describe('running jobs', () => {
      it('runs an added job with its data, and drain() waits for it', async () => {
        const q = await open();
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => {
          await sleep(10);
          seen.push(feedId);
        }, { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 7 });
        await q.drain();
        expect(seen).toEqual([7]);
      });

      it('keeps jobs added before a handler is registered, and runs them in order', async () => {
        const q = await open();
        for (const feedId of [1, 2, 3]) await q.add('refreshFeed', { feedId });
        expect(await q.depth()).toBe(3);
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
        await q.drain();
        expect(seen).toEqual([1, 2, 3]);
        expect(await q.depth()).toBe(0);
      });

      it('resolves drain() at once when there is nothing to do', async () => {
        const q = await open();
        await expect(q.drain()).resolves.toBeUndefined();
      });

      it('runs identical data twice when no jobId is given', async () => {
        const q = await open();
        const seen: number[] = [];
        q.process('extractArticle', async ({ articleId }) => void seen.push(articleId), { concurrency: 1 });
        await q.add('extractArticle', { articleId: 5 });
        await q.add('extractArticle', { articleId: 5 });
        await q.drain();
        expect(seen).toEqual([5, 5]);
      });
    });

    describe('delays', () => {
      it('waits delayMs before the first run, counting the job in depth() meanwhile', async () => {
        const q = await open();
        const addedAt = performance.now();
        let ranAfterMs = -1;
        q.process('refreshFeed', async () => {
          ranAfterMs = performance.now() - addedAt;
        }, { concurrency: 1 });
        // A delay well above a loaded machine's scheduling hiccups (seen: over 400 ms), so the job is still waiting when depth() asks.
        await q.add('refreshFeed', { feedId: 1 }, { delayMs: 1000 });
        await sleep(10);
        expect(ranAfterMs).toBe(-1);
        const depth = await q.depth();
        if (performance.now() - addedAt < 900) expect(depth).toBe(1);
        await q.drain();
        expect(ranAfterMs).toBeGreaterThanOrEqual(1000 - SLACK_MS);
      });

      it('does not hold up jobs without a delay behind a delayed one', async () => {
        const q = await open();
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 }, { delayMs: 1000 });
        await q.add('refreshFeed', { feedId: 2 });
        await q.drain();
        expect(seen).toEqual([2, 1]);
      });
    });

    describe('dedupe by jobId', () => {
      it('ignores an add whose jobId is already delayed', async () => {
        const q = await open();
        await q.add('refreshFeed', { feedId: 1 }, { jobId: 'feed-1', delayMs: 20 });
        await q.add('refreshFeed', { feedId: 99 }, { jobId: 'feed-1' });
        expect(await q.depth()).toBe(1);
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
        await q.drain();
        expect(seen).toEqual([1]);
      });

      it('ignores an add whose jobId is already waiting', async () => {
        const q = await open();
        await q.add('refreshFeed', { feedId: 1 }, { jobId: 'feed-1' });
        await q.add('refreshFeed', { feedId: 1 }, { jobId: 'feed-1' });
        await q.add('refreshFeed', { feedId: 2 }, { jobId: 'feed-2' });
        expect(await q.depth()).toBe(2);
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
        await q.drain();
        expect(seen).toEqual([1, 2]);
      });

      it('ignores an add whose jobId is running', async () => {
        const q = await open();
        const gate = makeGate();
        let runs = 0;
        q.process('refreshFeed', async () => {
          runs += 1;
          await gate.opened;
        }, { concurrency: 2 });
        await q.add('refreshFeed', { feedId: 1 }, { jobId: 'feed-1' });
        await waitFor(() => runs === 1);
        await q.add('refreshFeed', { feedId: 1 }, { jobId: 'feed-1' });
        expect(await q.depth()).toBe(0);
        gate.open();
        await q.drain();
        expect(runs).toBe(1);
      });

      it('accepts the jobId again once its job has finished, so the handler runs twice', async () => {
        const q = await open();
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 3 }, { jobId: 'feed-3' });
        await q.drain();
        await q.add('refreshFeed', { feedId: 3 }, { jobId: 'feed-3' });
        await q.drain();
        expect(seen).toEqual([3, 3]);
      });

      it('scopes jobIds to the job name', async () => {
        const q = await open();
        const seen: string[] = [];
        q.process('refreshFeed', async ({ feedId }) => void seen.push(`feed ${feedId}`), { concurrency: 1 });
        q.process('extractArticle', async ({ articleId }) => void seen.push(`article ${articleId}`), { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 42 }, { jobId: '42' });
        await q.add('extractArticle', { articleId: 42 }, { jobId: '42' });
        await q.drain();
        expect(seen.sort()).toEqual(['article 42', 'feed 42']);
      });
    });

    describe('concurrency', () => {
      it('never runs more jobs of one name at once than its concurrency, and uses all of it', async () => {
        const q = await open();
        let inFlight = 0;
        let peak = 0;
        let done = 0;
        q.process('refreshFeed', async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await sleep(15);
          inFlight -= 1;
          done += 1;
        }, { concurrency: 2 });
        for (let feedId = 1; feedId <= 6; feedId++) await q.add('refreshFeed', { feedId });
        await q.drain();
        expect(done).toBe(6);
        expect(peak).toBe(2);
      });

      it('bounds each job name separately', async () => {
        const q = await open();
        const gate = makeGate();
        let refreshes = 0;
        const extracted: number[] = [];
        q.process('refreshFeed', async () => {
          refreshes += 1;
          await gate.opened;
        }, { concurrency: 1 });
        q.process('extractArticle', async ({ articleId }) => void extracted.push(articleId), { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 });
        await q.add('refreshFeed', { feedId: 2 });
        await q.add('extractArticle', { articleId: 10 });
        // Both names run at once (BullMQ's workers pick up jobs in no set order, so wait for both)…
        await waitFor(() => extracted.length === 1 && refreshes === 1);
        // …and a moment later the second refresh still waits for the first.
        await sleep(100);
        expect(refreshes).toBe(1);
        gate.open();
        await q.drain();
        expect(refreshes).toBe(2);
      });

      it('counts waiting and delayed jobs in depth(), not running ones', async () => {
        const q = await open();
        const gate = makeGate();
        let started = 0;
        q.process('refreshFeed', async () => {
          started += 1;
          await gate.opened;
        }, { concurrency: 1 });
        for (const feedId of [1, 2, 3]) await q.add('refreshFeed', { feedId });
        await q.add('refreshFeed', { feedId: 4 }, { delayMs: 30 });
        await waitFor(() => started === 1);
        expect(await q.depth()).toBe(3);
        gate.open();
        await q.drain();
        expect(await q.depth()).toBe(0);
      });
    });

    describe('retries', () => {
      it('retries a failing job after at least backoffMs, up to attempts', async () => {
        const q = await open();
        const runTimes: number[] = [];
        q.process('refreshFeed', async () => {
          runTimes.push(performance.now());
          if (runTimes.length < 3) throw new Error('feed host said 503');
        }, { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 }, { attempts: 3, backoffMs: 20 });
        await q.drain();
        expect(runTimes).toHaveLength(3);
        for (const gap of gapsBetween(runTimes)) expect(gap).toBeGreaterThanOrEqual(20 - SLACK_MS);
        expect(await q.depth()).toBe(0);
      });

      it('stops after the last attempt', async () => {
        const q = await open();
        let runs = 0;
        q.process('refreshFeed', async () => {
          runs += 1;
          throw new Error('always broken');
        }, { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 }, { attempts: 2, backoffMs: 10 });
        await q.drain();
        await sleep(40);
        expect(runs).toBe(2);
        expect(await q.depth()).toBe(0);
      });

      it('does not retry by default', async () => {
        const q = await open();
        let runs = 0;
        q.process('refreshFeed', async () => {
          runs += 1;
          throw new Error('broken once');
        }, { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 });
        await q.drain();
        expect(runs).toBe(1);
      });

      it('treats a handler that throws synchronously as a failure', async () => {
        const q = await open();
        let runs = 0;
        q.process('extractArticle', (): Promise<void> => {
          runs += 1;
          if (runs === 1) throw new Error('threw before returning a promise');
          return Promise.resolve();
        }, { concurrency: 1 });
        await q.add('extractArticle', { articleId: 1 }, { attempts: 2, backoffMs: 10 });
        await q.drain();
        expect(runs).toBe(2);
      });

      it('keeps running other jobs after one fails', async () => {
        const q = await open();
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => {
          if (feedId === 1) throw new Error('feed 1 is broken');
          seen.push(feedId);
        }, { concurrency: 1 });
        for (const feedId of [1, 2, 3]) await q.add('refreshFeed', { feedId });
        await q.drain();
        expect(seen).toEqual([2, 3]);
      });
    });

    describe('close()', () => {
      it('waits for jobs in flight', async () => {
        const q = await open();
        let started = false;
        let finished = false;
        q.process('refreshFeed', async () => {
          started = true;
          await sleep(30);
          finished = true;
        }, { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 });
        await waitFor(() => started);
        await q.close();
        expect(finished).toBe(true);
      });

      it('starts no further jobs once closing', async () => {
        const q = await open();
        const gate = makeGate();
        const seen: number[] = [];
        q.process('refreshFeed', async ({ feedId }) => {
          seen.push(feedId);
          await gate.opened;
        }, { concurrency: 1 });
        await q.add('refreshFeed', { feedId: 1 });
        await q.add('refreshFeed', { feedId: 2 });
        await waitFor(() => seen.length === 1);
        const closing = q.close();
        gate.open();
        await closing;
        await sleep(20);
        expect(seen).toEqual([1]);
      });

      it('rejects add() afterwards with an error that says the queue is closed', async () => {
        const q = await open();
        await q.close();
        await expect(q.add('refreshFeed', { feedId: 1 })).rejects.toThrow(/closed/);
      });

      it('can be called twice', async () => {
        const q = await open();
        await Promise.all([q.close(), q.close()]);
        await expect(q.close()).resolves.toBeUndefined();
      });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until the condition holds; fails the test after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`waitFor: condition still false after ${timeoutMs} ms`);
    await sleep(2);
  }
}

/** A promise the test opens by hand, to hold a handler in flight. */
function makeGate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

function gapsBetween(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}
