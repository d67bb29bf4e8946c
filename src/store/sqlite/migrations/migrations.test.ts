import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordId } from '../../../archive/index.js';
import { parseQuery } from '../../../search/index.js';
import { openSqliteStore } from '../sqlite-store.js';
import { migrationProvider } from './index.js';

const TABLES = [
  'api_tokens', 'archive_counts', 'article_categories', 'article_events', 'article_media', 'articles', 'entry_states', 'feed_articles', 'feed_read_counts', 'feeds', 'login_attempts',
  'maintenance_runs', 'media', 'media_queue', 'revisions', 'search_fts', 'search_fts_config', 'search_fts_data', 'search_fts_docsize', 'search_fts_idx', 'search_meta', 'sessions', 'subscription_tags', 'subscriptions', 'upgrades', 'users',
  'watch', 'watch_hosts', 'webhook_deliveries', 'webhooks',
];
/** The tables as migration 005 left them: one name and tag set per feed, no subscriptions yet. */
const TABLES_005 = [
  'api_tokens', 'archive_counts', 'article_categories', 'articles', 'entry_states', 'feed_articles', 'feed_read_counts', 'feed_tags', 'feeds', 'revisions',
  'search_fts', 'search_fts_config', 'search_fts_data', 'search_fts_docsize', 'search_fts_idx', 'search_meta', 'sessions', 'users',
];

describe('sqlite migrations', () => {
  let db: Kysely<unknown>;
  beforeEach(() => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON'); // as openSqliteStore does
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function appTables(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master
      where type = 'table' and name not like 'kysely%' and name not like 'sqlite%' order by name`.execute(db);
    return rows.map((row) => row.name);
  }

  it('go up to the latest schema, down to nothing, and up again', async () => {
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await appTables()).toEqual(TABLES);
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
    expect(await appTables()).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await appTables()).toEqual(TABLES);
  });

  it('002 gives existing articles the record id the archive derived from their key', async () => {
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('001-initial')).error).toBeUndefined();
    await sql`insert into feeds (url, slug, created_at, next_check_at) values ('https://a.example/rss', '1', 0, 0)`.execute(db);
    await sql`insert into articles (key, home_feed_id, feed_slug, title, link, published_at, latest_revision, content_hash, created_at)
      values ('url:https://a.example/1', 1, '1', '标题', 'https://a.example/1', 0, 0, 'h', 0)`.execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { rows } = await sql<{ record_id: string }>`select record_id from articles`.execute(db);
    expect(rows).toEqual([{ record_id: recordId('url:https://a.example/1') }]);
  });

  it('005 counts what is already there: articles per feed, reads per user and feed, archive totals', async () => {
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('004-reader')).error).toBeUndefined();
    await sql`insert into feeds (url, slug, created_at, next_check_at) values ('https://a.example/rss', '1', 0, 0), ('https://b.example/rss', '2', 0, 0)`.execute(db);
    for (const n of [1, 2, 3]) {
      await sql`insert into articles (key, home_feed_id, feed_slug, title, link, published_at, latest_revision, content_hash, created_at, record_id)
        values (${`k${n}`}, 1, '1', '标题', ${`https://a.example/${n}`}, 0, ${n === 1 ? 1 : 0}, 'h', 0, ${`r${n}`})`.execute(db);
      await sql`insert into revisions (article_id, revision, title, link, published_at, html, content_hash, fetched_at) values (${n}, 0, 't', 'l', 0, '<p>x</p>', 'h', 0)`.execute(db);
    }
    await sql`insert into revisions (article_id, revision, title, link, published_at, html, content_hash, fetched_at) values (1, 1, 't', 'l', 0, '<p>y</p>', 'h2', 0)`.execute(db);
    await sql`insert into feed_articles (feed_id, article_id, first_seen_at) values (1, 1, 0), (1, 2, 0), (1, 3, 0), (2, 1, 0)`.execute(db);
    await sql`insert into users (username, password_hash, created_at) values ('mei', 'x', 0)`.execute(db);
    await sql`insert into entry_states (user_id, article_id, read_at, starred_at) values (1, 1, 5, null), (1, 2, null, 5)`.execute(db);
    // What 005 itself counts (006 replaces read_count by the per-user reach_unread).
    expect((await migrator.migrateTo('005-counts')).error).toBeUndefined();
    expect((await sql<{ id: number; article_count: number }>`select id, article_count from feeds order by id`.execute(db)).rows).toEqual([{ id: 1, article_count: 3 }, { id: 2, article_count: 1 }]);
    expect((await sql<{ read_count: number }>`select read_count from users`.execute(db)).rows).toEqual([{ read_count: 1 }]);
    expect((await sql`select user_id, feed_id, read from feed_read_counts order by feed_id`.execute(db)).rows).toEqual([{ user_id: 1, feed_id: 1, read: 1 }, { user_id: 1, feed_id: 2, read: 1 }]);
    expect((await sql`select name, n from archive_counts order by name`.execute(db)).rows).toEqual([{ name: 'articles', n: 3 }, { name: 'revisions', n: 4 }]);
  });

  it('create the indexes the queries rely on', async () => {
    await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite%' order by name`.execute(db);
    expect(rows.map((row) => row.name)).toEqual([
      'article_events_article', 'article_media_sha', 'article_media_url', 'articles_published_at', 'articles_record_id', 'entry_states_read_by_article', 'entry_states_starred', 'feed_articles_article', 'feeds_due',
      'login_attempts_at', 'login_attempts_key', 'media_queue_order', 'revisions_unarchived', 'sessions_expires_at', 'subscription_tags_tag', 'subscriptions_feed', 'users_fever_key_hash', 'users_oidc_identity', 'users_username_key', 'users_username_nocase', 'watch_due',
      'webhook_deliveries_due', 'webhook_deliveries_log', 'webhooks_user',
    ]);
  });

  it('004: removing a user removes its sessions, tokens and entry states; removing an article removes its states', async () => {
    await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    await sql`insert into users (username, password_hash, created_at) values ('mei', 'h1', 0), ('tom', 'h2', 0)`.execute(db);
    await sql`insert into sessions (id_hash, user_id, csrf_token, created_at, expires_at) values ('s1', 1, 'c', 0, 9), ('s2', 2, 'c', 0, 9)`.execute(db);
    await sql`insert into api_tokens (user_id, name, token_hash, created_at) values (1, 'phone', 't1', 0), (2, 'laptop', 't2', 0)`.execute(db);
    await sql`insert into feeds (url, slug, created_at, next_check_at) values ('https://a.example/rss', '1', 0, 0)`.execute(db);
    await sql`insert into articles (key, home_feed_id, feed_slug, title, link, published_at, latest_revision, content_hash, created_at)
      values ('k1', 1, '1', 'Tram line opens', 'https://a.example/1', 0, 0, 'h', 0), ('k2', 1, '1', 'Bridge closes', 'https://a.example/2', 0, 0, 'h', 0)`.execute(db);
    await sql`insert into entry_states (user_id, article_id, read_at) values (1, 1, 5), (1, 2, 5), (2, 1, 5)`.execute(db);
    const left = async () => ({
      sessions: (await sql<{ id_hash: string }>`select id_hash from sessions order by id_hash`.execute(db)).rows.map((r) => r.id_hash),
      tokens: (await sql<{ token_hash: string }>`select token_hash from api_tokens order by id`.execute(db)).rows.map((r) => r.token_hash),
      states: (await sql<{ user_id: number; article_id: number }>`select user_id, article_id from entry_states order by 1, 2`.execute(db)).rows.map((r) => [r.user_id, r.article_id]),
    });
    await sql`delete from users where username = 'mei'`.execute(db);
    expect(await left()).toEqual({ sessions: ['s2'], tokens: ['t2'], states: [[2, 1]] });
    await sql`delete from articles where key = 'k1'`.execute(db);
    expect((await left()).states).toEqual([]);
  });

  describe('006: several users', () => {
    it('refuses, changing nothing, when two existing names differ only in letter case, and names them', async () => {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('005-counts')).error).toBeUndefined();
      await sql`insert into users (username, password_hash, is_admin, created_at) values ('Mei', 'x', 1, 0), ('mei', 'y', 0, 0)`.execute(db);
      const { error } = await migrator.migrateToLatest();
      expect(String(error)).toContain('differ only in case: Mei, mei');
      expect((await sql<{ name: string }>`select name from pragma_table_info('users') where name = 'disabled'`.execute(db)).rows).toEqual([]);
    });

    /**
     * An archive as 005 left it: Harbour (named "Harbour news", tagged city and news) and Hill
     * (tagged sport) share k1; k2 is Harbour's, k3 Hill's, k4 Owl's (no name, no tags); k5 was
     * imported. mei (a reader, user 1) and admin (user 2, the first admin) exist; admin has read
     * k1 and starred k3, mei has read k2. The counters are those 005 keeps.
     */
    async function oldArchive(target: Kysely<unknown>, users: 'admin and reader' | 'none' = 'admin and reader'): Promise<void> {
      expect((await new Migrator({ db: target, provider: migrationProvider }).migrateTo('005-counts')).error).toBeUndefined();
      await sql`insert into feeds (url, title, slug, title_override, created_at, next_check_at, article_count) values
        ('https://harbour.example/rss', 'Harbour Daily', '1', 'Harbour news', 100, 0, 2),
        ('https://hill.example/rss', 'Hill Sports', '2', null, 200, 0, 2),
        ('https://owl.example/rss', 'Night Owl', '3', null, 300, 0, 1)`.execute(target);
      await sql`insert into feed_tags (feed_id, tag, position) values (1, 'news', 1), (1, 'city', 0), (2, 'sport', 0)`.execute(target);
      const homes = [1, 1, 2, 3, null];
      for (const [i, home] of homes.entries()) {
        const n = i + 1;
        await sql`insert into articles (key, home_feed_id, feed_slug, title, link, published_at, latest_revision, content_hash, created_at, record_id)
          values (${`k${n}`}, ${home}, ${home === null ? 'imported' : String(home)}, ${`Tram line ${n} opens`}, ${`https://a.example/${n}`}, ${n}, 0, 'h', 0, ${`r${n}`})`.execute(target);
        await sql`insert into revisions (article_id, revision, title, link, published_at, html, content_hash, fetched_at, clean_text)
          values (${n}, 0, ${`Tram line ${n} opens`}, 'l', ${n}, '<p>x</p>', 'h', 0, ${`The tram line ${n} opens on Monday.`})`.execute(target);
      }
      await sql`insert into feed_articles (feed_id, article_id, first_seen_at) values (1, 1, 0), (2, 1, 5), (1, 2, 0), (2, 3, 0), (3, 4, 0)`.execute(target);
      await sql`update archive_counts set n = 5`.execute(target);
      await sql`insert into search_meta (key, value) values ('analyzer_version', '1')`.execute(target);
      if (users === 'none') return;
      await sql`insert into users (username, password_hash, is_admin, created_at, read_count) values ('mei', 'scrypt$m', 0, 0, 1), ('admin', 'scrypt$a', 1, 0, 1)`.execute(target);
      await sql`insert into entry_states (user_id, article_id, read_at, starred_at) values (2, 1, 5, null), (2, 3, null, 5), (1, 2, 5, null)`.execute(target);
      await sql`insert into feed_read_counts (user_id, feed_id, read) values (2, 1, 1), (2, 2, 1), (1, 1, 1)`.execute(target);
    }

    const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;

    it('gives the first admin a subscription to every feed with its name and tags, and counts what it reaches', async () => {
      await oldArchive(db);
      expect((await new Migrator({ db, provider: migrationProvider }).migrateToLatest()).error).toBeUndefined();
      expect(await rows(sql`select user_id, feed_id, title_override, created_at from subscriptions order by feed_id`)).toEqual([
        { user_id: 2, feed_id: 1, title_override: 'Harbour news', created_at: 100 },
        { user_id: 2, feed_id: 2, title_override: null, created_at: 200 },
        { user_id: 2, feed_id: 3, title_override: null, created_at: 300 },
      ]);
      expect(await rows(sql`select user_id, feed_id, tag from subscription_tags order by feed_id, position`)).toEqual([
        { user_id: 2, feed_id: 1, tag: 'city' }, { user_id: 2, feed_id: 1, tag: 'news' }, { user_id: 2, feed_id: 2, tag: 'sport' },
      ]);
      // Admin reaches k1..k4 (not the imported k5) and has read k1; mei subscribes to nothing yet.
      expect(await rows(sql`select username, reach_unread, disabled, language, time_zone, page_size, sort from users order by id`)).toEqual([
        { username: 'mei', reach_unread: 0, disabled: 0, language: null, time_zone: null, page_size: 50, sort: 'newest' },
        { username: 'admin', reach_unread: 3, disabled: 0, language: null, time_zone: null, page_size: 50, sort: 'newest' },
      ]);
      // The search index is rebuilt by the next run: its analyzer version is forgotten.
      expect(await rows(sql`select key from search_meta`)).toEqual([]);
      expect(await rows(sql`select name from pragma_table_info('feeds') where name = 'title_override'`)).toEqual([]);
      expect((await rows(sql`select name from pragma_table_info('search_fts')`)).map((r) => (r as { name: string }).name)).toEqual(['t', 'tu', 'b', 'bu', 'a', 'au', 'f']);
      // The old rows are all still there.
      expect(await rows(sql`select (select count(*) from articles) as articles, (select count(*) from feed_articles) as links, (select count(*) from entry_states) as states`)).toEqual([{ articles: 5, links: 5, states: 3 }]);
      // User names are now unique in any letter case.
      await expect(sql`insert into users (username, password_hash, created_at) values ('MEI', 'x', 0)`.execute(db)).rejects.toThrow(/UNIQUE/);
    });

    it('gives an archive that has feeds but no user yet an admin without a password yet (PASSWORD_NOT_SET, which run replaces) who subscribes to them', async () => {
      await oldArchive(db, 'none');
      expect((await new Migrator({ db, provider: migrationProvider }).migrateToLatest()).error).toBeUndefined();
      expect(await rows(sql`select id, username, password_hash, is_admin, disabled, created_at, reach_unread from users`)).toEqual([
        { id: 1, username: 'admin', password_hash: 'unset', is_admin: 1, disabled: 0, created_at: 100, reach_unread: 4 },
      ]);
      expect(await rows(sql`select user_id, feed_id, title_override from subscriptions order by feed_id`)).toEqual([
        { user_id: 1, feed_id: 1, title_override: 'Harbour news' }, { user_id: 1, feed_id: 2, title_override: null }, { user_id: 1, feed_id: 3, title_override: null },
      ]);
      expect(await rows(sql`select count(*) as n from subscription_tags`)).toEqual([{ n: 3 }]);
    });

    it('creates nobody in an archive without feeds', async () => {
      expect((await new Migrator({ db, provider: migrationProvider }).migrateTo('005-counts')).error).toBeUndefined();
      expect((await new Migrator({ db, provider: migrationProvider }).migrateToLatest()).error).toBeUndefined();
      expect(await rows(sql`select count(*) as n from users`)).toEqual([{ n: 0 }]);
    });

    it('goes down to 005 with the first admin’s names and tags, and up again', async () => {
      await oldArchive(db);
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // Another user's subscription is lost going down; the admin's is what the feeds get back.
      await sql`insert into subscriptions (user_id, feed_id, title_override, created_at) values (1, 1, 'Mei''s harbour', 0), (1, 3, 'Owls', 0)`.execute(db);
      await sql`insert into subscription_tags (user_id, feed_id, tag, position) values (1, 1, 'mine', 0)`.execute(db);
      await sql`update subscriptions set title_override = 'Sports' where user_id = 2 and feed_id = 2`.execute(db);
      expect((await migrator.migrateTo('005-counts')).error).toBeUndefined();
      expect(await appTables()).toEqual(TABLES_005);
      expect(await rows(sql`select id, title_override from feeds order by id`)).toEqual([
        { id: 1, title_override: 'Harbour news' }, { id: 2, title_override: 'Sports' }, { id: 3, title_override: null },
      ]);
      expect(await rows(sql`select feed_id, tag, position from feed_tags order by feed_id, position`)).toEqual([
        { feed_id: 1, tag: 'city', position: 0 }, { feed_id: 1, tag: 'news', position: 1 }, { feed_id: 2, tag: 'sport', position: 0 },
      ]);
      expect((await rows(sql`select name from pragma_table_info('users')`)).map((r) => (r as { name: string }).name)).toEqual(['id', 'username', 'password_hash', 'is_admin', 'created_at', 'read_count']);
      expect((await rows(sql`select name from pragma_table_info('search_fts')`))).toHaveLength(10);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await appTables()).toEqual(TABLES);
      expect(await rows(sql`select user_id, feed_id, title_override from subscriptions order by user_id, feed_id`)).toEqual([
        { user_id: 2, feed_id: 1, title_override: 'Harbour news' }, { user_id: 2, feed_id: 2, title_override: 'Sports' }, { user_id: 2, feed_id: 3, title_override: null },
      ]);
      expect(await rows(sql`select username, reach_unread from users order by id`)).toEqual([{ username: 'mei', reach_unread: 0 }, { username: 'admin', reach_unread: 3 }]);
    });

    it('leaves a store that shows the admin their feeds, names, tags and counts, and reindexes search', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'feedkeeper-006-'));
      try {
        const file = join(dir, 'feedkeeper.db');
        const raw = new Database(file);
        raw.pragma('foreign_keys = ON');
        const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
        await oldArchive(old);
        await old.destroy();

        const store = await openSqliteStore({ file });
        try {
          const admin = await store.users.byName('admin');
          const mei = await store.users.byName('MEI');
          expect(admin).toMatchObject({ id: 2, isAdmin: true, disabled: false, passwordHash: 'scrypt$a', settings: { language: null, timeZone: null, pageSize: 50, sort: 'newest' } });
          expect(mei).toMatchObject({ id: 1, isAdmin: false });
          const userId = admin?.id ?? -1;
          expect((await store.subscriptions.list(userId)).map((s) => [s.id, s.title, s.titleOverride, s.tags, s.articleCount])).toEqual([
            [1, 'Harbour Daily', 'Harbour news', ['city', 'news'], 2], [2, 'Hill Sports', null, ['sport'], 2], [3, 'Night Owl', null, [], 1],
          ]);
          expect(await store.entries.unreadCounts(userId)).toEqual(new Map([[0, 3], [1, 1], [2, 1], [3, 1]]));
          expect(await store.entries.unreadCounts(mei?.id ?? -1)).toEqual(new Map([[0, 0]]));
          const links = async (filter: Parameters<typeof store.entries.list>[0]) => (await store.entries.list(filter, { limit: 10, cursor: null })).entries.map((e) => e.link);
          expect(await links({ userId })).toEqual(['https://a.example/4', 'https://a.example/3', 'https://a.example/2', 'https://a.example/1']);
          expect(await links({ userId, tag: 'news' })).toEqual(['https://a.example/2', 'https://a.example/1']);
          expect(await links({ userId, starred: true })).toEqual(['https://a.example/3']);
          expect((await store.entries.list({ userId }, { limit: 10, cursor: null })).entries.map((e) => e.feedTitle)).toEqual(['Night Owl', 'Hill Sports', 'Harbour news', 'Harbour news']);
          expect(await store.feeds.due(Number.MAX_SAFE_INTEGER, 10)).toHaveLength(3);

          expect(await store.search.indexedVersion()).toBeNull();
          expect(await store.search.reindex()).toBe(5);
          expect(await store.search.indexedVersion()).not.toBeNull();
          const found = async (q: string, archive = false) =>
            (await store.search.search(parseQuery(q), { scope: archive ? { userId, archive } : { userId }, limit: 10, sort: 'date', cursor: null })).hits.map((h) => h.link);
          expect(await found('tag:city')).toEqual(['https://a.example/2', 'https://a.example/1']);
          expect(await found('feed:"harbour news"')).toEqual(['https://a.example/2', 'https://a.example/1']);
          expect(await found('feed:hill')).toEqual(['https://a.example/3', 'https://a.example/1']);
          expect(await found('tram')).toEqual(['https://a.example/4', 'https://a.example/3', 'https://a.example/2', 'https://a.example/1']);
          expect(await found('tram', true)).toHaveLength(5);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('008: users keep their rows and get no API password; a Fever key hash belongs to one user', async () => {
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('005-counts')).error).toBeUndefined();
    await sql`insert into users (username, password_hash, created_at) values ('mei', 'h1', 0), ('tom', 'h2', 0)`.execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { rows } = await sql<{ username: string; api_password_hash: string | null; fever_key_hash: string | null }>`select username, api_password_hash, fever_key_hash from users order by id`.execute(db);
    expect(rows).toEqual([{ username: 'mei', api_password_hash: null, fever_key_hash: null }, { username: 'tom', api_password_hash: null, fever_key_hash: null }]);
    await sql`update users set fever_key_hash = 'k' where username = 'mei'`.execute(db);
    await expect(sql`update users set fever_key_hash = 'k' where username = 'tom'`.execute(db)).rejects.toThrow(/UNIQUE/);
  });
});


describe('011: the revision chain', () => {
  let db: Kysely<unknown>;
  beforeEach(() => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  });
  afterEach(async () => {
    await db.destroy();
  });

  /** Two articles as 009 left them: k1 with three revisions, k2 with one. */
  async function beforeChains(): Promise<void> {
    expect((await new Migrator({ db, provider: migrationProvider }).migrateTo('009-watch')).error).toBeUndefined();
    await sql`insert into feeds (url, slug, created_at, next_check_at) values ('https://a.example/rss', '1', 0, 0)`.execute(db);
    for (const [n, revisions] of [[1, 3], [2, 1]] as const) {
      await sql`insert into articles (key, home_feed_id, feed_slug, title, link, published_at, latest_revision, content_hash, created_at, record_id)
        values (${`k${n}`}, 1, '1', 'Pier reopens', ${`https://a.example/${n}`}, 1000, ${revisions - 1}, 'h', 0, ${recordId(`k${n}`)})`.execute(db);
      for (let r = 0; r < revisions; r++) {
        await sql`insert into revisions (article_id, revision, title, link, published_at, html, content_hash, fetched_at, full_html)
          values (${n}, ${r}, 'Pier reopens', ${`https://a.example/${n}`}, 1000, ${`<p>feed ${r}</p>`}, ${`h${r}`}, ${2000 + r}, ${r === 1 ? '<p>page</p>' : null})`.execute(db);
      }
    }
  }

  /** The chain as the documented layout gives it, computed here from the rows (record file bytes first). */
  function expectedChain(n: number, revisions: number): string[] {
    const out: string[] = [];
    let prev = '0'.repeat(64);
    for (let r = 0; r < revisions; r++) {
      const file = `<!--1000-->\n[Pier reopens](https://a.example/${n})\n------\n\n${r === 1 ? '<p>page</p>' : `<p>feed ${r}</p>`}\n`;
      const fileHash = createHash('sha256').update(file).digest('hex');
      prev = createHash('sha256').update(`feedkeeper-chain/1\nrecord ${recordId(`k${n}`)}\nrevision ${r}\nfetched ${2000 + r}\nfile ${fileHash}\nwarc \nprev ${prev}\n`).digest('hex');
      out.push(prev);
    }
    return out;
  }

  const chains = async () =>
    (await sql<{ article_id: number; chain_hash: string | null }>`select article_id, chain_hash from revisions order by article_id, revision`.execute(db)).rows.map((r) => [r.article_id, r.chain_hash]);

  it('chains the existing revisions in (article, revision) order, with no WARC digest', async () => {
    await beforeChains();
    expect((await new Migrator({ db, provider: migrationProvider }).migrateToLatest()).error).toBeUndefined();
    expect(await chains()).toEqual([...expectedChain(1, 3).map((h) => [1, h]), ...expectedChain(2, 1).map((h) => [2, h])]);
    expect((await sql`select count(*) as n from revisions where warc_digest is not null`.execute(db)).rows).toEqual([{ n: 0 }]);
  });

  it('goes on after a crash half way: up again adds no column twice and chains only what is missing', async () => {
    await beforeChains();
    // As if the first run had added the columns and chained k1's first revision, then died.
    await sql`alter table revisions add column chain_hash text`.execute(db);
    await sql`alter table revisions add column warc_digest text`.execute(db);
    await sql`update revisions set chain_hash = ${expectedChain(1, 1)[0]} where article_id = 1 and revision = 0`.execute(db);
    const up = async () => (await migrationProvider.getMigrations())['011-revision-chain']?.up(db);
    await up();
    expect(await chains()).toEqual([...expectedChain(1, 3).map((h) => [1, h]), ...expectedChain(2, 1).map((h) => [2, h])]);
    await up();
    expect(await chains()).toEqual([...expectedChain(1, 3).map((h) => [1, h]), ...expectedChain(2, 1).map((h) => [2, h])]);
  });
});
