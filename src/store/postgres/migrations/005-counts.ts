/**
 * Twin of SQLite's 005: the counters the reader shows on every page, kept by store/kysely/counts.ts
 * in the transaction of each change. The archive totals start from what is there; the per-feed and
 * per-user counts of SQLite's twin count rows that predate it, which no PostgreSQL archive has.
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table feeds add column article_count bigint not null default 0`,
    sql`alter table users add column read_count bigint not null default 0`,
    sql`create table feed_read_counts (
      user_id bigint not null references users (id) on delete cascade,
      feed_id bigint not null references feeds (id) on delete cascade,
      read bigint not null,
      primary key (user_id, feed_id)
    )`,
    sql`create index entry_states_read_by_article on entry_states (article_id) where read_at is not null`,
    sql`create table archive_counts (name text primary key, n bigint not null)`,
    sql`insert into archive_counts (name, n) values ('articles', (select count(*) from articles)), ('revisions', (select count(*) from revisions))`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`drop table archive_counts`,
    sql`drop index entry_states_read_by_article`,
    sql`drop table feed_read_counts`,
    sql`alter table users drop column read_count`,
    sql`alter table feeds drop column article_count`,
  ]);
}
