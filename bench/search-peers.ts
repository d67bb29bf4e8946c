/**
 * The search bench's peers, in their own SQLite file beside feedkeeper's: a plain table `docs`
 * (title, body) scanned with LIKE '%q%', and an FTS5 `trigram` index over the same rows. The
 * trigram table uses `docs` as external content, so the text is stored once and the table's
 * size is the index alone, as feedkeeper's contentless search_fts is. Both are filled 50 rows per
 * transaction, the size of one refresh, each in its own timed transaction.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { BenchQuery } from './gen/archive-queries.js';

export interface PeerRow {
  id: number;
  title: string;
  body: string;
}

export interface PeerBuildTimes {
  likeMs: number;
  trigramMs: number;
}

export interface PeerDb {
  readonly raw: BetterSqlite3.Database;
  /** Inserts one batch into `docs`, then into the trigram index; returns the time of each. */
  insertBatch(rows: readonly PeerRow[]): PeerBuildTimes;
  close(): void;
}

/** One way to answer a query: the total and the first page of 20, as a search page needs. */
export interface SearchEngine {
  readonly name: string;
  readonly note: string;
  /** Its cost grows with the archive (a table scan): the bench gives it a time budget. */
  readonly fullScan: boolean;
  /** False when the engine cannot answer this query at all (trigram under three characters). */
  canAnswer(query: BenchQuery): boolean;
  /** Runs the query and returns the total number of matching articles. */
  run(query: BenchQuery): number | Promise<number>;
}

export const PAGE_SIZE = 20;

/** Opens the peer file; `create` makes its two tables (the build), otherwise they must exist. */
export function openPeerDb(file: string, opts: { create: boolean }): PeerDb {
  const raw = new Database(file, { fileMustExist: !opts.create });
  // The pragmas openSqliteStore uses, so both files pay the same journaling costs.
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  if (opts.create) {
    raw.exec(`
      create table docs (id integer primary key, title text not null, body text not null);
      create virtual table tri using fts5(title, body, content = 'docs', content_rowid = 'id', tokenize = 'trigram');
    `);
  }
  const insertDoc = raw.prepare('insert into docs (id, title, body) values (?, ?, ?)');
  const insertTri = raw.prepare('insert into tri (rowid, title, body) values (?, ?, ?)');
  const fillDocs = raw.transaction((rows: readonly PeerRow[]) => {
    for (const row of rows) insertDoc.run(row.id, row.title, row.body);
  });
  const fillTri = raw.transaction((rows: readonly PeerRow[]) => {
    for (const row of rows) insertTri.run(row.id, row.title, row.body);
  });
  return {
    raw,
    insertBatch(rows) {
      const likeMs = timeSync(() => fillDocs(rows));
      const trigramMs = timeSync(() => fillTri(rows));
      return { likeMs, trigramMs };
    },
    close: () => raw.close(),
  };
}

function timeSync(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** FTS5 trigram: substring match on runs of three or more characters, ranked by bm25. */
export function trigramEngine(db: BetterSqlite3.Database): SearchEngine {
  const count = db.prepare<[string], { n: number }>('select count(*) as n from tri where tri match ?');
  const page = db.prepare<[string], { rowid: number }>(`select rowid from tri where tri match ? order by rank limit ${PAGE_SIZE}`);
  return {
    name: 'FTS5 trigram',
    fullScan: false,
    note: `FTS5 tokenize='trigram' over title and body: a quoted substring query, count(*) + order by rank limit ${PAGE_SIZE}.`,
    // A query under three characters holds no trigram: FTS5 returns nothing for it.
    canAnswer: (query) => [...query.literal].length >= 3,
    run(query) {
      const match = `"${query.literal.replace(/"/g, '""')}"`;
      page.all(match);
      return count.get(match)?.n ?? 0;
    },
  };
}

/** A full scan: LIKE is case-insensitive for ASCII, as the other two engines are. */
export function likeEngine(db: BetterSqlite3.Database): SearchEngine {
  const where = 'title like ? or body like ?';
  const count = db.prepare<[string, string], { n: number }>(`select count(*) as n from docs where ${where}`);
  const page = db.prepare<[string, string], { id: number }>(`select id from docs where ${where} limit ${PAGE_SIZE}`);
  return {
    name: "LIKE '%q%'",
    fullScan: true,
    note: `LIKE '%q%' on a plain table (title, body): count(*) + limit ${PAGE_SIZE} in table order (no ranking), each a full scan at worst.`,
    canAnswer: () => true,
    run(query) {
      // Generated literals never hold % or _, so the query needs no ESCAPE clause.
      if (/[%_]/.test(query.literal)) throw new Error(`LIKE: expected a query without % or _, got "${query.literal}"`);
      const pattern = `%${query.literal}%`;
      page.all(pattern, pattern);
      return count.get(pattern, pattern)?.n ?? 0;
    },
  };
}
