import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havePostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { freePort } from '../../../test/server-process.js';
import { storeContract } from '../contract.js';
import { relevanceWindowContract } from '../relevance-window-contract.js';
import { migrationProvider as sqliteMigrations } from '../sqlite/migrations/index.js';
import type { FeedFetchState, IncomingArticle, RefreshResult, Store } from '../store.js';
import { openPostgresStore } from './index.js';
import { migrationProvider } from './migrations/index.js';

const available = havePostgres();
let server: PostgresServer;
let template: string;

beforeAll(async () => {
  if (!available) return;
  server = await startPostgres();
  // Migrated once; each test's store is a fresh copy of it (CREATE DATABASE … TEMPLATE).
  const url = await server.createDatabase();
  await (await openPostgresStore({ url })).close();
  template = new URL(url).pathname.slice(1);
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

const fresh = async (): Promise<string> => server.createDatabase(template);

/** A store on a fresh copy of the migrated template; its database is dropped when it closes. */
async function freshStore(opts: { relevanceWindow?: number } = {}): Promise<Store> {
  const url = await fresh();
  const store = await openPostgresStore({ url, poolSize: 4, ...opts });
  return {
    ...store,
    close: async () => {
      await store.close();
      await server.dropDatabase(url);
    },
  };
}

describe.skipIf(!available)('postgres', () => {
  storeContract('postgres', freshStore);
  relevanceWindowContract('postgres', (relevanceWindow) => freshStore({ relevanceWindow }));
});

const T0 = Date.UTC(2024, 2, 4, 6, 0, 0);
const STATE: FeedFetchState = { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 60_000, scheduleReason: 'ttl' };

function article(key: string, title = `Ferry pier reopens after storm repairs (${key})`): IncomingArticle {
  const html = `<p>${title}: the harbour office says boats run from six.</p>`;
  return { key, title, link: `https://harbour.example.net/${key}`, author: null, publishedAt: T0, updatedAt: null, summary: null, html, categories: ['port'], contentHash: createHash('sha256').update(`${title}\n${html}`).digest('hex'), recordId: createHash('sha256').update(key).digest('hex').slice(0, 16) };
}

/** Rows of one query straight from the database, bypassing the store. */
async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!available)('postgres store: concurrent writers', () => {
  const WORKERS = 6;
  const KEYS = Array.from({ length: 8 }, (_, i) => `storm-${i}`);

  /** WORKERS stores on one database, as separate processes would have, each with its own pool. */
  async function workers(url: string): Promise<Store[]> {
    return Promise.all(Array.from({ length: WORKERS }, () => openPostgresStore({ url, poolSize: 2 })));
  }

  async function setUp(feedUrls: string[]): Promise<{ url: string; stores: Store[]; feedIds: number[]; userId: number }> {
    const url = await fresh();
    const stores = await workers(url);
    const first = stores[0] as Store;
    const feedIds = [];
    for (const feedUrl of feedUrls) feedIds.push((await first.feeds.add({ url: feedUrl })).id);
    const user = await first.users.create({ username: 'mei', passwordHash: 'scrypt$1', isAdmin: true });
    for (const id of feedIds) await first.subscriptions.add(user.id, id);
    return { url, stores, feedIds, userId: user.id };
  }

  const closeAll = (stores: Store[]) => Promise.all(stores.map((s) => s.close()));

  it('several workers refreshing one feed at once store each article exactly once', async () => {
    const { url, stores, feedIds, userId } = await setUp(['https://harbour.example.net/rss']);
    try {
      const results = await Promise.all(stores.map((s) => s.articles.applyRefresh(feedIds[0] as number, KEYS.map((k) => article(k)), STATE)));
      expect(results.reduce((n, r) => n + r.newArticles, 0)).toBe(KEYS.length);
      expect(results.reduce((n, r) => n + r.unchanged, 0)).toBe(KEYS.length * (WORKERS - 1));
      expect(await stores[0]?.articles.count()).toEqual({ articles: KEYS.length, revisions: KEYS.length });
      expect(await query(url, 'select key, count(*)::int as n from articles group by key having count(*) > 1')).toEqual([]);
      expect((await stores[0]?.entries.unreadCounts(userId))?.get(0)).toBe(KEYS.length);
    } finally {
      await closeAll(stores);
    }
  }, 60_000);

  it('workers storing different edits of the same articles at once lose no revision', async () => {
    const { url, stores, feedIds } = await setUp(['https://harbour.example.net/rss']);
    const feedId = feedIds[0] as number;
    try {
      await stores[0]?.articles.applyRefresh(feedId, KEYS.map((k) => article(k)), STATE);
      const results: RefreshResult[] = await Promise.all(
        stores.map((s, w) => s.articles.applyRefresh(feedId, KEYS.map((k) => article(k, `Ferry timetable, version ${w} (${k})`)), { ...STATE, fetchedAt: T0 + w + 1 })),
      );
      // Every worker's edit is a change from whatever was latest when its transaction ran.
      expect(results.map((r) => r.newRevisions)).toEqual(stores.map(() => KEYS.length));
      expect(await stores[0]?.articles.count()).toEqual({ articles: KEYS.length, revisions: KEYS.length * (WORKERS + 1) });
      const perArticle = await query<{ key: string; revisions: number[]; titles: string[]; latest: number }>(
        url,
        `select a.key, array_agg(r.revision order by r.revision) as revisions, array_agg(r.title order by r.revision) as titles, min(a.latest_revision) as latest
         from articles a join revisions r on r.article_id = a.id group by a.key order by a.key`,
      );
      for (const row of perArticle) {
        expect(row.revisions).toEqual(Array.from({ length: WORKERS + 1 }, (_, i) => i));
        expect(Number(row.latest)).toBe(WORKERS);
        expect(new Set(row.titles.slice(1))).toEqual(new Set(stores.map((_, w) => `Ferry timetable, version ${w} (${row.key})`)));
      }
      const written = results.flatMap((r) => r.written.map((w) => `${w.articleKey}#${w.revision}`));
      expect(new Set(written).size).toBe(KEYS.length * WORKERS);
    } finally {
      await closeAll(stores);
    }
  }, 60_000);

  it('workers refreshing two feeds that share article links store each article once, listed under both', async () => {
    const { url, stores, feedIds, userId } = await setUp(['https://harbour.example.net/rss', 'https://ferries.example.org/feed.xml']);
    try {
      // The second feed lists the articles in the opposite order, so writers also meet head-on (deadlocks).
      const batch = (w: number) => (w % 2 === 0 ? KEYS : [...KEYS].reverse()).map((k) => article(k));
      await Promise.all(stores.map((s, w) => s.articles.applyRefresh(feedIds[w % 2] as number, batch(w), STATE)));
      expect(await stores[0]?.articles.count()).toEqual({ articles: KEYS.length, revisions: KEYS.length });
      expect(await query(url, 'select key from articles group by key having count(*) > 1')).toEqual([]);
      const feeds = await stores[0]?.feeds.list();
      expect(feeds?.map((f) => f.articleCount)).toEqual([KEYS.length, KEYS.length]);
      expect(await query(url, 'select count(*)::int as n from feed_articles')).toEqual([{ n: 2 * KEYS.length }]);
      // The kept counters agree: each article is one unread, whichever feeds reach it.
      const unread = await stores[0]?.entries.unreadCounts(userId);
      expect([unread?.get(0), unread?.get(feedIds[0] as number), unread?.get(feedIds[1] as number)]).toEqual([KEYS.length, KEYS.length, KEYS.length]);
    } finally {
      await closeAll(stores);
    }
  }, 60_000);
  it('a refresh adds to its subscriber\'s unread count only at its end, so refreshes of one user\'s feeds do not queue behind each other', async () => {
    const { url, stores, feedIds, userId } = await setUp(['https://harbour.example.net/rss']);
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // Another refresh of the same user's feeds, in the middle of its commit, holds the user's row.
      await other.query('begin');
      await other.query(`update users set reach_unread = reach_unread where id = ${userId}`);
      const write = stores[0]!.articles.applyRefresh(feedIds[0] as number, KEYS.map((k) => article(k)), STATE);
      while ((await query<{ n: number }>(url, "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'"))[0]?.n === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Sequences are not transactional: every article row was inserted before the refresh waited.
      const [seq] = await query<{ last_value: number }>(url, "select last_value::int from articles_id_seq");
      expect(seq?.last_value).toBe(KEYS.length);
      await other.query('commit');
      expect((await write).newArticles).toBe(KEYS.length);
      expect((await stores[0]?.entries.unreadCounts(userId))?.get(0)).toBe(KEYS.length);
      expect((await stores[0]?.feeds.list())?.map((f) => f.articleCount)).toEqual([KEYS.length]);
    } finally {
      await other.end();
      await closeAll(stores);
    }
  }, 60_000);
});

describe.skipIf(!available)('postgres store: a write that loses a conflict', () => {
  /**
   * Another session inserts a feed with the same URL and holds its transaction open; the store's
   * add of that URL finds nothing yet (READ COMMITTED), waits at the unique index, and once the
   * other commits gets a unique violation (23505). Run again, its own check finds the committed
   * feed. Returns the outcome of the store's write.
   */
  async function conflictingAdd(maxWriteAttempts?: number): Promise<{ outcome: unknown; url: string }> {
    const url = await fresh();
    const store = await openPostgresStore({ url, ...(maxWriteAttempts === undefined ? {} : { maxWriteAttempts }) });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query("insert into feeds (url, slug, created_at, next_check_at) values ('https://harbour.example.net/rss', 'held', 0, 0)");
      const write = store.feeds.add({ url: 'https://harbour.example.net/rss' }).then(() => 'stored', (e: unknown) => e);
      while ((await query<{ n: number }>(url, "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'"))[0]?.n === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await other.query('commit');
      return { outcome: await write, url };
    } finally {
      await other.end();
      await store.close();
    }
  }

  it('waits for a concurrent update of the same row and stores on top of it (READ COMMITTED)', async () => {
    const url = await fresh();
    const store = await openPostgresStore({ url });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const feed = await store.feeds.add({ url: 'https://harbour.example.net/rss' });
      await other.query('begin');
      await other.query(`update feeds set last_error = 'held by another writer' where id = ${feed.id}`);
      const write = store.feeds.recordFetch(feed.id, STATE);
      while ((await query<{ n: number }>(url, "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'"))[0]?.n === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await other.query('commit');
      await write;
      expect((await store.feeds.get(feed.id))?.lastStatus).toBe('ok');
    } finally {
      await other.end();
      await store.close();
    }
  });

  it('is run again after a unique violation, and its own check then finds the other writer’s row', async () => {
    const { outcome } = await conflictingAdd();
    expect(outcome).toMatchObject({ name: 'FeedkeeperError', code: 'CONFLICT' });
  });

  it('waiting longer than lockTimeoutMs for another session fails with STORE_LOCKED, and works once the lock is gone', async () => {
    const url = await fresh();
    const store = await openPostgresStore({ url, lockTimeoutMs: 100 });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const feed = await store.feeds.add({ url: 'https://harbour.example.net/rss' });
      await other.query('begin');
      await other.query(`update feeds set last_error = 'held by another writer' where id = ${feed.id}`);
      const err: unknown = await store.feeds.recordFetch(feed.id, STATE).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'STORE_LOCKED', message: `database ${url}: another process holds a lock and did not let go in time; try again; nothing from this fetch of feed ${feed.id} was stored (55P03)` });
      expect((await store.feeds.list()).map((f) => f.lastStatus)).toEqual(['never']); // reads go on meanwhile
      await other.query('rollback');
      await store.feeds.recordFetch(feed.id, STATE);
      expect((await store.feeds.get(feed.id))?.lastStatus).toBe('ok');
    } finally {
      await other.end();
      await store.close();
    }
  });

  it('fails with STORE_LOCKED naming the database once it has run as often as allowed', async () => {
    const { outcome, url } = await conflictingAdd(1);
    expect(outcome).toMatchObject({ name: 'FeedkeeperError', code: 'STORE_LOCKED', details: { sqlState: '23505' } });
    expect((outcome as Error).message).toBe(`database ${url}: other writers kept conflicting with this one (tried 1 time); try again; nothing from adding https://harbour.example.net/rss was stored (23505)`);
  });
});

describe.skipIf(!available)('postgres store: webhooks with several writers', () => {
  it('collects a new article only once it is a minute old, so a lower id committed late is not skipped', async () => {
    let now = T0 + 3_600_000;
    const store = await openPostgresStore({ url: await fresh(), clock: { now: () => now } });
    try {
      const user = await store.users.create({ username: 'mei', passwordHash: 'x', isAdmin: false });
      const feed = await store.feeds.add({ url: 'https://harbour.example.net/rss' });
      await store.subscriptions.add(user.id, feed.id);
      const hook = await store.webhooks.create({ userId: user.id, url: 'https://receiver.example.net/in', events: ['new'], secret: 'whsec_dGVzdA==' });
      await store.articles.applyRefresh(feed.id, [article('late')], { ...STATE, fetchedAt: now });
      expect((await store.webhooks.collect(hook.id, 10)).occurrences).toEqual([]);
      now += 60_000;
      expect((await store.webhooks.collect(hook.id, 10)).occurrences.map((o) => o.event)).toEqual(['new']);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!available)('postgres store: opening', () => {
  it('has a twin of every SQLite migration, by the same name', async () => {
    expect(Object.keys(await migrationProvider.getMigrations())).toEqual(Object.keys(await sqliteMigrations.getMigrations()));
  });

  it('keeps its data across close and reopen, and runs each migration once', async () => {
    const url = await server.createDatabase();
    const lines: string[] = [];
    const logger = { debug: () => {}, info: (obj: object, msg?: string) => (msg === 'database migrated' ? lines.push(String((obj as { migration: string }).migration)) : 0), warn: () => {}, error: () => {}, child: () => logger };
    const first = await openPostgresStore({ url, logger });
    const feed = await first.feeds.add({ url: 'https://harbour.example.net/rss' });
    await first.articles.applyRefresh(feed.id, [article('kept')], STATE);
    await first.close();
    expect(lines).toEqual(Object.keys(await migrationProvider.getMigrations()));
    lines.length = 0;
    const again = await openPostgresStore({ url, logger });
    try {
      expect(lines).toEqual([]);
      expect(await again.articles.count()).toEqual({ articles: 1, revisions: 1 });
      expect(again.capabilities.concurrentWriters).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('refuses a database a newer feedkeeper migrated, naming the URL without its password and the unknown migrations', async () => {
    const url = await fresh();
    await query(url, `insert into kysely_migration (name, timestamp) values ('990-from-the-future', '2026-12-01T00:00:00Z'), ('991-from-further-on', '2026-12-02T00:00:00Z')`);
    const withPassword = url.replace('feedkeeper@', 'feedkeeper:harbour-s3cret@');
    const err: unknown = await openPostgresStore({ url: withPassword }).then(() => new Error('expected the open to fail'), (e: unknown) => e);
    expect(err).toMatchObject({ name: 'FeedkeeperError', code: 'STORE_IO' });
    const message = (err as Error).message;
    expect(message).toContain(`database ${url.replace('feedkeeper@', 'feedkeeper:[redacted]@')}: its schema is newer than this feedkeeper knows (migrations 990-from-the-future, 991-from-further-on)`);
    expect(message).not.toContain('harbour-s3cret');
  });

  it.each([
    ['nothing listens on the port', async () => `postgres://feedkeeper:harbour-s3cret@127.0.0.1:${await freePort()}/archive`, 'cannot connect to the server'],
    ['the database does not exist', async () => server.url('no_such_archive').replace('feedkeeper@', 'feedkeeper:harbour-s3cret@'), 'no such database on the server'],
  ])('fails with a clear STORE_IO error when %s', async (_case, makeUrl, fragment) => {
    const url = await makeUrl();
    const err: unknown = await openPostgresStore({ url }).then(() => new Error('expected the open to fail'), (e: unknown) => e);
    expect(err).toMatchObject({ name: 'FeedkeeperError', code: 'STORE_IO' });
    expect((err as Error).message).toContain(`database ${url.replace('harbour-s3cret', '[redacted]')}: ${fragment}`);
    expect((err as Error).message).not.toContain('harbour-s3cret');
  });
});
