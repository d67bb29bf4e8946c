/**
 * The SQLite side of the repos' shared context (kysely/context.ts): one better-sqlite3 connection
 * behind Kysely, failures mapped by errors.ts with the database file in the message, writes in
 * BEGIN IMMEDIATE … COMMIT, and search entries written to FTS5 (sqlite-search.ts).
 */
import { sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Clock, Logger } from '../../core/index.js';
import type { Db, StoreContext } from '../kysely/context.js';
import { mapSqliteError } from './errors.js';
import { indexArticle } from './sqlite-search.js';

export interface SqliteConnection {
  readonly db: Db;
  /** The raw connection, only to ask whether a transaction is still open. */
  readonly raw: BetterSqlite3.Database;
  /** The path as given (or ':memory:'), for messages. */
  readonly file: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

export function sqliteContext(conn: SqliteConnection): StoreContext {
  const guard = async <T>(lost: string | undefined, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw mapSqliteError(err, conn.file, lost);
    }
  };
  return {
    db: conn.db,
    clock: conn.clock,
    logger: conn.logger,
    guard,
    write: (lost, work) => guard(lost, () => writeImmediate(conn, work)),
    indexArticle,
  };
}

/**
 * Runs `work` inside BEGIN IMMEDIATE … COMMIT on the single connection, rolling back on any error,
 * so either all of it is stored or none of it. IMMEDIATE takes the write lock up front: a deferred
 * transaction that reads first and writes later can fail with SQLITE_BUSY without ever waiting
 * for busy_timeout when another process writes meanwhile. `work` must use the `db` it is given:
 * the root handle waits for this very connection and would deadlock.
 */
function writeImmediate<T>(conn: SqliteConnection, work: (db: Db) => Promise<T>): Promise<T> {
  return conn.db.connection().execute(async (db) => {
    await sql`begin immediate`.execute(db);
    try {
      const result = await work(db);
      await sql`commit`.execute(db);
      return result;
    } catch (err) {
      await rollbackQuietly(conn, db, err);
      throw err;
    }
  });
}

async function rollbackQuietly(conn: SqliteConnection, db: Db, original: unknown): Promise<void> {
  // SQLite rolls back by itself after some errors (a full disk, an I/O error); then there is
  // nothing left to roll back and a ROLLBACK would fail and hide the real error.
  if (!conn.raw.inTransaction) return;
  try {
    await sql`rollback`.execute(db);
  } catch (rollbackErr) {
    conn.logger.error({ file: conn.file, err: rollbackErr, original }, 'rollback failed after a failed write');
  }
}
