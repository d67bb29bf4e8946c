import Database from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordId } from '../../../archive/index.js';
import { migrationProvider } from './index.js';

const TABLES = [
  'api_tokens', 'archive_counts', 'article_categories', 'articles', 'entry_states', 'feed_articles', 'feed_read_counts', 'feeds', 'login_attempts', 'revisions',
  'search_fts', 'search_fts_config', 'search_fts_data', 'search_fts_docsize', 'search_fts_idx', 'search_meta', 'sessions', 'subscription_tags', 'subscriptions', 'users',
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
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await sql<{ id: number; article_count: number }>`select id, article_count from feeds order by id`.execute(db)).rows).toEqual([{ id: 1, article_count: 3 }, { id: 2, article_count: 1 }]);
    expect((await sql<{ read_count: number }>`select read_count from users`.execute(db)).rows).toEqual([{ read_count: 1 }]);
    expect((await sql`select user_id, feed_id, read from feed_read_counts order by feed_id`.execute(db)).rows).toEqual([{ user_id: 1, feed_id: 1, read: 1 }, { user_id: 1, feed_id: 2, read: 1 }]);
    expect((await sql`select name, n from archive_counts order by name`.execute(db)).rows).toEqual([{ name: 'articles', n: 3 }, { name: 'revisions', n: 4 }]);
  });

  it('create the indexes the queries rely on', async () => {
    await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite%' order by name`.execute(db);
    expect(rows.map((row) => row.name)).toEqual([
      'articles_published_at', 'articles_record_id', 'entry_states_read_by_article', 'entry_states_starred', 'feed_articles_article', 'feeds_due', 'login_attempts_at', 'login_attempts_key', 'revisions_unarchived', 'sessions_expires_at', 'subscription_tags_tag', 'subscriptions_feed', 'users_oidc_identity', 'users_username_nocase',
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
});
