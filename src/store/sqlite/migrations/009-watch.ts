/**
 * Watching articles after publication (issue 14): every article with a page is re-checked on a
 * schedule, also after it has left its feed.
 * - `watch`: one row per watched article, its next check (null: no more checks), the page's
 *   validators for conditional GET, the fingerprint of the page text last seen (what a re-check
 *   compares), and the removal state machine (ok → suspect → removed, back to ok when it returns).
 * - `article_events`: what happened to an article, newest by id: an edit (a new revision, from
 *   the feed or a page re-check), a confirmed removal, a return. The changes views page through it.
 * - `watch_hosts`: per host and UTC day, how many re-checks were spent (the daily budget), and a
 *   pause a 429/503 asked for, shared by every process.
 * - `feeds.watch`: the feed's own schedule ("1h,6h,1d", "off"), null for the global one.
 * - `revisions.source`: who found the revision: 'feed', 'recheck' or 'import'.
 * - `articles.removed_at`: when a confirmed removal was first seen, null while the page is there.
 * Existing revisions after the first become 'edited' events, and articles stored in the last 30
 * days are enrolled for a first check at their next step.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const HOUR = 3_600_000;
const THIRTY_DAYS = 30 * 24 * HOUR;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('watch', 'text').execute();
  await db.schema.alterTable('revisions').addColumn('source', 'text', (c) => c.notNull().defaultTo('feed')).execute();
  await db.schema.alterTable('articles').addColumn('removed_at', 'integer').execute();
  await sql`create table watch (
    article_id integer primary key references articles (id) on delete cascade,
    next_check_at integer,
    checks integer not null default 0,
    last_check_at integer,
    last_outcome text,
    etag text,
    last_modified text,
    page_hash text,
    page_title text,
    state text not null default 'ok',
    suspect_since integer,
    suspect_evidence text,
    failures integer not null default 0
  )`.execute(db);
  await sql`create index watch_due on watch (next_check_at) where next_check_at is not null`.execute(db);
  await sql`create table article_events (
    id integer primary key autoincrement,
    article_id integer not null references articles (id) on delete cascade,
    at integer not null,
    kind text not null,
    revision integer,
    source text,
    evidence text
  )`.execute(db);
  await sql`create index article_events_article on article_events (article_id, id)`.execute(db);
  await sql`create table watch_hosts (
    host text not null,
    day integer not null,
    used integer not null default 0,
    paused_until integer,
    primary key (host, day)
  ) without rowid`.execute(db);

  await sql`insert into article_events (article_id, at, kind, revision, source)
    select article_id, fetched_at, 'edited', revision, 'feed' from revisions where revision > 0
    order by fetched_at, article_id, revision`.execute(db);
  const now = Date.now();
  await sql`insert into watch (article_id, next_check_at)
    select id, max(created_at + ${HOUR}, ${now}) from articles
    where home_feed_id is not null and created_at > ${now - THIRTY_DAYS} and (link like 'http://%' or link like 'https://%')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('watch_hosts').execute();
  await db.schema.dropIndex('article_events_article').execute();
  await db.schema.dropTable('article_events').execute();
  await db.schema.dropIndex('watch_due').execute();
  await db.schema.dropTable('watch').execute();
  await db.schema.alterTable('articles').dropColumn('removed_at').execute();
  await db.schema.alterTable('revisions').dropColumn('source').execute();
  await db.schema.alterTable('feeds').dropColumn('watch').execute();
}
