/**
 * The scheduler loop: every tick, find the feeds whose next check is due and enqueue a refresh for
 * each, then the watched articles whose re-check is due (a recheckArticle job each, id by article),
 * then one webhook dispatch, and once a day the store's maintenance. The job id is the feed id, so a feed already waiting or running is not queued twice, and
 * the refresh itself moves the feed's next check forward. Serve and CLI never fetch directly:
 * they enqueue here too. With several processes on one Redis, only the holder of the leader lease
 * ticks; the others' loops idle, ready to take over.
 */
import type { Clock, Logger } from '../core/index.js';
import type { JobQueue } from '../queue/index.js';
import type { Store } from '../store/index.js';

export interface SchedulerOptions {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  /** How often to look for due feeds. */
  tickMs: number;
  /** At most this many feeds enqueued per tick (the queue's concurrency still bounds the work). */
  batch: number;
  /** At most this many article re-checks enqueued per tick; 0 (the default) enqueues none. */
  watchBatch?: number;
  /** Queue the webhook dispatch (collect, then queue due deliveries) every tick. */
  webhooks?: boolean;
  /** Queue the store's routine maintenance this often (the first one this long after start); absent: never. */
  maintainEveryMs?: number;
  /** At most this many articles' image downloads enqueued per tick; 0 (the default) enqueues none. */
  mediaBatch?: number;
  /**
   * Asked before every tick: only the leader schedules (queue/'s LeaderLease). Absent: always, as
   * when the queue is in this process. A tick skipped this way enqueues nothing and returns 0.
   */
  isLeader?: () => boolean;
}

export interface Scheduler {
  /** One pass now; resolves with how many feeds were enqueued. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

export function refreshJobId(feedId: number): string {
  return `feed-${feedId}`;
}

export function recheckJobId(articleId: number): string {
  return `article-${articleId}`;
}

/** One dispatch at a time: a tick while one waits or runs adds nothing. */
const WEBHOOK_DISPATCH_JOB_ID = 'webhooks';
export function mediaJobId(articleId: number): string {
  return `media-${articleId}`;
}

export function startScheduler(opts: SchedulerOptions): Scheduler {
  let stopped = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const startedAt = opts.clock.now();
  /** The last maintenance this process knows of: the store's, or its own queuing (a failed run is not retried every tick). */
  let lastKnown: number | null = null;

  const tick = async (): Promise<number> => {
    if (opts.isLeader !== undefined && !opts.isLeader()) return 0;
    const due = await opts.store.feeds.due(opts.clock.now(), opts.batch);
    for (const feed of due) await opts.queue.add('refreshFeed', { feedId: feed.id }, { jobId: refreshJobId(feed.id) });
    if (due.length > 0) opts.logger.debug({ enqueued: due.length }, 'due feeds enqueued');
    const rechecks = opts.watchBatch ? await opts.store.watch.due(opts.clock.now(), opts.watchBatch) : [];
    for (const articleId of rechecks) await opts.queue.add('recheckArticle', { articleId }, { jobId: recheckJobId(articleId) });
    if (rechecks.length > 0) opts.logger.debug({ enqueued: rechecks.length }, 'due re-checks enqueued');
    const media = opts.mediaBatch ? await opts.store.media.pending(opts.mediaBatch) : [];
    for (const articleId of media) await opts.queue.add('fetchMedia', { articleId }, { jobId: mediaJobId(articleId) });
    if (media.length > 0) opts.logger.debug({ enqueued: media.length }, 'image downloads enqueued');
    if (opts.webhooks) await opts.queue.add('dispatchWebhooks', {}, { jobId: WEBHOOK_DISPATCH_JOB_ID });
    if (opts.maintainEveryMs !== undefined) await maybeMaintain(opts.maintainEveryMs);
    return due.length + rechecks.length + media.length;
  };

  const maybeMaintain = async (everyMs: number): Promise<void> => {
    const now = opts.clock.now();
    if (lastKnown !== null && now - lastKnown < everyMs) return;
    // The interval counts from the last maintenance any process finished (kept in the store), so a
    // restart or a change of leader neither starts the day over nor runs it twice; a new archive's
    // first one comes an interval after start. The store is asked only on the first tick that leads
    // and when this process thinks one is due (another leader may have run it since), not every tick.
    lastKnown = Math.max(lastKnown ?? -Infinity, (await opts.store.lastMaintainedAt()) ?? startedAt);
    if (now - lastKnown < everyMs) return;
    lastKnown = now;
    await opts.queue.add('maintainStore', {}, { jobId: 'maintain-store' });
  };

  const loop = () => {
    if (stopped) return;
    running = tick().catch((err: unknown) => {
      // A failed look-up (database busy, disk trouble) is logged and retried on the next tick.
      opts.logger.error({ err }, 'scheduler tick failed');
      return 0;
    });
    void running.finally(() => {
      running = null;
      if (!stopped) timer = setTimeout(loop, opts.tickMs);
    });
  };
  loop();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
