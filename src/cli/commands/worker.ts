/**
 * `feedkeeper worker`: jobs only, beside other `worker` and `web` processes on a shared PostgreSQL
 * and Redis. Every job kind is processed here (refreshes `--concurrency` at a time), and the
 * scheduler runs in whichever worker (or `run`) holds the leader lease; the others take over within
 * the lease's time-to-live when it dies. No HTTP. On SIGINT/SIGTERM jobs in flight finish and jobs
 * not started stay in Redis for the other workers.
 */
import { createMetrics } from '../../serve/index.js';
import { prepareArchive, processJobs, requireSharedSetup, startLeaderScheduler } from '../processes.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';

export interface WorkerOptions {
  /** Feed refreshes at once in this process; default the globalConcurrency setting. */
  concurrency?: string;
  tickMs?: number;
}

export async function workerCommand(app: App, opts: WorkerOptions, io: CliIo): Promise<number> {
  requireSharedSetup(app, 'worker');
  const concurrency = opts.concurrency === undefined ? app.globalConcurrency : parseConcurrency(opts.concurrency);
  const log = app.logger;
  const deps = await app.ingest();
  await prepareArchive(app, deps);
  const queue = await app.createQueue();
  // Refresh timings are counted here for the log; /metrics is served by `web`, which sees the counts and queue depth.
  const metrics = createMetrics();
  await processJobs(app, deps, queue, metrics, concurrency);
  const scheduler = await startLeaderScheduler(app, deps, queue, opts.tickMs ?? 5_000);
  log.info({ dataDir: app.dataDir, concurrency, pid: process.pid, settings: app.summary }, 'feedkeeper worker running');
  io.stderr(`feedkeeper worker is processing jobs, ${concurrency} refreshes at a time (Ctrl-C stops it)\n`);
  const signal = await io.untilShutdown();
  log.info({ signal }, 'shutting down: finishing jobs in flight');
  await scheduler.stop();
  await queue.close();
  log.info({}, 'stopped');
  return 0;
}

function parseConcurrency(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--concurrency: expected a whole number from 1 to 1000, got "${text}"`);
  return n;
}
