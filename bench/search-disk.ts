/**
 * What the search bench's build cost: time per engine and size on disk. Sizes are read after the
 * store is closed, from a raw connection on each file: a TRUNCATE checkpoint first (so the WAL is
 * folded in), then SQLite's dbstat table for the bytes each table and index occupies.
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ArchiveFeed } from './gen/archive.js';
import { formatInt, formatMB, formatMs, formatRate, renderSection, renderTable } from './report.js';

export interface BuildTimes {
  articles: number;
  /** UTF-8 bytes of every title and body, the text all three engines index. */
  textBytes: number;
  feedkeeperMs: number;
  /** analyze() alone over the batches it was timed on, and applyRefresh's time for those batches. */
  analyzerMs: number;
  analyzerSampleMs: number;
  /** The analyzer was timed on every n-th batch. */
  analyzerEvery: number;
  likeMs: number;
  trigramMs: number;
}

export interface FileSize {
  bytes: number;
  walBytes: number;
  /** Bytes per table or index from dbstat, or null when dbstat is not compiled in. */
  tables: Map<string, number> | null;
}

export interface DiskReport {
  store: FileSize;
  peers: FileSize;
}

export function measureDisk(files: { store: string; peers: string }): DiskReport {
  return { store: measureFile(files.store), peers: measureFile(files.peers) };
}

function measureFile(file: string): FileSize {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { bytes: sizeOf(file), walBytes: sizeOf(`${file}-wal`), tables: tableSizes(db) };
  } finally {
    db.close();
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // No WAL file is a size of zero, not a failure.
  }
}

function tableSizes(db: Database.Database): Map<string, number> | null {
  try {
    const rows = db.prepare<[], { name: string; bytes: number }>('select name, pgsize as bytes from dbstat where aggregate = 1').all();
    return new Map(rows.map((r) => [r.name, r.bytes]));
  } catch {
    return null; // This SQLite was built without SQLITE_ENABLE_DBSTAT_VTAB; file sizes still say something.
  }
}

/** Bytes of the tables whose names start with `prefix` (an FTS5 table is five shadow tables). */
function bytesOf(size: FileSize, test: (name: string) => boolean): number | null {
  if (size.tables === null) return null;
  let total = 0;
  for (const [name, bytes] of size.tables) if (test(name)) total += bytes;
  return total;
}

export function renderBuild(times: BuildTimes, disk: DiskReport, feeds: readonly ArchiveFeed[]): string {
  const zhFeeds = feeds.filter((f) => f.lang === 'zh').length;
  const searchIndex = bytesOf(disk.store, (n) => n.startsWith('search_fts'));
  const revisions = bytesOf(disk.store, (n) => n.includes('revisions'));
  const docs = bytesOf(disk.peers, (n) => n === 'docs');
  const trigram = bytesOf(disk.peers, (n) => n.startsWith('tri_'));
  // Scaled up from the batches it was timed on when that was not every batch.
  const analyzerMs = times.analyzerMs * (times.feedkeeperMs / times.analyzerSampleMs);
  const perSecond = (ms: number): string => formatRate(times.articles / (ms / 1000));
  const ofText = (bytes: number | null): string => (bytes === null ? '' : ` (${(bytes / times.textBytes).toFixed(2)}× the text)`);
  const rows = [
    ['feedkeeper · applyRefresh end to end', formatMs(times.feedkeeperMs), perSecond(times.feedkeeperMs),
      searchIndex === null ? `file ${formatMB(disk.store.bytes)}` : `search_fts* ${formatMB(searchIndex)}${ofText(searchIndex)}`],
    ['  of which analyze() alone (estimate)', formatMs(analyzerMs), perSecond(analyzerMs),
      `${((times.analyzerMs / times.analyzerSampleMs) * 100).toFixed(0)}% of applyRefresh`],
    ['LIKE · plain table inserts', formatMs(times.likeMs), perSecond(times.likeMs), docs === null ? '—' : `docs ${formatMB(docs)}${ofText(docs)}`],
    ['FTS5 trigram · index inserts', formatMs(times.trigramMs), perSecond(times.trigramMs), trigram === null ? '—' : `tri_* ${formatMB(trigram)}${ofText(trigram)}`],
  ];
  const table = renderTable(
    [{ header: 'build' }, { header: 'time', align: 'right' }, { header: 'articles/s', align: 'right' }, { header: 'index size' }],
    rows,
  );
  const heading =
    `search · archive from bench/gen/archive.ts: ${formatInt(times.articles)} articles in ${feeds.length} feeds ` +
    `(${zhFeeds} Chinese, ${feeds.length - zhFeeds} English: 60% / 40% of articles), ${formatMB(times.textBytes)} of title + body text (UTF-8)\n`;
  return heading + '\n' + renderSection('search build · 50 articles per transaction, as one refresh stores them', table, [
    `applyRefresh stores article, revision (html, clean html, clean text) and search entry in one transaction; its time is end to end.`,
    `analyze() alone = the analyzer over the fields indexArticle analyzes (title, body, author, feed title), timed in a separate loop` +
      (times.analyzerEvery === 1 ? '' : ` on every ${times.analyzerEvery}th batch`),
    `  (share = its time ÷ applyRefresh's on the same batches; the time shown is scaled to the whole archive). An estimate: it leaves out`,
    `  fieldStreams' stream building and the FTS5 insert.`,
    `LIKE and trigram rows are built in their own file (peers.db), each batch in its own transaction; the trigram table takes`,
    `  docs as external content, so tri_* is the index alone, as search_fts is (feedkeeper keeps the text in revisions).`,
    ...describeFiles(disk, revisions),
  ]);
}

function describeFiles(disk: DiskReport, revisions: number | null): string[] {
  const lines = [
    `feedkeeper.db ${formatMB(disk.store.bytes)} + WAL ${formatMB(disk.store.walBytes)} after wal_checkpoint(TRUNCATE)` +
      (revisions === null ? '' : `; revisions (three copies of each text: html, clean html, clean text) ${formatMB(revisions)}`),
    `peers.db ${formatMB(disk.peers.bytes)} + WAL ${formatMB(disk.peers.walBytes)} after wal_checkpoint(TRUNCATE).`,
  ];
  if (disk.store.tables === null) lines.push('dbstat is not compiled into this SQLite: only file sizes are reported.');
  else lines.push('table sizes from SQLite dbstat (pages in use, page size included).');
  return lines;
}
