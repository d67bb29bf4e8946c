/**
 * A worker process for stalled-job-recovery.test.ts: takes refreshFeed jobs from the Redis and
 * prefix it is given, prints `started <feedId>` and never finishes, so the test can SIGKILL it
 * mid-job. A short lock makes the dead worker's job stall within a second.
 */
import { openBullQueue } from '../index.js';

const url = process.env['REDIS_URL'];
const prefix = process.env['QUEUE_PREFIX'];
if (url === undefined || prefix === undefined) throw new Error('stalled-worker: set REDIS_URL and QUEUE_PREFIX');
const queue = await openBullQueue({ url, prefix, lockDurationMs: 1_000, stalledIntervalMs: 500, onFailed: () => {} });
queue.process('refreshFeed', async ({ feedId }) => {
  process.stdout.write(`started ${feedId}\n`);
  await new Promise(() => {});
}, { concurrency: 1 });
