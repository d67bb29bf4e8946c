/**
 * Where an archive's bytes go (issue #15's storage goal: database + record files ≤ 2× the article
 * content): SQLite's dbstat table summed per table and index (FTS5's shadow tables as one
 * "search index"), beside the content the articles hold, per article. Read-only, on a closed or
 * idle database file.
 */
import Database from 'better-sqlite3';
import { formatInt, formatMB, renderSection, renderTable } from './report.js';

export interface StorageUse {
  articles: number;
  /** Bytes of the articles' HTML as received (every revision), the content the goal compares with. */
  contentBytes: number;
  /** Pages per table or index, by name. */
  parts: Array<{ name: string; bytes: number }>;
}

/** FTS5 keeps its index in search_fts_data, _idx, _docsize, _config: reported together. */
const groupOf = (name: string): string => (name.startsWith('search_fts') ? 'search index (FTS5, all its tables)' : name);

export function measureStorage(file: string): StorageUse {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as Array<{ name: string; bytes: number }>;
    const grouped = new Map<string, number>();
    for (const r of rows) grouped.set(groupOf(r.name), (grouped.get(groupOf(r.name)) ?? 0) + r.bytes);
    const { articles } = db.prepare('select count(*) as articles from articles').get() as { articles: number };
    const { content } = db.prepare('select coalesce(sum(length(cast(html as blob))), 0) as content from revisions').get() as { content: number };
    return { articles, contentBytes: content, parts: [...grouped].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes) };
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
  ]);
}
