/**
 * Keeping an old archive as fast as a new one: FTS5 merges its index segments ('optimize': many
 * small segments from years of small refreshes make every query read them all), SQLite refreshes
 * the planner's statistics (PRAGMA optimize, or ANALYZE in full), the WAL is checkpointed and
 * truncated, and a full run rewrites the file (VACUUM) to give freed pages back. Nothing is
 * changed in what is stored; every step is one statement SQLite runs whole or not at all.
 */
import { sql } from 'kysely';
import { statSync } from 'node:fs';
import type { MaintenanceOptions, MaintenanceReport } from '../store.js';
import type { Db } from '../kysely/context.js';
import { mapSqliteError } from './errors.js';

export async function maintainSqlite(db: Db, file: string, opts: MaintenanceOptions): Promise<MaintenanceReport> {
  const ctx = { db, file };
  const steps: Array<{ name: string; run: () => Promise<unknown> }> = [
    { name: 'merge the search index segments', run: () => sql`insert into search_fts (search_fts) values ('optimize')`.execute(ctx.db) },
    { name: opts.full ? 'rebuild the query planner statistics' : 'refresh the query planner statistics', run: () => (opts.full ? sql`analyze` : sql`pragma optimize`).execute(ctx.db) },
    ...(opts.full ? [{ name: 'rewrite the database file', run: () => sql`vacuum`.execute(ctx.db) }] : []),
    { name: 'checkpoint and truncate the write-ahead log', run: () => sql`pragma wal_checkpoint(truncate)`.execute(ctx.db) },
  ];
  const bytesBefore = await fileBytes(ctx);
  const done: MaintenanceReport['steps'] = [];
  for (const [i, step] of steps.entries()) {
    opts.onStep?.(step.name, i, steps.length);
    const started = performance.now();
    try {
      await step.run();
    } catch (err) {
      throw mapSqliteError(err, file);
    }
    done.push({ name: step.name, ms: Math.round(performance.now() - started) });
  }
  opts.onStep?.('done', steps.length, steps.length);
  return { steps: done, bytesBefore, bytesAfter: await fileBytes(ctx) };
}

/** The database and its WAL on disk (0 in memory). */
async function fileBytes(ctx: { db: Db; file: string }): Promise<number> {
  if (ctx.file === ':memory:' || ctx.file === '') {
    const { rows } = await sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(ctx.db);
    return rows[0]?.n ?? 0;
  }
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(ctx.file) + size(`${ctx.file}-wal`);
}
