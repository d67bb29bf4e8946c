/**
 * Opens the embedded SQLite store: creates the database's folder if missing, opens the file with
 * WAL journaling, synchronous=NORMAL (durable at each checkpoint, safe against corruption),
 * foreign keys on and a busy timeout, brings the schema up to date with Kysely's Migrator, and
 * hands out the repos. One connection, one writer (capabilities.concurrentWriters is false).
 * Failures to open say which file and why (STORE_IO), never a bare SQLite code.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { FeedkeeperError, silentLogger, systemClock } from '../../core/index.js';
import type { Clock, Logger } from '../../core/index.js';
import type { Store } from '../store.js';
import { openKyselyStore } from '../kysely/repos.js';
import type { Database as Tables } from '../kysely/schema.js';
import { sqliteContext } from './context.js';
import { directoryError, mapSqliteError } from './errors.js';
import { migrationProvider } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';
import { FTS5_INDEX } from './sqlite-search.js';
import { maintainSqlite } from './sqlite-maintenance.js';

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:' for a private in-memory database. */
  file: string;
  logger?: Logger;
  clock?: Clock;
  /** How long a write waits for another process's lock before failing with STORE_LOCKED (default 5 s). */
  busyTimeoutMs?: number;
  /** How many of the newest matches relevance ranks by bm25 (default 1,000; tests use a small one). */
  relevanceWindow?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export async function openSqliteStore(opts: SqliteStoreOptions): Promise<Store> {
  const { file } = opts;
  const logger = (opts.logger ?? silentLogger).child({ store: 'sqlite', file });
  if (!isInMemory(file)) createParentDirectory(file);
  const raw = openDatabase(file, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  const ctx = sqliteContext({ db, raw, file, clock: opts.clock ?? systemClock, logger });
  return openKyselyStore(ctx, {
    migrations: { provider: migrationProvider, database: file, details: { file }, mapError: mapSqliteError },
    index: FTS5_INDEX,
    relevanceWindow: opts.relevanceWindow,
    concurrentWriters: false,
    maintain: (maintenance) => maintainSqlite(db, file, maintenance),
    bulk: {
      name: file,
      // AUTOINCREMENT already moved past every explicit id inserted (sqlite_sequence).
      advanceIds: () => Promise.resolve(),
      // SQLite compares text by its bytes: code point order.
      keyOrder: (column) => sql.ref(column),
    },
  });
}

function isInMemory(file: string): boolean {
  return file === ':memory:' || file === '';
}

function createParentDirectory(file: string): void {
  const dir = dirname(resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw directoryError(file, dir, err);
  }
}

function openDatabase(file: string, busyTimeoutMs: number): BetterSqlite3.Database {
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new Database(file);
    // journal_mode is the first statement that reads the file, so a non-database fails here.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    return raw;
  } catch (err) {
    raw?.close();
    const mapped = mapSqliteError(err, file);
    if (mapped instanceof FeedkeeperError) throw mapped;
    // better-sqlite3 reports some open failures (e.g. a missing directory) as plain errors.
    const message = err instanceof Error ? err.message : String(err);
    throw new FeedkeeperError('STORE_IO', `database ${file}: cannot open: ${message}`, { cause: err, details: { file } });
  }
}
