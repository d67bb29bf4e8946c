/**
 * Counts the reader shows on every page, kept up to date instead of counted per request: a
 * feed's number of articles, each user's number of read articles in each feed and in all, and
 * the archive's articles and revisions. Counting them per page scanned every feed link and state
 * row, about 50 ms a page at 200,000 articles; kept here, a page reads a few rows.
 * store/sqlite/counts.ts is the one place that changes them, in the transaction of the change.
 * Existing rows are counted once, here.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('article_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('read_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`create table feed_read_counts (
    user_id integer not null references users (id) on delete cascade,
    feed_id integer not null references feeds (id) on delete cascade,
    read integer not null,
    primary key (user_id, feed_id)
  ) without rowid`.execute(db);
  // A new feed link asks which users have read the article: entry_states is keyed by user first.
  await sql`create index entry_states_read_by_article on entry_states (article_id) where read_at is not null`.execute(db);
  await db.schema
    .createTable('archive_counts')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();

  await sql`update feeds set article_count = (select count(*) from feed_articles fa where fa.feed_id = feeds.id)`.execute(db);
  await sql`update users set read_count = (select count(*) from entry_states s where s.user_id = users.id and s.read_at is not null)`.execute(db);
  await sql`insert into feed_read_counts (user_id, feed_id, read)
    select s.user_id, fa.feed_id, count(*) from entry_states s join feed_articles fa on fa.article_id = s.article_id
    where s.read_at is not null group by s.user_id, fa.feed_id`.execute(db);
  await sql`insert into archive_counts (name, n) values ('articles', (select count(*) from articles)), ('revisions', (select count(*) from revisions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('archive_counts').execute();
  await db.schema.dropIndex('entry_states_read_by_article').execute();
  await db.schema.dropTable('feed_read_counts').execute();
  await db.schema.alterTable('users').dropColumn('read_count').execute();
  await db.schema.alterTable('feeds').dropColumn('article_count').execute();
}
