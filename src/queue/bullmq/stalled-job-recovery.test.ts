/**
 * Stalled-job recovery on a real redis-server: a worker in a child process takes a job and is
 * killed with SIGKILL mid-job (no chance to give the job back); once its lock expires, a worker in
 * this process finds the job in BullMQ's stalled check and runs it again.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redisServerForFile } from '../../../test/redis-server-for-file.js';
import { openBullQueue } from './index.js';

const CHILD = fileURLToPath(new URL('./testdata/stalled-worker.ts', import.meta.url));
const redis = redisServerForFile();
const { available } = redis;

describe.skipIf(!available)('stalled jobs', () => {
  it('runs a job again on another worker after its worker was killed mid-job', async () => {
    const prefix = `fk-stalled-${randomUUID()}`;
    const producer = await openBullQueue({ url: redis.url, prefix });
    await producer.add('refreshFeed', { feedId: 77 }, { jobId: 'feed-77' });

    // The child is TypeScript; Node 20 cannot strip types, so jiti loads it.
    const child = spawn(process.execPath, ['--import', 'jiti/register', CHILD], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, REDIS_URL: redis.url, QUEUE_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('started 77')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`stalled-worker exited (${code}) before taking the job: ${out}`)));
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // The killed worker still holds the job as active; it is neither lost nor free to add again.
    await producer.add('refreshFeed', { feedId: 99 }, { jobId: 'feed-77' });
    expect(await producer.depth()).toBe(0);

    const rescuer = await openBullQueue({ url: redis.url, prefix, lockDurationMs: 1_000, stalledIntervalMs: 300 });
    const seen: number[] = [];
    rescuer.process('refreshFeed', async ({ feedId }) => void seen.push(feedId), { concurrency: 1 });
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the killed worker\'s job was not picked up again within 10 s')), 10_000);
    });
    await Promise.race([rescuer.drain(), giveUp]).finally(() => clearTimeout(timer));
    expect(seen).toEqual([77]);
    await Promise.all([rescuer.close(), producer.close()]);
  });
});
