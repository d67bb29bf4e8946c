/**
 * `feedkeeper web` and `worker` refuse to start without a shared queue and store, naming the
 * settings to set, before they open anything (no data directory lock, no database); and, in a
 * distributed setup, refuse WARC capture, which one data directory's index cannot yet share.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { findClosedPort } from '../../../test/fixture-server.js';

afterAll(async () => {
  await removeTempDirs();
});

describe('web and worker without a distributed setup', () => {
  it.each([
    ['web without either', ['web'], ['FEEDKEEPER_REDIS_URL', 'FEEDKEEPER_DATABASE_URL']],
    ['worker without either', ['worker', '--concurrency', '2'], ['FEEDKEEPER_REDIS_URL', 'FEEDKEEPER_DATABASE_URL']],
    ['worker with Redis but SQLite', ['worker', '--redis-url', 'redis://127.0.0.1:1'], ['FEEDKEEPER_DATABASE_URL']],
    ['web with PostgreSQL but no Redis', ['web', '--database-url', 'postgres://127.0.0.1:1/fk'], ['FEEDKEEPER_REDIS_URL']],
  ])('%s: refused, naming what to set', async (_case, args, named) => {
    const dataDir = await tempDataDir();
    const r = await runFeedkeeper([...args, '--data-dir', dataDir]);
    expect(r.code).not.toBe(0);
    for (const env of named) expect(r.stderr).toContain(env);
    for (const env of ['FEEDKEEPER_REDIS_URL', 'FEEDKEEPER_DATABASE_URL'].filter((e) => !named.includes(e))) expect(r.stderr).not.toContain(env);
    expect(r.stderr).toContain('`feedkeeper run`');
    expect(existsSync(join(dataDir, 'feedkeeper.lock'))).toBe(false);
  });

  it.each([['web'], ['worker']])('%s with PostgreSQL and Redis but WARC capture on: refused, naming FEEDKEEPER_WARC', async (command) => {
    const dataDir = await tempDataDir();
    const r = await runFeedkeeper([command, '--data-dir', dataDir, '--redis-url', 'redis://127.0.0.1:1', '--database-url', 'postgres://127.0.0.1:1/fk']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('FEEDKEEPER_WARC=false');
  });

  it('worker against servers that refuse connections: a clear error naming the database, no hang', async () => {
    const dataDir = await tempDataDir();
    const [dbPort, redisPort] = [await findClosedPort(), await findClosedPort()];
    const r = await runFeedkeeper(['worker', '--data-dir', dataDir, '--redis-url', `redis://127.0.0.1:${redisPort}`, '--database-url', `postgres://fk:secret@127.0.0.1:${dbPort}/fk`],
      { env: { FEEDKEEPER_WARC: 'false' } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`127.0.0.1:${dbPort}`);
    expect(r.stderr).not.toContain('secret');
  });
});
