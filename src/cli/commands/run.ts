/**
 * `feedkeeper run`: the long-running service. Takes the data directory's lock, finishes record
 * files a crash left unwritten, makes the admin account on the first start, then the scheduler
 * enqueues due feeds, the queue refreshes them, and the web reader and APIs are served (same
 * process, same store) until SIGINT/SIGTERM. On shutdown the web server stops taking requests,
 * the scheduler stops, refreshes in flight finish (each is one transaction, so none is
 * half-written), then the store closes and the lock is released.
 */
import { writePendingRecords, refreshFeed } from '../../ingest/index.js';
import { startScheduler } from '../../schedule/index.js';
import { ANALYZER_VERSION } from '../../search/index.js';
import { createMetrics } from '../../serve/index.js';
import { lockDataDir } from '../../store/index.js';
import { fetchArticleMedia } from '../../media/index.js';
import { recheckArticle } from '../../watch/index.js';
import { deliverWebhook, dispatchWebhooks } from '../../webhooks/index.js';
import { ensureAdmin } from '../admin.js';
import { startWeb } from '../web.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { importOpml } from './opml.js';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Routine store maintenance (`feedkeeper vacuum` without --full) this often. */
const MAINTAIN_EVERY_MS = 24 * 3_600_000;

/** Deliveries in flight at once; each waits at most 10 s for its receiver. */
const WEBHOOK_CONCURRENCY = 4;

export interface RunOptions {
  /** OPML to subscribe to on the very first start (no subscriptions yet). */
  sample?: string | false;
  tickMs?: number;
}

export async function runCommand(app: App, opts: RunOptions, io: CliIo): Promise<number> {
  const lock = await lockDataDir(app.dataDir, 'run');
  const log = app.logger;
  try {
    const deps = await app.ingest();
    await subscribeSampleOnFirstStart(app, opts.sample, io);
    if ((await deps.store.search.indexedVersion()) !== ANALYZER_VERSION) {
      log.info({ analyzer: ANALYZER_VERSION }, 'the search index was built by another analyzer version; rebuilding it');
      const n = await deps.store.search.reindex();
      log.info({ articles: n }, 'search index rebuilt');
    }
    const pending = await writePendingRecords(deps.store, deps.archiveDir);
    if (pending > 0) log.info({ records: pending }, 'wrote record files left over from an interrupted run');

    await ensureAdmin(deps.store, app.web.adminPassword, io);

    const queue = await app.createQueue();
    const metrics = createMetrics();
    metrics.setSources({ counts: () => deps.store.articles.count(), queueDepth: () => queue.depth() });
    queue.process('refreshFeed', async ({ feedId }) => {
      const started = performance.now();
      const summary = await refreshFeed(deps, feedId);
      if (summary.status !== 'skipped') metrics.recordRefresh(summary.status, (performance.now() - started) / 1000, summary.status === 'error');
    }, { concurrency: app.globalConcurrency });
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
    const web = await startWeb(app, deps, queue, metrics).catch(async (err: unknown) => {
      await queue.close();
      throw err;
    });
    const scheduler = startScheduler({ store: deps.store, queue, clock: app.clock, logger: log, tickMs: opts.tickMs ?? 5_000, batch: 200, watchBatch: 200, mediaBatch: 200, webhooks: true, maintainEveryMs: MAINTAIN_EVERY_MS });
    const feeds = (await deps.store.feeds.list()).length;
    log.info({ dataDir: app.dataDir, feeds, url: web.url, settings: app.summary }, 'feedkeeper running');
    io.stderr(`feedkeeper is running: open ${web.url} (Ctrl-C stops it)\n`);

    const signal = await io.untilShutdown();
    log.info({ signal }, 'shutting down: finishing refreshes in flight');
    await web.close();
    await scheduler.stop();
    await queue.close();
    log.info({}, 'stopped');
    return 0;
  } finally {
    await app.close();
    await lock.release();
  }
}

/** Only the very first start subscribes to the sample; a marker file remembers that it happened. */
async function subscribeSampleOnFirstStart(app: App, sample: string | false | undefined, io: CliIo): Promise<void> {
  if (!sample) return;
  const marker = join(app.dataDir, '.sample-offered');
  if (await access(marker).then(() => true, () => false)) return;
  await writeFile(marker, `${new Date(app.clock.now()).toISOString()}\n`);
  const store = await app.store();
  if ((await store.feeds.list()).length > 0) return;
  const bytes = await readFile(sample).catch(() => null);
  if (bytes === null) return;
  const s = await importOpml(app, bytes, { progress: false }, io);
  app.logger.info({ added: s.added, from: sample }, 'first start: subscribed to the sample feeds (remove them with `feedkeeper remove`)');
  io.stderr(`first start: subscribed to ${s.added} sample feeds from ${sample}; see them with \`feedkeeper list\`\n`);
}
