/**
 * Several users on one archive. Feeds stay shared (one row and one fetch per URL); what each
 * person names and tags a feed moves to their own subscription:
 * - `subscriptions` (user, feed, title override, since) and `subscription_tags` replace
 *   `feeds.title_override` and `feed_tags`;
 * - users gain `disabled`, reader settings, and `reach_unread`: the distinct unread articles
 *   their subscriptions reach, kept by counts.ts like the other counters (an article in two of a
 *   user's feeds counts once, so the total cannot be a sum of per-feed counts); it replaces
 *   005's `read_count`, which only served the old archive-wide total;
 * - `login_attempts` keeps failed sign-ins so the limiter survives a restart;
 * - user names are unique whatever their letter case: `username_key` holds JavaScript's lower
 *   case of the name (SQLite's lower() and NOCASE fold only ASCII, so Émile and émile would
 *   pass them), under a unique index, and sign-in finds a user by it.
 * The search index stops holding feed titles and tags (they are per user now): it keeps each
 * article's feed ids instead, and search resolves feed: and tag: to the searcher's own feeds
 * (fts.ts). It is rebuilt by the next `run` (the stored analyzer version is dropped).
 *
 * Existing subscriptions and tags go to the first admin. An archive that has feeds but no user yet (it
 * was only used from the CLI) gets an `admin` whose password hash is 'unset' (core's
 * PASSWORD_NOT_SET: nothing matches it); `run` gives it a password on its first start.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await refuseNamesThatCollide(db);
  await sql`alter table users add column disabled integer not null default 0`.execute(db);
  await sql`alter table users add column language text`.execute(db);
  await sql`alter table users add column time_zone text`.execute(db);
  await sql`alter table users add column page_size integer not null default 50`.execute(db);
  await sql`alter table users add column sort text not null default 'newest'`.execute(db);
  await sql`alter table users add column reach_unread integer not null default 0`.execute(db);
  await sql`alter table users add column username_key text`.execute(db);
  const { rows: names } = await sql<{ id: number; username: string }>`select id, username from users`.execute(db);
  for (const { id, username } of names) await sql`update users set username_key = ${username.toLowerCase()} where id = ${id}`.execute(db);
  await sql`create unique index users_username_key on users (username_key)`.execute(db);
  // For rows written by hand without a key: ASCII at least stays unique.
  await sql`create unique index users_username_nocase on users (username collate nocase)`.execute(db);

  await sql`create table subscriptions (
    user_id integer not null references users (id) on delete cascade,
    feed_id integer not null references feeds (id) on delete cascade,
    title_override text,
    created_at integer not null,
    primary key (user_id, feed_id)
  ) without rowid`.execute(db);
  // Who subscribes to a feed: the scheduler's "anyone?" and a new article's counters ask it.
  await sql`create index subscriptions_feed on subscriptions (feed_id, user_id)`.execute(db);
  await sql`create table subscription_tags (
    user_id integer not null,
    feed_id integer not null,
    tag text not null,
    position integer not null,
    primary key (user_id, feed_id, tag),
    foreign key (user_id, feed_id) references subscriptions (user_id, feed_id) on delete cascade
  ) without rowid`.execute(db);
  await sql`create index subscription_tags_tag on subscription_tags (user_id, tag, feed_id)`.execute(db);

  await sql`create table login_attempts (
    key text not null,
    at integer not null
  )`.execute(db);
  await sql`create index login_attempts_key on login_attempts (key, at)`.execute(db);
  await sql`create index login_attempts_at on login_attempts (at)`.execute(db);

  await adoptExistingFeeds(db);
  await sql`alter table users drop column read_count`.execute(db);
  await dropSharedNames(db);
  await rebuildSearchTable(db);
}

/** Names that differ only in letter case (in any script) cannot both stay: say which, before anything changes. */
async function refuseNamesThatCollide(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ username: string }>`select username from users order by id`.execute(db);
  const byKey = new Map<string, string[]>();
  for (const { username } of rows) byKey.set(username.toLowerCase(), [...(byKey.get(username.toLowerCase()) ?? []), username]);
  const collisions = [...byKey.values()].filter((names) => names.length > 1);
  if (collisions.length === 0) return;
  throw new Error(`user names are now compared without letter case, and these differ only in case: ${collisions.map((names) => names.join(', ')).join('; ')}. Rename all but one of each (with the previous feedkeeper), then upgrade again`);
}

async function adoptExistingFeeds(db: Kysely<unknown>): Promise<void> {
  const { rows: feeds } = await sql<{ n: number }>`select count(*) as n from feeds`.execute(db);
  if (Number(feeds[0]?.n ?? 0) === 0) return;
  const { rows: users } = await sql<{ n: number }>`select count(*) as n from users`.execute(db);
  if (Number(users[0]?.n ?? 0) === 0) {
    await sql`insert into users (username, username_key, password_hash, is_admin, created_at) values ('admin', 'admin', 'unset', 1, (select coalesce(min(created_at), 0) from feeds))`.execute(db);
  }
  // The first admin, or the first user where (against every earlier version's habit) none is one.
  const owner = sql`(select id from users order by is_admin desc, id limit 1)`;
  await sql`insert into subscriptions (user_id, feed_id, title_override, created_at)
    select ${owner}, id, title_override, created_at from feeds where ${owner} is not null`.execute(db);
  await sql`insert into subscription_tags (user_id, feed_id, tag, position)
    select s.user_id, t.feed_id, t.tag, t.position from feed_tags t join subscriptions s on s.feed_id = t.feed_id`.execute(db);
  await sql`update users set reach_unread = (
    select count(*) from articles a
    where exists (select 1 from feed_articles fa join subscriptions s on s.feed_id = fa.feed_id and s.user_id = users.id where fa.article_id = a.id)
      and not exists (select 1 from entry_states e where e.user_id = users.id and e.article_id = a.id and e.read_at is not null))`.execute(db);
}

async function dropSharedNames(db: Kysely<unknown>): Promise<void> {
  await sql`drop table feed_tags`.execute(db);
  await sql`alter table feeds drop column title_override`.execute(db);
}

async function rebuildSearchTable(db: Kysely<unknown>): Promise<void> {
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(
    t, tu, b, bu, a, au, f,
    content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.'", detail = full
  )`.execute(db);
  await sql`delete from search_meta where key = 'analyzer_version'`.execute(db);
}

/**
 * Back to one set of names and tags per feed: the first admin's (other users' subscriptions and
 * settings are lost, so take a backup before going down).
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feeds add column title_override text`.execute(db);
  await sql`create table feed_tags (feed_id integer not null references feeds (id) on delete cascade, tag text not null, position integer not null, constraint feed_tags_pk primary key (feed_id, tag))`.execute(db);
  const owner = sql`(select id from users where is_admin = 1 order by id limit 1)`;
  await sql`update feeds set title_override = (select s.title_override from subscriptions s where s.feed_id = feeds.id and s.user_id = ${owner})`.execute(db);
  await sql`insert into feed_tags (feed_id, tag, position) select feed_id, tag, position from subscription_tags where user_id = ${owner}`.execute(db);
  for (const table of ['subscription_tags', 'subscriptions', 'login_attempts']) await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`drop index users_username_nocase`.execute(db);
  await sql`drop index users_username_key`.execute(db);
  for (const column of ['disabled', 'language', 'time_zone', 'page_size', 'sort', 'reach_unread', 'username_key']) {
    await sql`alter table users drop column ${sql.ref(column)}`.execute(db);
  }
  await sql`alter table users add column read_count integer not null default 0`.execute(db);
  await sql`update users set read_count = (select count(*) from entry_states s where s.user_id = users.id and s.read_at is not null)`.execute(db);
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(
    t, tu, b, bu, a, au, f, fu, g, gu,
    content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.'", detail = full
  )`.execute(db);
  await sql`delete from search_meta where key = 'analyzer_version'`.execute(db);
}
