/**
 * Images of articles (issue 16), kept once by content:
 * - `media`: one row per stored file, by the SHA-256 of its bytes: the sniffed type, size,
 *   width and height when the header gives them cheaply, the first URL it came from and when.
 * - `article_media`: what each revision of an article referenced and what became of it: the
 *   original URL and either the file's hash ('stored') or why not ('failed', with a reason for
 *   people). Many articles may point at one file; a failure never touches the article.
 * - `media_queue`: revisions whose images are still to be fetched (filled after a refresh,
 *   emptied by the media job in the transaction that records its results).
 * - `feeds.images`: 'keep' or 'off' for that feed; null follows the global `images` setting.
 * Named 012 because 010 and 011 were taken by work in parallel; migrations run by name.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('images', 'text').execute();
  await sql`create table media (
    sha256 text primary key,
    mime text not null,
    bytes integer not null,
    width integer,
    height integer,
    first_url text not null,
    fetched_at integer not null
  ) without rowid`.execute(db);
  await sql`create table article_media (
    article_id integer not null references articles (id) on delete cascade,
    revision integer not null,
    url text not null,
    status text not null,
    sha256 text references media (sha256),
    reason text,
    checked_at integer not null,
    primary key (article_id, revision, url)
  ) without rowid`.execute(db);
  await sql`create index article_media_sha on article_media (sha256) where sha256 is not null`.execute(db);
  await sql`create index article_media_url on article_media (url) where sha256 is not null`.execute(db);
  await sql`create table media_queue (
    article_id integer primary key references articles (id) on delete cascade,
    revision integer not null,
    queued_at integer not null
  )`.execute(db);
  await sql`create index media_queue_order on media_queue (queued_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('media_queue_order').execute();
  await db.schema.dropTable('media_queue').execute();
  await db.schema.dropIndex('article_media_url').execute();
  await db.schema.dropIndex('article_media_sha').execute();
  await db.schema.dropTable('article_media').execute();
  await db.schema.dropTable('media').execute();
  await db.schema.alterTable('feeds').dropColumn('images').execute();
}
