/**
 * Each text kept once (issue #15's storage goal):
 * - `revisions.texts`: the revision's HTML, extracted page, clean HTML, clean text and summary as
 *   one brotli stream (archive/texts.ts). A row that has it keeps '' in `html` and null in the
 *   other four columns; a row without it (written before this migration, not yet converted) keeps
 *   them as they were, and every reader takes either (store/kysely/revision-texts.ts).
 * - `articles.excerpt`: the list's plain-text summary (clean/summary.ts's summaryText), made when
 *   the revision is stored, so lists read neither the texts nor the feed's whole summary; `summary`
 *   is null once the excerpt is there.
 * - `upgrades`: how far a data conversion got, so it resumes after an interruption ('pack-texts'
 *   walks the revisions in key order, one transaction per batch, converting them in place; an
 *   archive without revisions has nothing to convert and starts with it done).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table revisions add column texts blob`.execute(db);
  await sql`alter table articles add column excerpt text`.execute(db);
  await sql`create table upgrades (name text primary key, cursor text not null, done integer not null default 0)`.execute(db);
  await sql`insert into upgrades (name, cursor, done) select 'pack-texts', '', case when exists (select 1 from revisions) then 0 else 1 end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table upgrades`.execute(db);
  await sql`alter table articles drop column excerpt`.execute(db);
  await sql`alter table revisions drop column texts`.execute(db);
}
