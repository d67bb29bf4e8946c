/**
 * Keeping an old archive as fast as a new one: FTS5 merges its index segments ('optimize': many
 * small segments from years of small refreshes make every query read them all), SQLite refreshes
 * the planner's statistics (PRAGMA optimize, or ANALYZE in full), the WAL is checkpointed and
 * truncated, and a full run rewrites the file (VACUUM) to give freed pages back. Nothing is
 * changed in what is stored; every step is one statement SQLite runs whole or not at all.
 */
import { sql } from 'kysely';
import { statSync } from 'node:fs';
import { runMaintenance, type MaintenanceStep } from '../kysely/maintenance.js';
import type { MaintenanceOptions, MaintenanceReport } from '../store.js';
import type { Db } from '../kysely/context.js';
import { mapSqliteError } from './errors.js';

export async function maintainSqlite(db: Db, file: string, opts: MaintenanceOptions): Promise<MaintenanceReport> {
  const steps: MaintenanceStep[] = [
    { name: 'merge the search index segments', run: () => sql`insert into search_fts (search_fts) values ('optimize')`.execute(db) },
    { name: opts.full ? 'rebuild the query planner statistics' : 'refresh the query planner statistics', run: () => (opts.full ? sql`analyze` : sql`pragma optimize`).execute(db) },
    ...(opts.full ? [{ name: 'rewrite the database file', run: () => sql`vacuum`.execute(db) }] : []),
    { name: 'checkpoint and truncate the write-ahead log', run: () => sql`pragma wal_checkpoint(truncate)`.execute(db) },
  ];
  return runMaintenance(steps, opts, () => fileBytes(db, file), (err) => mapSqliteError(err, file));
}

/** The database and its WAL on disk (0 in memory). */
async function fileBytes(db: Db, file: string): Promise<number> {
  if (file === ':memory:' || file === '') {
    const { rows } = await sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(db);
    return rows[0]?.n ?? 0;
  }
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
}
