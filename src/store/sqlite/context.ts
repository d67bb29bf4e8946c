/**
 * What every SQLite repo shares: the Kysely handle, the raw better-sqlite3 connection (only to ask
 * whether a transaction is still open), the file name for error messages, the clock and the logger;
 * plus the two ways a repo talks to the database: `guard` for single statements and
 * `writeTransaction` for anything that writes more than one row.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Clock, Logger } from '../../core/index.js';
import { mapSqliteError } from './errors.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface SqliteContext {
  readonly db: Db;
  readonly raw: BetterSqlite3.Database;
  /** The path as given (or ':memory:'), for messages. */
  readonly file: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How many of the newest matches relevance ranks (see sqlite-search.ts). */
  readonly relevanceWindow: number;
}

/** Runs one query (or a few reads), turning SQLite failures into STORE_IO / STORE_LOCKED. */
export async function guard<T>(ctx: SqliteContext, lost: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw mapSqliteError(err, ctx.file, lost);
  }
}

/**
 * Runs `work` inside BEGIN IMMEDIATE … COMMIT on the single connection, rolling back on any error,
 * so either all of it is stored or none of it. IMMEDIATE takes the write lock up front: a deferred
 * transaction that reads first and writes later can fail with SQLITE_BUSY without ever waiting
 * for busy_timeout when another process writes meanwhile. `work` must use the `db` it is given:
 * the root handle waits for this very connection and would deadlock.
 * `lost` names the work for error messages: "nothing from {lost} was stored".
 */
export async function writeTransaction<T>(ctx: SqliteContext, lost: string, work: (db: Db) => Promise<T>): Promise<T> {
  return guard(ctx, lost, () =>
    ctx.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (err) {
        await rollbackQuietly(ctx, conn, err);
        throw err;
      }
    }),
  );
}

async function rollbackQuietly(ctx: SqliteContext, conn: Db, original: unknown): Promise<void> {
  // SQLite rolls back by itself after some errors (a full disk, an I/O error); then there is
  // nothing left to roll back and a ROLLBACK would fail and hide the real error.
  if (!ctx.raw.inTransaction) return;
  try {
    await sql`rollback`.execute(conn);
  } catch (rollbackErr) {
    ctx.logger.error({ file: ctx.file, err: rollbackErr, original }, 'rollback failed after a failed write');
  }
}
