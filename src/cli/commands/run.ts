/**
 * `feedkeeper run`: the long-running service in one process. Takes the data directory's lock
 * (unless the store and queue are shared: PostgreSQL and Redis, see processes.ts), finishes record
 * files a crash left unwritten, makes the admin account on the first start, then the scheduler
 * enqueues due feeds (while this process holds the leader lease), the queue refreshes them, and the
 * web reader and APIs are served (same process, same store) until SIGINT/SIGTERM. On shutdown the
 * web server stops taking requests, the scheduler stops, refreshes in flight finish (each is one
 * transaction, so none is half-written), then the store closes and the lock is released.
 * `web` and `worker` (web.ts, worker.ts) are the two halves of it, built from the same parts.
 */
import { createMetrics } from '../../serve/index.js';
import { ensureAdmin } from '../admin.js';
import { lockIfExclusive, prepareArchive, processJobs, startLeaderScheduler } from '../processes.js';
import { startWeb } from '../web.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { importOpml } from './opml.js';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunOptions {
  /** OPML to subscribe to on the very first start (no subscriptions yet). */
  sample?: string | false;
  tickMs?: number;
}

export async function runCommand(app: App, opts: RunOptions, io: CliIo): Promise<number> {
  const lock = await lockIfExclusive(app, 'run');
  const log = app.logger;
  try {
    const deps = await app.ingest();
    await subscribeSampleOnFirstStart(app, opts.sample, io);
    await prepareArchive(app, deps);
    await ensureAdmin(deps.store, app.web.adminPassword, io);

    const queue = await app.createQueue();
    const metrics = createMetrics();
    metrics.setSources({ counts: () => deps.store.articles.count(), queueDepth: () => queue.depth() });
    await processJobs(app, deps, queue, metrics, app.globalConcurrency);
    const web = await startWeb(app, deps, queue, metrics).catch(async (err: unknown) => {
      await queue.close();
      throw err;
    });
    const scheduler = await startLeaderScheduler(app, deps, queue, opts.tickMs ?? 5_000);
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
