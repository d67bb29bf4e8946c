/**
 * Kysely's SQLite driver prepares every query afresh; preparing is SQLite parsing and planning the
 * SQL, a fifth of a republished feed's time in a profile. The builder gives the same SQL text for
 * the same query shape (values are bound parameters), so prepared statements are kept by text,
 * the most recently used few hundred (an `in (?, ?, …)` list of each length is a text of its own).
 * Safe because the driver only runs a statement to completion (all/run) before the next query on
 * this one connection; nothing here streams with iterate(). SQLite re-prepares a kept statement
 * by itself when the schema changes.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const KEEP = 500;

export function withStatementCache(raw: BetterSqlite3.Database, keep = KEEP): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    close: () => {
      kept.clear();
      raw.close();
    },
    prepare(sql) {
      let stmt = kept.get(sql);
      if (stmt !== undefined) {
        // Map order is insertion order: re-inserting marks it the most recently used.
        kept.delete(sql);
      } else {
        stmt = raw.prepare(sql) as unknown as SqliteStatement;
        if (kept.size >= keep) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, stmt);
      return stmt;
    },
  };
}
