/**
 * `feedkeeper web`: the reader and the APIs only, beside other `web` and `worker` processes on a
 * shared PostgreSQL and Redis. It runs no scheduler and no job: "fetch now" and the like are
 * enqueued for the workers. It takes no data-directory lock (processes.ts says why) and reads
 * media from <data-dir>/media/, which must be the workers' directory (shared storage).
 */
import { createMetrics } from '../../serve/index.js';
import { ensureAdmin } from '../admin.js';
import { requireSharedSetup } from '../processes.js';
import { startWeb } from '../web.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';

export async function webCommand(app: App, io: CliIo): Promise<number> {
  requireSharedSetup(app, 'web');
  const log = app.logger;
  const deps = await app.ingest();
  await ensureAdmin(deps.store, app.web.adminPassword, io);
  const queue = await app.createQueue();
  const metrics = createMetrics();
  metrics.setSources({ counts: () => deps.store.articles.count(), queueDepth: () => queue.depth() });
  const web = await startWeb(app, deps, queue, metrics).catch(async (err: unknown) => {
    await queue.close();
    throw err;
  });
  log.info({ dataDir: app.dataDir, url: web.url, settings: app.summary }, 'feedkeeper web running');
  io.stderr(`feedkeeper web is serving ${web.url} (Ctrl-C stops it)\n`);
  const signal = await io.untilShutdown();
  log.info({ signal }, 'shutting down: finishing requests in flight');
  await web.close();
  await queue.close();
  log.info({}, 'stopped');
  return 0;
}
