/**
 * `feedkeeper migrate --to`, end to end against a real PostgreSQL (test/postgres-server.ts): an
 * archive built through the CLI from loopback feeds (two feeds, an edit found by a re-check, a
 * second user, a token, read and starred marks, a webhook with a failed delivery) is copied,
 * verified and then read back through the PostgreSQL store: the same entries and revisions,
 * Chinese search hits, the token still authenticating, ids continuing past the copied ones. A copy
 * interrupted midway resumes; a finished one run again copies nothing; a changed row, another
 * archive, a bad URL and a refused connection are each reported clearly.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { havePostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { freePort } from '../../../test/server-process.js';
import { parseQuery } from '../../search/index.js';
import { hashSecret } from '../../serve/auth/secrets.js';
import { transferArchive, type Store } from '../../store/index.js';
import { openPostgresStore } from '../../store/postgres/index.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { NewsSite, story, type Story } from '../../watch/testdata/news-site.js';

const available = havePostgres();
const ENV = { FEEDKEEPER_ADMIN_PASSWORD: 'a fine long password', FEEDKEEPER_NEW_PASSWORD: 'another long password' };
let postgres: PostgresServer;
let server: FixtureServer;
let page: Story;

beforeAll(async () => {
  if (!available) return;
  postgres = await startPostgres();
  server = await startFixtureServer();
  const site = new NewsSite(server);
  page = site.add(story('mig1'));
  serveNewsSite(server);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await postgres?.stop();
  await removeTempDirs();
}, 30_000);

interface Archive {
  dataDir: string;
  token: string;
  fk: (...args: string[]) => ReturnType<typeof runFeedkeeper>;
}

/** A small archive made the way a user makes one; article 1 has two revisions, 0 and 1 (the second found by a re-check). */
async function buildArchive(): Promise<Archive> {
  const dataDir = await tempDataDir();
  const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks'], { env: ENV });
  const token = (await fk('token', 'create', '--name', 'phone')).stdout.trim();
  // Registered first, so the articles fetched next are due to it (and fail to reach port 9).
  expect((await fk('webhook', 'add', 'http://127.0.0.1:9/hook')).code).toBe(0);
  expect((await fk('add', server.url('/feed.xml'), '--tag', '城市')).code).toBe(0);
  expect((await fk('add', server.url('/rss.xml'))).code).toBe(0);
  // One feed at a time, so the story the re-checks edit is article 1.
  expect((await fk('fetch', '1')).code).toBe(0);
  expect((await fk('fetch', '2')).code).toBe(0);
  expect((await fk('user', 'add', 'mei')).code).toBe(0);
  expect((await fk('recheck', '1')).stdout).toContain('1 unchanged');
  const original = [...page.paragraphs];
  page.paragraphs[1] = (page.paragraphs[1] ?? '').replace('八十名', '九十名');
  expect((await fk('recheck', '1')).stdout).toContain('1 edited');
  page.paragraphs = original;
  expect((await fk('webhook', 'deliver')).code).toBe(0);
  const store = await openSqliteStore({ file: join(dataDir, 'feedkeeper.db') });
  try {
    expect(await store.entries.mark(1, [2, 3], { read: true })).toBe(2);
    expect(await store.entries.mark(1, [1], { starred: true })).toBe(1);
  } finally {
    await store.close();
  }
  return { dataDir, token, fk };
}

async function withStore<T>(open: () => Promise<Store>, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const sqliteOf = (a: Archive) => () => openSqliteStore({ file: join(a.dataDir, 'feedkeeper.db') });
const pgOf = (url: string) => () => openPostgresStore({ url, poolSize: 2 });

/** What a reader sees of the archive: entries with revisions, search hits, counts, users, the token. */
async function snapshot(store: Store, token: string) {
  const scope = { userId: 1, archive: true };
  const entries = [];
  for (const id of [1, 2, 3, 4]) {
    const e = await store.entries.get(scope, id);
    entries.push(e && { id: e.id, title: e.title, read: e.read, starred: e.starred, revisions: e.revisions.map((r) => r.revision), html: e.html });
  }
  const hits = async (q: string) => (await store.search.search(parseQuery(q), { scope, sort: 'relevance', limit: 20, cursor: null })).hits.map((h) => h.articleId);
  const found = await store.tokens.findByHash(hashSecret(token));
  return {
    entries,
    counts: await store.articles.count(),
    search: { bus: await hits('公交'), one: await hits('城'), english: await hits('mig1') },
    users: (await store.users.list()).map((u) => u.username),
    token: found && { id: found.token.id, user: found.user.username },
    feeds: (await store.feeds.list()).map((f) => [f.id, f.url, f.articleCount]),
  };
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)('feedkeeper migrate --to', () => {
  it('copies the archive, verifies it, and PostgreSQL then serves the same archive', async () => {
    const archive = await buildArchive();
    const url = await postgres.createDatabase();
    const r = await archive.fk('migrate', '--to', url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('verified: every table matches');
    expect(r.stdout).toMatch(/revisions\s+5\s+5\s+5\s+[0-9a-f]{16}\s+ok/);
    expect(r.stdout).toMatch(/webhook_deliveries\s+[1-9]\d*\s+[1-9]\d*\s+[1-9]\d*\s+[0-9a-f]{16}\s+ok/);
    expect(r.stdout).toMatch(/subscription_tags\s+1\s+1\s+1\s/);
    const before = await withStore(sqliteOf(archive), (s) => snapshot(s, archive.token));
    const after = await withStore(pgOf(url), (s) => snapshot(s, archive.token));
    expect(before.search.bus).toContain(1);
    expect(before.entries[0]?.revisions).toEqual([0, 1]);
    expect(before.token).toEqual({ id: 1, user: 'admin' });
    expect(before.entries.map((e) => e && [e.read, e.starred])).toEqual([[false, true], [true, false], [true, false], [false, false]]);
    expect(before.search.one.length).toBeGreaterThan(0);
    expect(before.search.english).toEqual([1]);
    expect(after).toEqual(before);
    await withStore(pgOf(url), async (s) => {
      expect(await s.search.indexedVersion()).not.toBeNull();
      // Ids the database hands out continue after the copied ones.
      const user = await s.users.create({ username: 'lan', passwordHash: 'x', isAdmin: false });
      expect(user.id).toBe(3);
      expect((await s.tokens.create({ userId: 1, name: 'new', tokenHash: 'h' })).id).toBe(2);
    });

    const again = await archive.fk('migrate', '--to', url);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain('users differs: key (3) only in the target');
  }, 120_000);

  it('a copy interrupted midway resumes where it stopped; run again it copies nothing', async () => {
    const archive = await buildArchive();
    const url = await postgres.createDatabase();
    const interrupted = withStore(sqliteOf(archive), (source) =>
      withStore(pgOf(url), (target) =>
        transferArchive(source, target, {
          batchSize: 2,
          // The first of two batches of articles is committed, then the run dies.
          afterBatch: (table, batch) => {
            if (table === 'articles' && batch === 1) throw new Error(`interrupted in ${table}`);
          },
        }),
      ),
    );
    await expect(interrupted).rejects.toThrow('interrupted in articles');
    const counted = await query<{ n: string }>(url, 'select count(*) as n from articles');
    expect(Number(counted[0]?.n)).toBe(2);

    const resumed = await archive.fk('migrate', '--to', url);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('verified: every table matches');
    expect(resumed.stdout).toMatch(/\n\s+users\s+0\s+2\s+2\s/);
    const rerun = await archive.fk('migrate', '--to', url);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('copied 0 row(s), indexed 0 article(s)');
  }, 120_000);

  it('a copy interrupted while indexing is marked unindexed until a resumed run finishes the index', async () => {
    const archive = await buildArchive();
    const url = await postgres.createDatabase();
    const interrupted = withStore(sqliteOf(archive), (source) =>
      withStore(pgOf(url), (target) =>
        transferArchive(source, target, {
          batchSize: 2,
          afterBatch: (table) => {
            if (table === 'search_index') throw new Error('interrupted while indexing');
          },
        }),
      ),
    );
    await expect(interrupted).rejects.toThrow('interrupted while indexing');
    expect(await withStore(pgOf(url), (s) => s.search.indexedVersion())).toBeNull();
    const resumed = await archive.fk('migrate', '--to', url);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('copied 0 row(s), indexed 2 article(s)');
    const before = await withStore(sqliteOf(archive), (s) => snapshot(s, archive.token));
    expect(await withStore(pgOf(url), (s) => snapshot(s, archive.token))).toEqual(before);
    expect(await withStore(pgOf(url), (s) => s.search.indexedVersion())).not.toBeNull();
  }, 120_000);

  it('names the table and the first differing key when the target changed after the copy', async () => {
    const archive = await buildArchive();
    const url = await postgres.createDatabase();
    expect((await archive.fk('migrate', '--to', url)).code).toBe(0);
    await query(url, `update revisions set html = html || ' ' where article_id = 1 and revision = 1`);
    const r = await archive.fk('migrate', '--to', url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('revisions differs: key (1, 1), column html');
    expect(r.stdout).toMatch(/revisions .*DIFFERS/);
  }, 120_000);

  it('refuses a database holding another archive, and one holding data it did not copy', async () => {
    const first = await buildArchive();
    const other = await tempDataDir();
    expect((await runFeedkeeper(['token', 'create', '--data-dir', other], { env: ENV })).code).toBe(0);
    const url = await postgres.createDatabase();
    expect((await first.fk('migrate', '--to', url)).code).toBe(0);
    const refused = await runFeedkeeper(['migrate', '--to', url, '--data-dir', other], { env: ENV });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds a different archive \(archive id [0-9a-f-]{36}; this one is [0-9a-f-]{36}\); migrate into an empty database/);

    const used = await postgres.createDatabase();
    await withStore(pgOf(used), (s) => s.users.create({ username: 'direct', passwordHash: 'x', isAdmin: true }));
    const notOurs = await runFeedkeeper(['migrate', '--to', used, '--data-dir', other], { env: ENV });
    expect(notOurs.code).toBe(1);
    expect(notOurs.stderr).toContain('already holds an archive that was not copied from this one (1 rows in users)');
  }, 120_000);

  it.each([
    ['a URL of another kind', 'mysql://root:hunter2@127.0.0.1/archive', 2, '--to: expected a postgres:// or postgresql:// URL, got "mysql://root:[redacted]@127.0.0.1/archive"'],
    ['no archive in the data directory', 'postgres://127.0.0.1/archive', 1, 'no embedded archive to migrate'],
  ])('%s is refused clearly', async (_case, to, code, message) => {
    const r = await runFeedkeeper(['migrate', '--to', to, '--data-dir', await tempDataDir()]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('a refused connection names the database without its password', async () => {
    const archive = await buildArchive();
    const port = await freePort();
    const r = await archive.fk('migrate', '--to', `postgres://feedkeeper:harbour-s3cret@127.0.0.1:${port}/archive`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`database postgres://feedkeeper:[redacted]@127.0.0.1:${port}/archive: cannot connect to the server`);
    expect(r.stderr + r.stdout).not.toContain('harbour-s3cret');
  }, 60_000);
});
