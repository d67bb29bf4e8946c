/**
 * The first schema: feeds and their tags, articles (one row per key, with its latest version),
 * every revision of every article, and which feeds reached which article.
 * Portable by design (the PostgreSQL store mirrors it with its own migrations): integers for
 * epoch ms and 0/1 flags, text for the rest, and only indexes PostgreSQL also has (partial included).
 * A migration is never edited once released; changes go in a new numbered file.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createFeedTables(db);
  await createArticleTables(db);
  await createIndexes(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['article_categories', 'feed_articles', 'revisions', 'articles', 'feed_tags', 'feeds']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

async function createFeedTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feeds')
    // AUTOINCREMENT: a removed feed's id (and so its archive folder name) is never handed out again.
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('site_url', 'text')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title_override', 'text')
    .addColumn('min_interval_ms', 'integer')
    .addColumn('max_interval_ms', 'integer')
    .addColumn('user_agent', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('fulltext', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetch_at', 'integer')
    .addColumn('last_status', 'text', (c) => c.notNull().defaultTo('never'))
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', 'integer', (c) => c.notNull())
    .addColumn('schedule_reason', 'text')
    .execute();

  await db.schema
    .createTable('feed_tags')
    .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_tags_pk', ['feed_id', 'tag'])
    .execute();
}

async function createArticleTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('home_feed_id', 'integer', (c) => c.references('feeds.id').onDelete('set null'))
    .addColumn('feed_slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('published_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer')
    .addColumn('summary', 'text')
    .addColumn('latest_revision', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('revisions')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('published_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer')
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'integer', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('revisions_pk', ['article_id', 'revision'])
    .execute();

  await db.schema
    .createTable('feed_articles')
    .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('first_seen_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_articles_pk', ['feed_id', 'article_id'])
    .execute();

  await db.schema
    .createTable('article_categories')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_categories_pk', ['article_id', 'category'])
    .execute();
}

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('feeds_due').on('feeds').columns(['enabled', 'next_check_at']).execute();
  await db.schema.createIndex('articles_published_at').on('articles').column('published_at').execute();
  await db.schema.createIndex('feed_articles_article').on('feed_articles').column('article_id').execute();
  await db.schema
    .createIndex('revisions_unarchived')
    .on('revisions')
    .columns(['article_id', 'revision'])
    .where(sql.ref('archived'), '=', 0)
    .execute();
}
