/**
 * The full-text index: one contentless FTS5 row per article (rowid = article id) holding the
 * token streams our analyzer (src/search/) made, so SQLite does no text processing of its own
 * (the `ascii` tokenizer only splits on the spaces we put between terms; `.` is a token character
 * because the analyzer keeps decimals such as 3.5 as one term). Two columns per field:
 * the phrase stream and the CJK single-character stream (see fts.ts). `search_meta` remembers the
 * analyzer version the index was built with, so an upgrade knows to reindex.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table search_fts using fts5(
    t, tu, b, bu, a, au, f, fu, g, gu,
    content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.'", detail = full
  )`.execute(db);
  await db.schema
    .createTable('search_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_meta').execute();
  await sql`drop table search_fts`.execute(db);
}
