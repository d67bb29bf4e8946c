/**
 * Where an archive's bytes go (issue #15's storage goal: database + record files ≤ 2× the article
 * content): SQLite's dbstat table summed per table and index (FTS5's shadow tables as one
 * "search index"), beside the content the articles hold, per article. Read-only, on a closed or
 * idle database file.
 */
import Database from 'better-sqlite3';
import { revisionName, textsOf, type TextColumns } from '../src/store/kysely/revision-texts.js';
import { formatInt, formatMB, renderSection, renderTable } from './report.js';

export interface StorageUse {
  articles: number;
  /** Bytes of the articles' HTML as received (every revision), the content the goal compares with. */
  contentBytes: number;
  /** Pages per table or index, by name. */
  parts: Array<{ name: string; bytes: number }>;
  /** What the revisions' texts would take as the plain columns kept before migration 014 (the five texts whole, the feed summary once more in articles). */
  plainTextBytes: number;
  /** The same texts as kept now, packed (revisions.texts). */
  packedBytes: number;
}

type TextRow = TextColumns & { article_id: number; revision: number; latest: number };

const utf8 = (s: string | null): number => (s === null ? 0 : Buffer.byteLength(s));

/** FTS5 keeps its index in search_fts_data, _idx, _docsize, _config: reported together. */
const groupOf = (name: string): string => (name.startsWith('search_fts') ? 'search index (FTS5, all its tables)' : name);

export function measureStorage(file: string): StorageUse {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as Array<{ name: string; bytes: number }>;
    const grouped = new Map<string, number>();
    for (const r of rows) grouped.set(groupOf(r.name), (grouped.get(groupOf(r.name)) ?? 0) + r.bytes);
    const { articles } = db.prepare('select count(*) as articles from articles').get() as { articles: number };
    let content = 0;
    let plain = 0;
    let packed = 0;
    const latest = db.prepare('select r.*, r.revision = a.latest_revision as latest from revisions r join articles a on a.id = r.article_id');
    for (const row of latest.iterate() as Iterable<TextRow>) {
      const t = textsOf(row, revisionName(row.article_id, row.revision));
      content += utf8(t.html);
      plain += utf8(t.html) + utf8(t.fullHtml) + utf8(t.cleanHtml) + utf8(t.cleanText) + utf8(t.summary) * (row.latest === 1 ? 2 : 1);
      packed += row.texts?.length ?? 0;
    }
    return { articles, contentBytes: content, parts: [...grouped].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes), plainTextBytes: plain, packedBytes: packed };
  } finally {
    db.close();
  }
}

export function renderStorage(use: StorageUse, recordFileBytes: number): string {
  const n = Math.max(1, use.articles);
  const database = use.parts.reduce((sum, p) => sum + p.bytes, 0);
  const shown = use.parts.filter((p) => p.bytes / n >= 16);
  const rows = shown.map((p) => [p.name, formatMB(p.bytes), formatInt(Math.round(p.bytes / n)), `${((100 * p.bytes) / Math.max(1, database)).toFixed(1)}%`]);
  rows.push(['database, all of it', formatMB(database), formatInt(Math.round(database / n)), '100%']);
  rows.push(['record files (content bytes)', formatMB(recordFileBytes), formatInt(Math.round(recordFileBytes / n)), '']);
  const table = renderTable([{ header: 'table or index' }, { header: 'size', align: 'right' }, { header: 'bytes/article', align: 'right' }, { header: 'of the database', align: 'right' }], rows);
  const ratio = (database + recordFileBytes) / Math.max(1, use.contentBytes);
  return renderSection(`storage · after the cold ingest, ${formatInt(use.articles)} articles`, table, [
    `article content (the HTML as received, every revision): ${formatMB(use.contentBytes)}, ${formatInt(Math.round(use.contentBytes / n))} bytes an article.`,
    `database + record files = ${ratio.toFixed(2)}× the content (goal ≤ 2×). Tables and indexes under 16 bytes an article are left out of the table, not the totals.`,
    `the revisions' texts (HTML, extracted page, clean HTML, clean text, summary): ${formatInt(Math.round(use.packedBytes / n))} bytes an article packed (revisions.texts), ` +
      `against ${formatInt(Math.round(use.plainTextBytes / n))} as the plain columns before migration 014 kept them (${(use.plainTextBytes / Math.max(1, use.packedBytes)).toFixed(1)}×; summed from the unpacked texts, not a second store).`,
  ]);
}
