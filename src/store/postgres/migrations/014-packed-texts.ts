/**
 * Twin of SQLite's 014: `revisions.texts` (the revision's texts as one brotli stream),
 * `articles.excerpt` (the list's summary) and `upgrades` (how far a data conversion got).
 * bytea is stored as is: TOAST's own compression gives nothing on brotli output.
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table revisions add column texts bytea`,
    sql`alter table revisions alter column texts set storage external`,
    sql`alter table articles add column excerpt text`,
    sql`create table upgrades (name text primary key, cursor text not null, done integer not null default 0)`,
    sql`insert into upgrades (name, cursor, done) select 'pack-texts', '', case when exists (select 1 from revisions) then 0 else 1 end`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`drop table upgrades`, sql`alter table articles drop column excerpt`, sql`alter table revisions drop column texts`]);
}
