/**
 * The PostgreSQL side of the repos' shared context (kysely/context.ts): a pg Pool behind Kysely,
 * failures mapped by errors.ts with the database URL (password redacted) in the message, and
 * search entries written to tsvector columns (pg-search.ts).
 *
 * Every write is one READ COMMITTED transaction, all of it stored or none. Several workers may
 * refresh one feed, or feeds that share articles, at once; what keeps them apart are the
 * constraints and row locks, not a snapshot: two inserts of the same article key, or of the same
 * next revision of an article, meet at a unique index, and the one that waits gets a unique
 * violation (23505) once the other commits; two refreshes that lock shared rows in opposite order
 * get a deadlock (40P01). Both are safe to run again from the start, where the repo's own look-up
 * now finds the committed row, so `write` does, a bounded number of times with a short jittered
 * wait, and only then fails. Each unique violation on a new key is one more writer that committed
 * first (six writers on shared keys meet up to five times); the same key twice means the repo
 * inserts a duplicate it does not look for, which running it again would only repeat: that fails
 * at once. (A flat limit of 3 tries for unique violations lost refreshes once refreshes of one
 * user's feeds stopped queueing behind that user's counter row, kysely/counts.ts.) Counters are relative updates (`n = n + 1`), which READ COMMITTED
 * applies on the latest row, so they never lose an increment.
 * (SERIALIZABLE was the first design: every refresh also bumps the archive-wide and per-user
 * counters, so under two workers nearly every pair of refreshes conflicted and feeds failed with
 * STORE_LOCKED after ten tries; `npm run bench -- scale` measured 42 of 100 feeds lost.)
 */
import type { Clock, Logger } from '../../core/index.js';
import type { Db, StoreContext } from '../kysely/context.js';
import { isRetryable, isUniqueViolation, mapPostgresError, violatedKey } from './errors.js';
import { indexArticle } from './pg-search.js';

export interface PostgresConnection {
  readonly db: Db;
  /** The database URL with its password redacted, for messages. */
  readonly name: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How many times a write runs before serialization failures, deadlocks or unique violations on new keys are given up on (default 10). */
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
      const violated = new Set<string>();
      for (let attempt = 1; ; attempt++) {
        try {
          return await conn.db.transaction().setIsolationLevel('read committed').execute(work);
        } catch (err) {
          if (!runsAgain(err, violated) || attempt >= maxAttempts) throw mapPostgresError(err, conn.name, lost, attempt);
          conn.logger.debug({ attempt, lost, sqlState: (err as { code?: string }).code }, 'write conflicted with another writer; running it again');
          await wait(attempt);
        }
      }
    },
    indexArticle,
  };
}

/** A deadlock or serialization failure, or a unique violation on a key that has not conflicted before in this write. */
function runsAgain(err: unknown, violated: Set<string>): boolean {
  if (isRetryable(err)) return true;
  if (!isUniqueViolation(err)) return false;
  const key = violatedKey(err);
  if (violated.has(key)) return false;
  violated.add(key);
  return true;
}

/** 5, 10, 20 … ms (at most 200), with jitter so two writers that collided do not collide again. */
function wait(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** (attempt - 1)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
