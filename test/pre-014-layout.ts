/**
 * Turns an archive stored by this version back into the row layout migration 014 found: each
 * revision's texts in their own columns, the feed's summary in articles, no excerpt, and the
 * 'pack-texts' conversion not started. What an archive from before 014 holds, row for row, for
 * the conversion's tests (both backends) and `bench ingest`'s measure of it.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database as Tables } from '../src/store/kysely/schema.js';
import { revisionName, TEXT_COLUMNS, textsOf } from '../src/store/kysely/revision-texts.js';

export async function toPre014Layout(db: Kysely<Tables>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('revisions').select(['article_id', 'revision', ...TEXT_COLUMNS]).where('texts', 'is not', null).execute();
    for (const row of rows) {
      const t = textsOf(row, revisionName(row.article_id, row.revision));
      await tx
        .updateTable('revisions')
        .set({ texts: null, html: t.html, full_html: t.fullHtml, clean_html: t.cleanHtml, clean_text: t.cleanText, summary: t.summary })
        .where('article_id', '=', row.article_id)
        .where('revision', '=', row.revision)
        .execute();
    }
    await sql`update articles set excerpt = null, summary = (select r.summary from revisions r where r.article_id = articles.id and r.revision = articles.latest_revision)`.execute(tx);
    await tx.updateTable('upgrades').set({ cursor: '', done: 0 }).execute();
  });
}

/** The same on an SQLite file, compacted after (so its size is what such an archive takes). */
export async function sqliteToPre014Layout(file: string): Promise<void> {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  try {
    await toPre014Layout(db);
    await sql`vacuum`.execute(db);
  } finally {
    await db.destroy();
  }
}

export async function postgresToPre014Layout(url: string): Promise<void> {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    await toPre014Layout(db);
  } finally {
    await db.destroy();
  }
}
