/**
 * The JobQueue on BullMQ: jobs live in Redis, so any number of processes on any machine add and
 * run them, and a job outlives the process that added it. One BullMQ queue per job name, because
 * BullMQ bounds concurrency per Worker and a Worker serves one queue; that also scopes job ids to
 * the job name as the contract asks. Finished jobs (done, or failed on their last attempt) are
 * removed at once, which is what lets the same job id be added again; failures are logged and
 * handed to `onFailed`, never kept in Redis for nobody to read.
 *
 * Unlike the memory queue, close() leaves jobs that have not started in Redis for the next worker,
 * and a job whose lock expires (its worker was killed) is moved back to waiting by any live
 * worker's stalled check; handlers are idempotent, so running it again stores nothing twice.
 * It must never start against a Redis that evicts keys (redis-check.ts).
 */
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { redactUrlPassword } from '../../config/index.js';
import { FeedkeeperError, describeError, silentLogger, systemClock, type Clock, type Logger } from '../../core/index.js';
import { checkConcurrency, checkJobOptions } from '../options.js';
import type { JobName, JobOptions, JobQueue, Jobs } from '../queue.js';
import { toBullJobId } from './job-ids.js';
import { assertRedisNoEviction } from './redis-check.js';

export type OnJobFailed = (name: JobName, data: Jobs[JobName], err: unknown) => void;

export interface BullQueueOptions {
  /** redis:// or rediss:// URL; a password in it never reaches logs or errors. */
  url: string;
  /** Key prefix in Redis; processes that share work must share it. Default `feedkeeper`. */
  prefix?: string;
  clock?: Clock;
  logger?: Logger;
  /** Called once for each job that fails its last attempt. */
  onFailed?: OnJobFailed;
  /** How long a worker's lock on a running job lasts without renewal (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** How often a worker looks for jobs whose lock expired (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /** How often drain() asks Redis whether anything is left. Default 10 ms. */
  drainPollMs?: number;
}

/** Every job name, so depth() and drain() see jobs that other processes added. */
const JOB_NAMES = Object.keys({ refreshFeed: true, extractArticle: true, recheckArticle: true, fetchMedia: true, dispatchWebhooks: true, deliverWebhook: true, maintainStore: true } satisfies Record<JobName, true>) as JobName[];

/** Checks the Redis first (reachable, noeviction), then opens a queue on it. */
export async function openBullQueue(opts: BullQueueOptions): Promise<JobQueue> {
  const shownUrl = redactUrlPassword(opts.url);
  await assertRedisNoEviction(opts.url, shownUrl);
  const onFailed = opts.onFailed ?? (opts.logger === undefined ? reportToStderr : undefined);
  const log = (opts.logger ?? silentLogger).child({ component: 'queue', redis: shownUrl });
  return new BullQueue(opts, opts.clock ?? systemClock, log, onFailed);
}

class BullQueue implements JobQueue {
  readonly #connection: ConnectionOptions;
  readonly #prefix: string;
  readonly #queues: ReadonlyMap<JobName, Queue>;
  readonly #workers = new Map<JobName, Worker>();
  #closing: Promise<void> | null = null;

  constructor(
    private readonly opts: BullQueueOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onFailed: OnJobFailed | undefined,
  ) {
    this.#connection = { url: opts.url };
    this.#prefix = opts.prefix ?? 'feedkeeper';
    this.#queues = new Map(JOB_NAMES.map((name) => [name, this.#openQueue(name)]));
  }

  async add<K extends JobName>(name: K, data: Jobs[K], opts: JobOptions = {}): Promise<void> {
    if (this.#closing !== null) {
      throw new FeedkeeperError('QUEUE_CLOSED', `queue: cannot add ${name} ${JSON.stringify(data)}: the queue is closed`);
    }
    const job = checkJobOptions(name, opts);
    // An id that is waiting, delayed or running makes BullMQ return that job and add nothing.
    await this.#queue(name).add(name, data, {
      ...(job.jobId === null ? {} : { jobId: toBullJobId(job.jobId) }),
      delay: job.delayMs,
      attempts: job.attempts,
      ...(job.backoffMs > 0 ? { backoff: { type: 'exponential', delay: job.backoffMs } } : {}),
    });
  }

  process<K extends JobName>(name: K, run: (data: Jobs[K]) => Promise<void>, opts: { concurrency: number }): void {
    if (this.#closing !== null) throw new FeedkeeperError('QUEUE_CLOSED', `queue: cannot register a ${name} handler: the queue is closed`);
    checkConcurrency(name, opts.concurrency);
    if (this.#workers.has(name)) throw new FeedkeeperError('USAGE', `queue: a ${name} handler is already registered`);
    const started = new Map<string, number>();
    // Sound: this worker only serves the queue of jobs added under `name`, whose data is Jobs[K].
    const worker = new Worker<Jobs[K]>(name, async (job: Job<Jobs[K]>) => {
      started.set(job.id ?? '', this.clock.now());
      await run(job.data);
    }, {
      connection: this.#connection,
      prefix: this.#prefix,
      concurrency: opts.concurrency,
      ...(this.opts.lockDurationMs === undefined ? {} : { lockDuration: this.opts.lockDurationMs }),
      ...(this.opts.stalledIntervalMs === undefined ? {} : { stalledInterval: this.opts.stalledIntervalMs }),
    });
    const fields = (job: Job): object => {
      const at = started.get(job.id ?? '');
      started.delete(job.id ?? '');
      return { job: name, jobId: job.opts.jobId ?? null, attempt: job.attemptsMade, ms: at === undefined ? null : this.clock.now() - at };
    };
    worker.on('completed', (job) => this.log.debug(fields(job), 'job done'));
    worker.on('failed', (job, err) => {
      if (job === undefined) return this.log.error({ job: name, err }, 'job failed');
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade < attempts) return this.log.warn({ ...fields(job), attempts, err }, 'job failed; will retry');
      this.#reportFailure(name, job.data, err, { ...fields(job), attempts });
    });
    // Lost connections are retried by BullMQ with backoff; say so rather than crash on 'error'.
    worker.on('error', (err) => this.log.error({ job: name, err }, 'queue worker error; it reconnects'));
    this.#workers.set(name, worker);
  }

  async depth(): Promise<number> {
    return this.#count('waiting', 'delayed', 'prioritized');
  }

  async drain(): Promise<void> {
    const pollMs = this.opts.drainPollMs ?? 10;
    while ((await this.#count('waiting', 'delayed', 'prioritized', 'active')) > 0) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  close(): Promise<void> {
    // Workers first: each stops fetching and waits for the jobs it runs; then the producers.
    this.#closing ??= Promise.all([...this.#workers.values()].map((w) => w.close()))
      .then(() => Promise.all([...this.#queues.values()].map((q) => q.close())))
      .then(() => undefined);
    return this.#closing;
  }

  async #count(...states: Array<'waiting' | 'delayed' | 'prioritized' | 'active'>): Promise<number> {
    const counts = await Promise.all([...this.#queues.values()].map((q) => q.getJobCounts(...states)));
    return counts.reduce((sum, byState) => sum + Object.values(byState).reduce((a, b) => a + b, 0), 0);
  }

  #openQueue(name: JobName): Queue {
    const queue = new Queue(name, {
      connection: this.#connection,
      prefix: this.#prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    queue.on('error', (err) => this.log.error({ job: name, err }, 'queue connection error; it reconnects'));
    return queue;
  }

  #queue(name: JobName): Queue {
    const queue = this.#queues.get(name);
    if (queue === undefined) throw new Error(`queue: no BullMQ queue for ${name}`); // unreachable: JOB_NAMES has every name
    return queue;
  }

  #reportFailure(name: JobName, data: Jobs[JobName], err: unknown, fields: object): void {
    this.log.error({ ...fields, data, err }, 'job failed on its last attempt');
    try {
      this.onFailed?.(name, data, err);
    } catch (hookErr) {
      this.log.error({ job: name, err: hookErr }, 'queue onFailed callback threw');
    }
  }
}

/** The last resort when nobody asked to hear about failures: they still must not vanish. */
function reportToStderr(name: JobName, data: Jobs[JobName], err: unknown): void {
  console.error(`feedkeeper queue: ${name} ${JSON.stringify(data)} failed on its last attempt: ${describeError(err)}`);
}
