/**
 * The in-process JobQueue: the default when feedkeeper runs as one process. Jobs live in memory, so
 * anything not yet started when the process stops is gone; that is acceptable because the schedule
 * re-enqueues due feeds from the store on start-up. It must never lose a failure silently: a job
 * that fails its last attempt is logged as an error and handed to `onFailed` (stderr when the
 * caller gave neither a logger nor `onFailed`).
 *
 * Delays and retry backoffs are timers, unref'd so a pending delay alone does not keep the process
 * alive — except while someone awaits drain(), when they are ref'd so `feedkeeper fetch` really
 * waits for its retries. Retry n waits backoffMs × 2^(n − 1), as BullMQ's exponential backoff does.
 * drain() waits for queued jobs too, so it never resolves while jobs wait for a handler that is
 * never registered. close() drops jobs that have not started (with a warning), lets running ones
 * finish, and reports a job that fails during close as failed instead of retrying it.
 */
import { FeedkeeperError, describeError, silentLogger, systemClock } from '../../core/index.js';
import type { Clock, Logger } from '../../core/index.js';
import { checkConcurrency, checkJobOptions } from '../options.js';
import type { JobName, JobOptions, JobQueue, Jobs } from '../queue.js';

export type OnJobFailed = (name: JobName, data: Jobs[JobName], err: unknown) => void;

export interface MemoryQueueOptions {
  /** Used to time job runs in logs. */
  clock?: Clock;
  logger?: Logger;
  /** Called once for each job that fails its last attempt (or fails while the queue closes). */
  onFailed?: OnJobFailed;
}

type Handler = (data: Jobs[JobName]) => Promise<void>;

interface QueuedJob {
  readonly name: JobName;
  readonly data: Jobs[JobName];
  readonly jobId: string | null;
  readonly attempts: number;
  readonly backoffMs: number;
  attemptsMade: number;
}

/** Everything about one job name: its handler, its bound, its FIFO and its live job ids. */
interface Lane {
  run: Handler | null;
  concurrency: number;
  running: number;
  waiting: QueuedJob[];
  liveIds: Set<string>;
}

interface Watcher {
  isDone: () => boolean;
  resolve: () => void;
}

export function createMemoryQueue(opts: MemoryQueueOptions = {}): JobQueue {
  const onFailed = opts.onFailed ?? (opts.logger === undefined ? reportToStderr : undefined);
  return new MemoryQueue(opts.clock ?? systemClock, (opts.logger ?? silentLogger).child({ component: 'queue' }), onFailed);
}

class MemoryQueue implements JobQueue {
  readonly #lanes = new Map<JobName, Lane>();
  readonly #timers = new Map<NodeJS.Timeout, QueuedJob>();
  readonly #watchers = new Set<Watcher>();
  #drainers = 0;
  #closed = false;
  #closing: Promise<void> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onFailed: OnJobFailed | undefined,
  ) {}

  async add<K extends JobName>(name: K, data: Jobs[K], opts: JobOptions = {}): Promise<void> {
    if (this.#closed) {
      throw new FeedkeeperError('QUEUE_CLOSED', `queue: cannot add ${name} ${JSON.stringify(data)}: the queue is closed`);
    }
    const job = newJob(name, data, opts);
    const lane = this.#lane(name);
    if (job.jobId !== null) {
      if (lane.liveIds.has(job.jobId)) {
        this.log.debug({ job: name, jobId: job.jobId }, 'job already queued; add ignored');
        return;
      }
      lane.liveIds.add(job.jobId);
    }
    this.#schedule(job, opts.delayMs ?? 0);
  }

  process<K extends JobName>(name: K, run: (data: Jobs[K]) => Promise<void>, opts: { concurrency: number }): void {
    if (this.#closed) throw new FeedkeeperError('QUEUE_CLOSED', `queue: cannot register a ${name} handler: the queue is closed`);
    checkConcurrency(name, opts.concurrency);
    const lane = this.#lane(name);
    if (lane.run !== null) throw new FeedkeeperError('USAGE', `queue: a ${name} handler is already registered`);
    // Sound: a lane only ever holds jobs added under its own name, so run sees Jobs[K].
    lane.run = run as Handler;
    lane.concurrency = opts.concurrency;
    this.#pump(lane);
  }

  depth(): Promise<number> {
    let waiting = 0;
    for (const lane of this.#lanes.values()) waiting += lane.waiting.length;
    return Promise.resolve(waiting + this.#timers.size);
  }

  drain(): Promise<void> {
    this.#drainers += 1;
    this.#refTimers(true);
    return this.#waitUntil(() => this.#isIdle()).finally(() => {
      this.#drainers -= 1;
      if (this.#drainers === 0) this.#refTimers(false);
    });
  }

  close(): Promise<void> {
    if (this.#closing === null) {
      this.#closed = true;
      this.#dropQueued();
      this.#closing = this.#waitUntil(() => this.#runningCount() === 0);
    }
    return this.#closing;
  }

  #lane(name: JobName): Lane {
    let lane = this.#lanes.get(name);
    if (lane === undefined) {
      lane = { run: null, concurrency: 1, running: 0, waiting: [], liveIds: new Set() };
      this.#lanes.set(name, lane);
    }
    return lane;
  }

  #schedule(job: QueuedJob, delayMs: number): void {
    if (delayMs <= 0) {
      this.#enqueue(job);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#enqueue(job);
    }, delayMs);
    if (this.#drainers === 0) timer.unref();
    this.#timers.set(timer, job);
  }

  #enqueue(job: QueuedJob): void {
    const lane = this.#lane(job.name);
    lane.waiting.push(job);
    this.#pump(lane);
  }

  #pump(lane: Lane): void {
    while (!this.#closed && lane.run !== null && lane.running < lane.concurrency) {
      const job = lane.waiting.shift();
      if (job === undefined) break;
      this.#start(lane, lane.run, job);
    }
    this.#settle();
  }

  #start(lane: Lane, run: Handler, job: QueuedJob): void {
    lane.running += 1;
    job.attemptsMade += 1;
    const startedAt = this.clock.now();
    // Calling run inside then() turns a synchronous throw into a rejection: it counts as a failure.
    void Promise.resolve()
      .then(() => run(job.data))
      .then(
        () => this.#finish(lane, job, startedAt, null),
        (err: unknown) => this.#finish(lane, job, startedAt, { err }),
      );
  }

  #finish(lane: Lane, job: QueuedJob, startedAt: number, failure: { err: unknown } | null): void {
    lane.running -= 1;
    const fields = { job: job.name, jobId: job.jobId, attempt: job.attemptsMade, ms: this.clock.now() - startedAt };
    if (failure === null) {
      releaseId(lane, job);
      this.log.debug(fields, 'job done');
    } else if (job.attemptsMade < job.attempts && !this.#closed) {
      const retryInMs = job.backoffMs * 2 ** (job.attemptsMade - 1);
      this.log.warn({ ...fields, attempts: job.attempts, retryInMs, err: failure.err }, 'job failed; will retry');
      this.#schedule(job, retryInMs);
    } else {
      releaseId(lane, job);
      const why =
        job.attemptsMade < job.attempts ? 'job failed while the queue closed; not retried' : 'job failed on its last attempt';
      this.#reportFailure(job, failure.err, { ...fields, attempts: job.attempts }, why);
    }
    this.#pump(lane);
  }

  #reportFailure(job: QueuedJob, err: unknown, fields: object, message: string): void {
    this.log.error({ ...fields, data: job.data, err }, message);
    try {
      this.onFailed?.(job.name, job.data, err);
    } catch (hookErr) {
      // The failure itself is already logged above; record that reporting it also failed.
      this.log.error({ job: job.name, err: hookErr }, 'queue onFailed callback threw');
    }
  }

  #dropQueued(): void {
    let dropped = 0;
    for (const [timer, job] of this.#timers) {
      clearTimeout(timer);
      releaseId(this.#lane(job.name), job);
      dropped += 1;
    }
    this.#timers.clear();
    for (const lane of this.#lanes.values()) {
      for (const job of lane.waiting) releaseId(lane, job);
      dropped += lane.waiting.length;
      lane.waiting = [];
    }
    if (dropped > 0) this.log.warn({ dropped }, 'queue closed; jobs not yet started were dropped');
    this.#settle();
  }

  #runningCount(): number {
    let running = 0;
    for (const lane of this.#lanes.values()) running += lane.running;
    return running;
  }

  #isIdle(): boolean {
    if (this.#timers.size > 0) return false;
    for (const lane of this.#lanes.values()) if (lane.running > 0 || lane.waiting.length > 0) return false;
    return true;
  }

  #refTimers(ref: boolean): void {
    for (const timer of this.#timers.keys()) {
      if (ref) timer.ref();
      else timer.unref();
    }
  }

  #waitUntil(isDone: () => boolean): Promise<void> {
    if (isDone()) return Promise.resolve();
    return new Promise((resolve) => this.#watchers.add({ isDone, resolve }));
  }

  /** Resolves every drain()/close() waiter whose condition now holds; called after each state change. */
  #settle(): void {
    for (const watcher of this.#watchers) {
      if (watcher.isDone()) {
        this.#watchers.delete(watcher);
        watcher.resolve();
      }
    }
  }
}

function newJob(name: JobName, data: Jobs[JobName], opts: JobOptions): QueuedJob {
  const { jobId, attempts, backoffMs } = checkJobOptions(name, opts);
  return { name, data, jobId, attempts, backoffMs, attemptsMade: 0 };
}

function releaseId(lane: Lane, job: QueuedJob): void {
  if (job.jobId !== null) lane.liveIds.delete(job.jobId);
}

/** The last resort when nobody asked to hear about failures: they still must not vanish. */
function reportToStderr(name: JobName, data: Jobs[JobName], err: unknown): void {
  console.error(`feedkeeper queue: ${name} ${JSON.stringify(data)} failed on its last attempt: ${describeError(err)}`);
}
