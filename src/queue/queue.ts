/**
 * The background-work seam: every job feedkeeper runs later or elsewhere goes through JobQueue.
 * Types only. The in-process queue (memory/) is the default; a BullMQ queue can replace it with no
 * caller changing. Both must pass the shared suite in contract.ts.
 *
 * What callers may rely on (the contract):
 * - `jobId` dedupes: adding an id that is already waiting, delayed or running is a no-op; once the
 *   job has finished (done or failed for good) the same id can be added again. Ids are scoped to
 *   the job name, so `refreshFeed` "42" and `extractArticle` "42" are different jobs.
 * - A job whose handler throws or rejects is retried until it has run `attempts` times in all,
 *   waiting at least `backoffMs` before each retry (the memory queue doubles it each time).
 * - Handlers must be idempotent: a job may run more than once (BullMQ re-runs stalled jobs).
 * - Concurrency is bounded per job name by `process(..., { concurrency })`.
 */
export interface Jobs {
  refreshFeed: { feedId: number };
  extractArticle: { articleId: number };
  /** Re-check a watched article's page (src/watch/). */
  recheckArticle: { articleId: number };
  /** Collect webhook deliveries and queue the due ones (src/webhooks/); one at a time by job id. */
  dispatchWebhooks: Record<string, never>;
  /** One attempt at one webhook delivery. */
  deliverWebhook: { deliveryId: number };
  /** The store's routine maintenance (index merges, statistics, the log), once a day. */
  maintainStore: Record<string, never>;
  /** Download the images of an article's queued revision (src/media/). */
  fetchMedia: { articleId: number };
}

export type JobName = keyof Jobs;

export interface JobOptions {
  /** Dedupe key within the job name; see the contract above. */
  jobId?: string;
  /** Wait this long before the first run. Default 0. */
  delayMs?: number;
  /** Total runs allowed, the first included. Default 1 (no retries). */
  attempts?: number;
  /** Wait before the first retry. Default 0. */
  backoffMs?: number;
}

export interface JobQueue {
  add<K extends JobName>(name: K, data: Jobs[K], opts?: JobOptions): Promise<void>;
  process<K extends JobName>(name: K, run: (data: Jobs[K]) => Promise<void>, opts: { concurrency: number }): void;
  /** Jobs waiting or delayed (not running), for metrics and tests. */
  depth(): Promise<number>;
  /** Resolves when nothing is queued or running (memory queue; for tests and `fetch` command). */
  drain(): Promise<void>;
  /** Stops taking new jobs, waits for jobs in flight. */
  close(): Promise<void>;
}

/**
 * Who runs the scheduler. With jobs in this process there is one scheduler by construction; with
 * jobs in Redis any number of `run` and `worker` processes start, and each asks the lease before
 * every scheduler tick. At most one process holds it at a time; a holder that stops renewing (killed,
 * cut off from Redis) loses it when its time-to-live runs out, and another process takes it over.
 */
export interface LeaderLease {
  /** True while this process holds the lease and its last renewal has not expired. */
  isLeader(): boolean;
  /** Stops trying and gives the lease up, so another process takes over at once. */
  release(): Promise<void>;
}
