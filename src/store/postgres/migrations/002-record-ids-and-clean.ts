/**
 * Twin of SQLite's 002: articles.record_id (the stored name of an article's record files) and the
 * clean version of each revision. SQLite's twin derives record ids for rows that predate it; no
 * PostgreSQL archive predates the PostgreSQL store (it starts at 009), so there are none here.
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

const REVISION_COLUMNS = ['full_html', 'clean_html', 'clean_text', 'fired_rules', 'extraction'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table articles add column record_id text`,
    sql`create unique index articles_record_id on articles (record_id)`,
    ...REVISION_COLUMNS.map((column) => sql`alter table revisions add column ${sql.ref(column)} text`),
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    ...REVISION_COLUMNS.map((column) => sql`alter table revisions drop column ${sql.ref(column)}`),
    sql`drop index articles_record_id`,
    sql`alter table articles drop column record_id`,
  ]);
}
