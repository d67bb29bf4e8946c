/**
 * Twin of SQLite's 006: several users on one archive. Subscriptions (each user's name and tags of
 * a shared feed) replace feeds.title_override and feed_tags; users gain `disabled`, reader settings,
 * `reach_unread` (replacing 005's read_count) and `username_key`, JavaScript's lower case of the
 * name under a unique index, plus a unique index on lower(username) for rows written by hand;
 * failed sign-ins are kept in `login_attempts`. The search index keeps feed ids instead of feed
 * titles and tags, and is rebuilt by the next run. SQLite's twin hands existing feeds to the first
 * admin; a PostgreSQL archive has none before this (it starts at 009).
 */
import { sql, type Kysely } from 'kysely';
import { createSearchTable } from './search-table.js';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table users add column disabled integer not null default 0`,
    sql`alter table users add column language text`,
    sql`alter table users add column time_zone text`,
    sql`alter table users add column page_size integer not null default 50`,
    sql`alter table users add column sort text not null default 'newest'`,
    sql`alter table users add column reach_unread bigint not null default 0`,
    sql`alter table users add column username_key text`,
    sql`create unique index users_username_key on users (username_key)`,
    sql`create unique index users_username_nocase on users (lower(username))`,
    sql`create table subscriptions (
      user_id bigint not null references users (id) on delete cascade,
      feed_id bigint not null references feeds (id) on delete cascade,
      title_override text,
      created_at bigint not null,
      primary key (user_id, feed_id)
    )`,
    sql`create index subscriptions_feed on subscriptions (feed_id, user_id)`,
    sql`create table subscription_tags (
      user_id bigint not null,
      feed_id bigint not null,
      tag text not null,
      position integer not null,
      primary key (user_id, feed_id, tag),
      foreign key (user_id, feed_id) references subscriptions (user_id, feed_id) on delete cascade
    )`,
    sql`create index subscription_tags_tag on subscription_tags (user_id, tag, feed_id)`,
    sql`create table login_attempts (key text not null, at bigint not null)`,
    sql`create index login_attempts_key on login_attempts (key, at)`,
    sql`create index login_attempts_at on login_attempts (at)`,
    sql`alter table users drop column read_count`,
    sql`drop table feed_tags`,
    sql`alter table feeds drop column title_override`,
    sql`drop table search_index`,
  ]);
  await createSearchTable(db, ['t', 'tu', 'b', 'bu', 'a', 'au', 'f']);
  await run(db, [sql`delete from search_meta where key = 'analyzer_version'`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table feeds add column title_override text`,
    sql`create table feed_tags (feed_id bigint not null references feeds (id) on delete cascade, tag text not null, position integer not null, constraint feed_tags_pk primary key (feed_id, tag))`,
    sql`drop table subscription_tags, subscriptions, login_attempts`,
    sql`drop index users_username_nocase`,
    sql`drop index users_username_key`,
    ...['disabled', 'language', 'time_zone', 'page_size', 'sort', 'reach_unread', 'username_key'].map((c) => sql`alter table users drop column ${sql.ref(c)}`),
    sql`alter table users add column read_count bigint not null default 0`,
    sql`drop table search_index`,
  ]);
  await createSearchTable(db, ['t', 'tu', 'b', 'bu', 'a', 'au', 'f', 'fu', 'g', 'gu']);
  await run(db, [sql`delete from search_meta where key = 'analyzer_version'`]);
}
