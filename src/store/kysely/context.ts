/**
 * What every repo shares, whatever the database: the Kysely handle over the tables in schema.ts,
 * the clock and the logger, plus the three things each backend does its own way:
 * - `guard` runs one query (or a few reads) and turns the driver's failures into STORE_IO /
 *   STORE_LOCKED errors naming the database;
 * - `write` runs work that writes more than one row as one all-or-nothing transaction (SQLite:
 *   BEGIN IMMEDIATE on its one connection; PostgreSQL: SERIALIZABLE, retried on a serialization
 *   failure, so `work` may run more than once and must only touch the database it is given);
 * - `indexArticle` (re)writes one article's search entry inside the caller's transaction (FTS5
 *   on SQLite, tsvector columns on PostgreSQL; the tokens are src/search/'s on both).
 * The repos in this folder are written in the Kysely both dialects accept; whatever is not lives
 * in store/sqlite/ or store/postgres/, behind this interface.
 */
import type { Kysely } from 'kysely';
import type { Clock, Logger } from '../../core/index.js';
import type { FieldStreams } from '../../search/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/**
 * (Re)writes the search entry of one article from its latest revision and its feeds. `streams`,
 * when the caller has them, are that revision's (search/streams.ts, computed off the main thread
 * by ingest/cpu/), so only the feed ids are read back.
 */
export type IndexArticle = (db: Db, articleId: number, streams?: readonly FieldStreams[]) => Promise<void>;

export interface StoreContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** `lost` names what a failed write would have stored ("nothing from {lost} was stored"); undefined for reads. */
  guard<T>(lost: string | undefined, run: () => Promise<T>): Promise<T>;
  /** Runs `work` as one transaction on the `db` it is given (never the root handle): all of it is stored or none. */
  write<T>(lost: string, work: (db: Db) => Promise<T>): Promise<T>;
  readonly indexArticle: IndexArticle;
}

/** Runs one query (or a few reads) with the backend's error mapping. */
export function guard<T>(ctx: StoreContext, lost: string | undefined, run: () => Promise<T>): Promise<T> {
  return ctx.guard(lost, run);
}

/** Runs `work` as one all-or-nothing transaction; `lost` names it in error messages. */
export function writeTransaction<T>(ctx: StoreContext, lost: string, work: (db: Db) => Promise<T>): Promise<T> {
  return ctx.write(lost, work);
}
