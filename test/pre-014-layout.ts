/**
 * Turns an SQLite archive stored by this version back into the row layout migration 014 found:
 * each revision's texts in their own columns, the feed's summary in articles, no excerpt, and
 * the 'pack-texts' conversion not started. What an archive from before 014 holds, row for row,
 * for the conversion's test and for `bench ingest`'s measure of it. Compacts the file after.
 */
import Database from 'better-sqlite3';
import { unpackTexts } from '../src/archive/index.js';

export function toPre014Layout(file: string): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      const rows = db.prepare('select article_id, revision, texts from revisions where texts is not null').all() as Array<{ article_id: number; revision: number; texts: Buffer }>;
      const put = db.prepare('update revisions set texts = null, html = ?, full_html = ?, clean_html = ?, clean_text = ?, summary = ? where article_id = ? and revision = ?');
      for (const row of rows) {
        const t = unpackTexts(row.texts, `article ${row.article_id} revision ${row.revision}`);
        put.run(t.html, t.fullHtml, t.cleanHtml, t.cleanText, t.summary, row.article_id, row.revision);
      }
      db.exec('update articles set excerpt = null, summary = (select r.summary from revisions r where r.article_id = articles.id and r.revision = articles.latest_revision)');
      db.exec("update upgrades set cursor = '', done = 0");
    })();
    db.exec('vacuum');
  } finally {
    db.close();
  }
}
