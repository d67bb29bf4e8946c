/**
 * The parts the long-running commands are made of, each in one place: `run` uses all of them,
 * `web` the web server, `worker` the job handlers and the scheduler. What each part must never do:
 * the job handlers never serve, the web server never runs a job (it enqueues), and the scheduler
 * ticks only while this process holds the leader lease.
 */
import type { Logger } from '../core/index.js';
import { refreshFeed, writePendingRecords, type IngestDeps } from '../ingest/index.js';
import { fetchArticleMedia } from '../media/index.js';
import type { JobQueue } from '../queue/index.js';
import { startScheduler } from '../schedule/index.js';
import { ANALYZER_VERSION } from '../search/index.js';
import type { Metrics } from '../serve/index.js';
import { lockDataDir, type DataDirLock, type Store } from '../store/index.js';
import { recheckArticle } from '../watch/index.js';
import { deliverWebhook, dispatchWebhooks } from '../webhooks/index.js';
import type { App } from './app.js';
import { UsageError } from './io.js';

/** Routine store maintenance (`feedkeeper vacuum` without --full) this often. */
const MAINTAIN_EVERY_MS = 24 * 3_600_000;

/** Deliveries in flight at once; each waits at most 10 s for its receiver. */
const WEBHOOK_CONCURRENCY = 4;

/**
 * `web` and `worker` are parts of a distributed setup: refused, saying what to set, when the jobs
 * or the store would stay inside one process.
 */
export function requireSharedSetup(app: App, command: 'web' | 'worker'): void {
  const missing = [
    ...(app.shared.queue ? [] : ['redisUrl (FEEDKEEPER_REDIS_URL or --redis-url): jobs queued in this process cannot reach another one']),
    ...(app.shared.store ? [] : ['databaseUrl (FEEDKEEPER_DATABASE_URL or --database-url): the SQLite file in the data directory has one writer']),
  ];
  if (missing.length === 0) return refuseSharedWarc(app, command);
  throw new UsageError(
    `\`feedkeeper ${command}\` runs beside other feedkeeper processes and needs a shared queue and store; set ${missing.join('; and ')}. ` +
      'On one machine without them, `feedkeeper run` does everything in one process.',
  );
}

/**
 * The data directory's lock means "this process owns the archive": taken when the store is the
 * SQLite file or the jobs are in-process (then a second process would write the same file, or run
 * a second scheduler). With PostgreSQL and Redis, any number of processes share the directory:
 * record and media files are written atomically (temporary file, fsync, rename) and named by
 * content or id, so two writers of one file write the same bytes. No lock then.
 */
export async function lockIfExclusive(app: App, purpose: string): Promise<DataDirLock> {
  if (!(app.shared.queue && app.shared.store)) return lockDataDir(app.dataDir, purpose);
  refuseSharedWarc(app, purpose);
  return { release: async () => {} };
}

/**
 * WARC capture keeps one index (warc/index.cdxj) per data directory and, at start, repairs the
 * newest WARC file as if a crash had cut it; with several processes on one directory that file
 * may be another live process's, so the repair would cut it. Until captures are per process,
 * processes that share the directory refuse to start with capture on, saying what to set.
 */
function refuseSharedWarc(app: App, command: string): void {
  if (!app.capturesWarc) return;
  throw new UsageError(
    `\`feedkeeper ${command}\` shares the data directory with other processes, and WARC capture (the warc setting, on by default) ` +
      'is not yet safe with several writers of <data-dir>/warc/; set FEEDKEEPER_WARC=false (or "warc": false in the config file) for every process of a distributed setup.',
  );
}

/** Rebuilds a search index made by another analyzer version, and writes record files a crash left unwritten. */
export async function prepareArchive(app: App, deps: IngestDeps): Promise<void> {
  const log = app.logger;
  if ((await deps.store.search.indexedVersion()) !== ANALYZER_VERSION) {
    log.info({ analyzer: ANALYZER_VERSION }, 'the search index was built by another analyzer version; rebuilding it');
    const n = await deps.store.search.reindex();
    log.info({ articles: n }, 'search index rebuilt');
  }
  await upgradeTexts(deps.store, log);
  const pending = await writePendingRecords(deps.store, deps.archiveDir);
  if (pending > 0) log.info({ records: pending }, 'wrote record files left over from an interrupted run');
}

const PROGRESS_LOG_MS = 10_000;

/**
 * Migration 014's conversion of older revisions (each text kept once): done before the process
 * starts its work so an upgraded archive shrinks without a separate step; an interrupted run
 * resumes here next time. Readers take either form, so this is never needed for correctness.
 */
async function upgradeTexts(store: Store, log: Logger): Promise<void> {
  const pending = await store.textUpgrade.pending();
  if (pending === null) return;
  log.info({ revisions: pending.total - pending.done }, 'packing the texts of revisions stored before this version (each text kept once; resumes if interrupted)');
  let shown = Date.now();
  const converted = await store.textUpgrade.run((p) => {
    if (Date.now() - shown < PROGRESS_LOG_MS) return;
    shown = Date.now();
    log.info({ done: p.done, total: p.total }, 'packing revision texts');
  });
  log.info({ revisions: converted }, 'revision texts packed; `feedkeeper vacuum --full` gives the freed space back to the disk');
}

/** Every job kind's handler on the queue; refreshes run `refreshConcurrency` at a time. */
export async function processJobs(app: App, deps: IngestDeps, queue: JobQueue, metrics: Metrics, refreshConcurrency: number): Promise<void> {
  const log = app.logger;
  queue.process('refreshFeed', async ({ feedId }) => {
    const started = performance.now();
    const summary = await refreshFeed(deps, feedId);
    if (summary.status !== 'skipped') metrics.recordRefresh(summary.status, (performance.now() - started) / 1000, summary.status === 'error');
  }, { concurrency: refreshConcurrency });
  const watch = await app.watch();
  queue.process('recheckArticle', async ({ articleId }) => {
    await recheckArticle(watch, articleId);
  }, { concurrency: watch.concurrency });
  const hooks = { store: deps.store, fetcher: app.fetcher(), clock: app.clock, logger: log };
  queue.process('dispatchWebhooks', async () => {
    await dispatchWebhooks(hooks, queue);
  }, { concurrency: 1 });
  queue.process('deliverWebhook', async ({ deliveryId }) => {
    await deliverWebhook(hooks, deliveryId);
  }, { concurrency: WEBHOOK_CONCURRENCY });
  queue.process('maintainStore', async () => {
    const report = await deps.store.maintain({ full: false });
    log.info({ steps: report.steps, bytesBefore: report.bytesBefore, bytesAfter: report.bytesAfter }, 'routine store maintenance done');
  }, { concurrency: 1 });
  const media = await app.media();
  queue.process('fetchMedia', async ({ articleId }) => {
    await fetchArticleMedia(media, articleId);
  }, { concurrency: media.concurrency });
}

export interface RunningScheduler {
  /** Stops ticking (a tick in flight finishes), then gives the lease up for the next leader. */
  stop(): Promise<void>;
}

/** The scheduler, ticking every `tickMs` while this process holds the leader lease. */
export async function startLeaderScheduler(app: App, deps: IngestDeps, queue: JobQueue, tickMs: number): Promise<RunningScheduler> {
  const lease = await app.leaderLease();
  const scheduler = startScheduler({
    store: deps.store, queue, clock: app.clock, logger: app.logger, tickMs, batch: 200, watchBatch: 200, mediaBatch: 200, webhooks: true,
    maintainEveryMs: MAINTAIN_EVERY_MS, isLeader: () => lease.isLeader(),
  });
  return {
    async stop() {
      await scheduler.stop();
      await lease.release();
    },
  };
}
