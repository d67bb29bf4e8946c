/**
 * The one escape hatch from the Store seam: bulk access to a store's tables, for copying a whole
 * archive from one backend to another (store/transfer/). A caller outside store/ never gets a
 * Kysely handle; it hands two opened Stores to store/transfer/, which asks `bulkAccess` for
 * theirs. Nothing else may use it: the repos stay the only way rows are read and written in
 * normal work. What differs per backend is a capability here, not a branch in the copier:
 * `advanceIds` (PostgreSQL moves an identity sequence past the ids it was given; SQLite's
 * AUTOINCREMENT follows explicit ids by itself) and `keyCollation` (how text keys sort the way
 * SQLite sorts them, by code point).
 */
import type { RawBuilder } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import type { Store } from '../store.js';
import type { Db, IndexArticle, StoreContext } from './context.js';

export interface BulkAccess {
  readonly db: Db;
  /** The database as messages name it (a file, or a URL without its password). */
  readonly name: string;
  /** Runs work with the backend's error mapping (STORE_IO naming the database, …). */
  readonly guard: StoreContext['guard'];
  /** Makes the next id the database generates for `table.column` larger than any id in it. */
  advanceIds(table: string, column: string): Promise<void>;
  /** A text column as an expression that sorts by code point (SQLite's order for text). */
  keyOrder(column: string): RawBuilder<unknown>;
  /** (Re)writes one article's search entry, inside the transaction `db` is. */
  readonly indexArticle: IndexArticle;
}

/** The backend-specific part a store file passes to openKyselyStore. */
export type BulkCapabilities = Pick<BulkAccess, 'name'> & {
  advanceIds(db: Db, table: string, column: string): Promise<void>;
  keyOrder(column: string): RawBuilder<unknown>;
};

const registry = new WeakMap<Store, BulkAccess>();

export function registerBulkAccess(store: Store, ctx: StoreContext, caps: BulkCapabilities): void {
  registry.set(store, {
    db: ctx.db,
    name: caps.name,
    guard: ctx.guard,
    advanceIds: (table, column) => ctx.guard(`the id sequence of ${table}`, () => caps.advanceIds(ctx.db, table, column)),
    keyOrder: caps.keyOrder,
    indexArticle: ctx.indexArticle,
  });
}

/** The bulk access of a store opened by store/sqlite or store/postgres (not of a wrapper around one). */
export function bulkAccess(store: Store): BulkAccess {
  const access = registry.get(store);
  if (access === undefined) throw new FeedkeeperError('USAGE', 'bulk copy needs a store opened by store/sqlite or store/postgres, not a wrapper around one');
  return access;
}
