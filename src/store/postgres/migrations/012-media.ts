/**
 * Twin of SQLite's 012: images kept once by content (`media`), what each revision referenced and
 * what became of it (`article_media`), revisions whose images wait (`media_queue`), feeds.images.
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table feeds add column images text`,
    sql`create table media (
      sha256 text primary key,
      mime text not null,
      bytes bigint not null,
      width integer,
      height integer,
      first_url text not null,
      fetched_at bigint not null
    )`,
    sql`create table article_media (
      article_id bigint not null references articles (id) on delete cascade,
      revision integer not null,
      url text not null,
      status text not null,
      sha256 text references media (sha256),
      reason text,
      checked_at bigint not null,
      primary key (article_id, revision, url)
    )`,
    sql`create index article_media_sha on article_media (sha256) where sha256 is not null`,
    sql`create index article_media_url on article_media (url) where sha256 is not null`,
    sql`create table media_queue (
      article_id bigint primary key references articles (id) on delete cascade,
      revision integer not null,
      queued_at bigint not null
    )`,
    sql`create index media_queue_order on media_queue (queued_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`drop table media_queue, article_media, media`, sql`alter table feeds drop column images`]);
}
