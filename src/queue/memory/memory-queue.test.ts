import { afterEach, describe, expect, it, vi } from 'vitest';
import { isFeedkeeperError, type Logger } from '../../core/index.js';
import { queueContract } from '../contract.js';
import type { JobName, JobOptions, JobQueue, Jobs } from '../queue.js';
import { createMemoryQueue } from './index.js';

// The contract makes jobs fail on purpose; reporting is asserted below, so keep stderr quiet here.
queueContract('memory', () => createMemoryQueue({ onFailed: () => {} }));

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  msg: string | undefined;
}

function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: LogLine['level']) =>
    (fields: object, msg?: string): void => {
      lines.push({ level, fields: fields as Record<string, unknown>, msg });
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Timers that keep the process alive (unref'd ones are not listed). */
function refTimeouts(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('createMemoryQueue', () => {
  const opened: JobQueue[] = [];
  function open(...args: Parameters<typeof createMemoryQueue>): JobQueue {
    const queue = createMemoryQueue(...args);
    opened.push(queue);
    return queue;
  }
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
  });

  it('reports a job that fails its last attempt to onFailed once, and logs it as an error', async () => {
    const failures: [JobName, Jobs[JobName], unknown][] = [];
    const lines: LogLine[] = [];
    const q = open({ logger: recordingLogger(lines), onFailed: (name, data, err) => failures.push([name, data, err]) });
    const boom = new Error('article page returned 500');
    q.process('extractArticle', () => Promise.reject(boom), { concurrency: 1 });
    await q.add('extractArticle', { articleId: 12 }, { attempts: 2, backoffMs: 5 });
    await q.drain();
    expect(failures).toEqual([['extractArticle', { articleId: 12 }, boom]]);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual(['job failed; will retry']);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toBe('job failed on its last attempt');
    expect(errors[0]?.fields).toMatchObject({ job: 'extractArticle', data: { articleId: 12 }, attempt: 2, attempts: 2, err: boom });
  });

  it('does not call onFailed for a job that succeeds on a retry', async () => {
    const onFailed = vi.fn();
    const q = open({ onFailed });
    let runs = 0;
    q.process('refreshFeed', async () => {
      runs += 1;
      if (runs === 1) throw new Error('first try fails');
    }, { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 1 }, { attempts: 2, backoffMs: 5 });
    await q.drain();
    expect(runs).toBe(2);
    expect(onFailed).not.toHaveBeenCalled();
  });

  it('writes failures to stderr when given neither a logger nor onFailed', async () => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    const q = open();
    q.process('refreshFeed', () => Promise.reject(new Error('connection reset')), { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 8 });
    await q.drain();
    expect(stderr).toHaveBeenCalledOnce();
    expect(String(stderr.mock.calls[0]?.[0])).toBe('feedkeeper queue: refreshFeed {"feedId":8} failed on its last attempt: connection reset');
  });

  it('logs, and survives, an onFailed callback that throws', async () => {
    const lines: LogLine[] = [];
    const q = open({
      logger: recordingLogger(lines),
      onFailed: () => {
        throw new Error('metrics sink down');
      },
    });
    const seen: number[] = [];
    q.process('refreshFeed', async ({ feedId }) => {
      if (feedId === 1) throw new Error('feed 1 broken');
      seen.push(feedId);
    }, { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 1 });
    await q.add('refreshFeed', { feedId: 2 });
    await q.drain();
    expect(seen).toEqual([2]);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'job failed on its last attempt',
      'queue onFailed callback threw',
    ]);
  });

  it('doubles the backoff before each retry', async () => {
    const q = open({ onFailed: () => {} });
    const runTimes: number[] = [];
    q.process('refreshFeed', async () => {
      runTimes.push(performance.now());
      throw new Error('still failing');
    }, { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 1 }, { attempts: 3, backoffMs: 15 });
    await q.drain();
    const [first = 0, second = 0, third = 0] = runTimes;
    expect(runTimes).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(15 - 3);
    expect(third - second).toBeGreaterThanOrEqual(30 - 3);
  });

  it('reports a job that fails while the queue closes instead of retrying it', async () => {
    const onFailed = vi.fn();
    const lines: LogLine[] = [];
    const q = open({ onFailed, logger: recordingLogger(lines) });
    let runs = 0;
    q.process('refreshFeed', async () => {
      runs += 1;
      await sleep(15);
      throw new Error('failed during shutdown');
    }, { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 4 }, { attempts: 5, backoffMs: 5 });
    await vi.waitFor(() => expect(runs).toBe(1));
    await q.close();
    expect(runs).toBe(1);
    expect(onFailed).toHaveBeenCalledOnce();
    expect(lines.some((l) => l.level === 'error' && l.msg === 'job failed while the queue closed; not retried')).toBe(true);
  });

  it('drops jobs that had not started when closed, and says how many', async () => {
    const lines: LogLine[] = [];
    const q = open({ logger: recordingLogger(lines) });
    await q.add('refreshFeed', { feedId: 1 });
    await q.add('refreshFeed', { feedId: 2 }, { delayMs: 10_000 });
    await q.close();
    expect(await q.depth()).toBe(0);
    expect(lines).toContainEqual({ level: 'warn', fields: { dropped: 2 }, msg: 'queue closed; jobs not yet started were dropped' });
  });

  it('rejects add() after close() with QUEUE_CLOSED, naming the job', async () => {
    const q = open();
    await q.close();
    const err: unknown = await q.add('refreshFeed', { feedId: 3 }).catch((e: unknown) => e);
    expect(isFeedkeeperError(err, 'QUEUE_CLOSED')).toBe(true);
    expect((err as Error).message).toBe('queue: cannot add refreshFeed {"feedId":3}: the queue is closed');
  });

  it.each<[string, JobOptions, RegExp]>([
    ['zero attempts', { attempts: 0 }, /attempts: expected an integer ≥ 1, got 0/],
    ['fractional attempts', { attempts: 1.5 }, /attempts: expected an integer ≥ 1, got 1.5/],
    ['a negative delay', { delayMs: -1 }, /delayMs: expected a finite number ≥ 0, got -1/],
    ['a NaN backoff', { backoffMs: Number.NaN }, /backoffMs: expected a finite number ≥ 0, got NaN/],
    ['an empty jobId', { jobId: '' }, /jobId: expected a non-empty string/],
  ])('rejects add() with %s', async (_case, opts, message) => {
    const q = open();
    const err: unknown = await q.add('refreshFeed', { feedId: 1 }, opts).catch((e: unknown) => e);
    expect(isFeedkeeperError(err, 'USAGE')).toBe(true);
    expect((err as Error).message).toMatch(message);
    expect(await q.depth()).toBe(0);
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects concurrency %s', (concurrency) => {
    const q = open();
    expect(() => q.process('refreshFeed', async () => {}, { concurrency })).toThrow(/concurrency: expected an integer ≥ 1/);
  });

  it('rejects a second handler for the same job name', () => {
    const q = open();
    q.process('refreshFeed', async () => {}, { concurrency: 1 });
    expect(() => q.process('refreshFeed', async () => {}, { concurrency: 1 })).toThrow('queue: a refreshFeed handler is already registered');
  });

  it('does not keep the process alive for a delayed job, except while drain() waits', async () => {
    const q = open();
    let ran = false;
    q.process('extractArticle', async () => {
      ran = true;
    }, { concurrency: 1 });
    // Counted within one synchronous stretch, so no unrelated timer can fire in between.
    const before = refTimeouts();
    void q.add('extractArticle', { articleId: 1 }, { delayMs: 30 });
    expect(refTimeouts()).toBe(before);
    const drained = q.drain();
    expect(refTimeouts()).toBe(before + 1);
    await drained;
    expect(ran).toBe(true);
  });

  it('times job runs with the injected clock', async () => {
    const lines: LogLine[] = [];
    let now = 1_000;
    const q = open({ logger: recordingLogger(lines), clock: { now: () => (now += 250) } });
    q.process('refreshFeed', async () => {}, { concurrency: 1 });
    await q.add('refreshFeed', { feedId: 1 }, { jobId: 'feed-1' });
    await q.drain();
    expect(lines).toContainEqual({ level: 'debug', fields: { job: 'refreshFeed', jobId: 'feed-1', attempt: 1, ms: 250 }, msg: 'job done' });
  });
});
