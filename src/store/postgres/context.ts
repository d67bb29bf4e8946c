/**
 * The PostgreSQL side of the repos' shared context (kysely/context.ts): a pg Pool behind Kysely,
 * failures mapped by errors.ts with the database URL (password redacted) in the message, and
 * search entries written to tsvector columns (pg-search.ts).
 *
 * Every write is one SERIALIZABLE transaction. Several workers may refresh one feed, or feeds that
 * share articles, at once; SERIALIZABLE makes PostgreSQL abort all but one of two transactions
 * whose reads and writes overlap (the same article key looked up and then inserted, the same
 * latest revision read and then bumped) with a serialization failure, and a deadlock aborts one
 * side too. Both are safe to run again from the start, so `write` does, a bounded number of times
 * with a short jittered wait, and only then fails with STORE_LOCKED. The pre-checks the repos make
 * (a URL or user name already taken) stay correct under this: a concurrent insert of the same key
 * is reported as a serialization failure, retried, and then found by the check.
 */
import type { Clock, Logger } from '../../core/index.js';
import type { Db, StoreContext } from '../kysely/context.js';
import { isRetryable, mapPostgresError } from './errors.js';
import { indexArticle } from './pg-search.js';

export interface PostgresConnection {
  readonly db: Db;
  /** The database URL with its password redacted, for messages. */
  readonly name: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How many times a write runs before a serialization failure or deadlock is given up on (default 10). */
  readonly maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 10;

export function postgresContext(conn: PostgresConnection): StoreContext {
  const maxAttempts = Math.max(1, conn.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  return {
    db: conn.db,
    clock: conn.clock,
    logger: conn.logger,
    guard: async (lost, run) => {
      try {
        return await run();
      } catch (err) {
        throw mapPostgresError(err, conn.name, lost);
      }
    },
    write: async (lost, work) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await conn.db.transaction().setIsolationLevel('serializable').execute(work);
        } catch (err) {
          if (!isRetryable(err) || attempt >= maxAttempts) throw mapPostgresError(err, conn.name, lost, attempt);
          conn.logger.debug({ attempt, lost, sqlState: (err as { code?: string }).code }, 'write conflicted with another writer; running it again');
          await wait(attempt);
        }
      }
    },
    indexArticle,
  };
}

/** 5, 10, 20 … ms (at most 200), with jitter so two writers that collided do not collide again. */
function wait(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** (attempt - 1)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
