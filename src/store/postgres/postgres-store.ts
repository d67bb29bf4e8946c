/**
 * Opens the PostgreSQL store: a pg Pool behind Kysely's PostgresDialect; refuses a schema newer
 * than this code (which is also where a wrong URL or password shows), brings the schema up to
 * date with Kysely's Migrator (which holds a lock row, so processes starting together migrate
 * once), and hands out the repos shared with SQLite (store/kysely/) over a context whose writes
 * are SERIALIZABLE with retries (context.ts). Several processes may write at once
 * (capabilities.concurrentWriters). Failures say which database and why, with the password in
 * its URL redacted.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { silentLogger, systemClock } from '../../core/index.js';
import type { Clock, Logger } from '../../core/index.js';
import type { Store } from '../store.js';
import { openKyselyStore } from '../kysely/repos.js';
import { maintainPostgres } from './pg-maintenance.js';
import type { Database as Tables } from '../kysely/schema.js';
import { postgresContext } from './context.js';
import { mapPostgresError, redactUrl } from './errors.js';
import { migrationProvider } from './migrations/index.js';
import { TSVECTOR_INDEX } from './pg-search.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (or postgresql://…). */
  url: string;
  logger?: Logger;
  clock?: Clock;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** How many of the newest matches relevance ranks (default 1,000; tests use a small one). */
  relevanceWindow?: number;
  /** How many times a conflicting write runs before it fails with STORE_LOCKED (default 10). */
  maxWriteAttempts?: number;
  /** How long a statement waits for another session's lock before failing with STORE_LOCKED (default 5 s, as SQLite's busy timeout). */
  lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

const INT8_OID = 20;

/**
 * bigint columns (epoch ms, ids, counters, count(*)) come back as JavaScript numbers, as they do
 * from SQLite: every value the store keeps is far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(opts: PostgresStoreOptions): Promise<Store> {
  const name = redactUrl(opts.url);
  const logger = (opts.logger ?? silentLogger).child({ store: 'postgres', database: name });
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types, lock_timeout: Math.max(1, Math.trunc(opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS)) });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', (err) => logger.warn({ err }, 'idle database connection failed'));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const ctx = postgresContext({ db, name, clock: opts.clock ?? systemClock, logger, ...(opts.maxWriteAttempts === undefined ? {} : { maxAttempts: opts.maxWriteAttempts }) });
  return openKyselyStore(ctx, {
    migrations: { provider: migrationProvider, database: name, details: { database: name }, mapError: mapPostgresError },
    index: TSVECTOR_INDEX,
    relevanceWindow: opts.relevanceWindow,
    concurrentWriters: true,
    maintain: (maintenance) => maintainPostgres(db, name, maintenance),
    bulk: {
      name,
      // Identity sequences do not follow ids given explicitly: move them past the largest.
      advanceIds: async (tx, table, column) => {
        await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(tx);
      },
      // The database's collation may not sort by code point; "C" does, as SQLite does.
      keyOrder: (column) => sql`${sql.ref(column)} collate "C"`,
    },
  });
}
