import Database from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordId } from '../../../archive/index.js';
import { migrationProvider } from './index.js';

const TABLES = ['article_categories', 'articles', 'feed_articles', 'feed_tags', 'feeds', 'revisions', 'search_fts', 'search_fts_config', 'search_fts_data', 'search_fts_docsize', 'search_fts_idx', 'search_meta'];

describe('sqlite migrations', () => {
  let db: Kysely<unknown>;
  beforeEach(() => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
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

  it('create the indexes the queries rely on', async () => {
    await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name not like 'sqlite%' order by name`.execute(db);
    expect(rows.map((row) => row.name)).toEqual(['articles_published_at', 'articles_record_id', 'feed_articles_article', 'feeds_due', 'revisions_unarchived']);
  });
});
