/**
 * `--database-url` / FEEDKEEPER_DATABASE_URL, end to end through the CLI: commands then keep the
 * archive in that PostgreSQL database (a throwaway real server, test/postgres-server.ts) instead
 * of the SQLite file in the data folder, and a database that cannot be reached is named without
 * the password in its URL.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { havePostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { freePort } from '../../../test/server-process.js';
import { openPostgresStore } from '../../store/postgres/index.js';

const available = havePostgres();
let postgres: PostgresServer;
let server: FixtureServer;

beforeAll(async () => {
  if (!available) return;
  postgres = await startPostgres();
  server = await startFixtureServer();
  serveNewsSite(server);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await postgres?.stop();
  await removeTempDirs();
}, 30_000);

describe.skipIf(!available)('feedkeeper with a database URL', () => {
  it('adds and fetches into PostgreSQL, and leaves no SQLite file in the data folder', async () => {
    const dataDir = await tempDataDir();
    const url = await postgres.createDatabase();
    const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks'], { env: { FEEDKEEPER_DATABASE_URL: url } });
    expect((await fk('add', server.url('/rss.xml'))).code).toBe(0);
    const fetched = await fk('fetch');
    expect(fetched).toMatchObject({ code: 0 });
    expect(fetched.stderr).toContain('fetched 1 城东晨报: 3 new, 0 revised');
    expect(existsSync(join(dataDir, 'feedkeeper.db'))).toBe(false);
    const store = await openPostgresStore({ url });
    try {
      expect((await store.feeds.list()).map((f) => [f.url, f.articleCount])).toEqual([[server.url('/rss.xml'), 3]]);
      expect(await store.articles.count()).toEqual({ articles: 3, revisions: 3 });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('names a database it cannot reach without the password, from the flag too', async () => {
    const dataDir = await tempDataDir();
    const url = `postgres://feedkeeper:harbour-s3cret@127.0.0.1:${await freePort()}/archive`;
    const r = await runFeedkeeper(['list', '--data-dir', dataDir, '--database-url', url]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`database postgres://feedkeeper:[redacted]@127.0.0.1:${new URL(url).port}/archive: cannot connect to the server`);
    expect(r.stderr).not.toContain('harbour-s3cret');
  });
});
