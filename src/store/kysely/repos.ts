/**
 * A Store over one backend's context: brings the schema up to date, marks an empty archive's
 * search index current, and hands out every repo of this folder, so a backend's store file only
 * opens its database and says how it differs (context, migrations, search index, capabilities).
 */
import type { Store } from '../store.js';
import type { StoreContext } from './context.js';
import { createSessionRepo, createTokenRepo } from './accounts.js';
import { createArticleRepo } from './articles.js';
import { createEntryRepo } from './entries.js';
import { createFeedRepo } from './feeds.js';
import { createLoginAttemptRepo } from './login-attempts.js';
import { migrateToLatest, type MigrationTarget } from './migrate.js';
import { createSearchRepo, markFreshIndex, RELEVANCE_WINDOW, type SearchIndex } from './search-repo.js';
import { createSubscriptionRepo } from './subscriptions.js';
import { createUserRepo } from './users.js';
import { createWatchRepo } from './watch.js';
import { CONCURRENT_SETTLE_MS, createWebhookRepo } from './webhooks.js';
import { createMediaRepo } from './media.js';
import { createTextUpgrade } from './text-upgrade.js';
import { lastMaintainedAt, recordedMaintenance } from './maintenance-runs.js';
import { registerBulkAccess, type BulkCapabilities } from './bulk.js';

export interface KyselyStoreOptions {
  migrations: MigrationTarget;
  index: SearchIndex;
  /** How many of the newest matches relevance ranks (default RELEVANCE_WINDOW). */
  relevanceWindow?: number | undefined;
  concurrentWriters: boolean;
  /** The backend's own upkeep (SQLite: FTS5 optimize, ANALYZE, VACUUM, WAL; PostgreSQL: VACUUM, ANALYZE). */
  maintain: Store['maintain'];
  /** What bulk copy (store/transfer/) needs to know of the backend. */
  bulk: BulkCapabilities;
}

/** The store, once its schema is current; on failure the database handle is closed and the error thrown. */
export async function openKyselyStore(ctx: StoreContext, opts: KyselyStoreOptions): Promise<Store> {
  try {
    await migrateToLatest(ctx, opts.migrations);
    await ctx.guard(undefined, () => markFreshIndex(ctx));
  } catch (err) {
    await ctx.db.destroy();
    throw err;
  }
  let closed = false;
  const store: Store = {
    capabilities: { concurrentWriters: opts.concurrentWriters },
    feeds: createFeedRepo(ctx),
    subscriptions: createSubscriptionRepo(ctx),
    articles: createArticleRepo(ctx),
    search: createSearchRepo(ctx, opts.index, opts.relevanceWindow ?? RELEVANCE_WINDOW),
    entries: createEntryRepo(ctx),
    users: createUserRepo(ctx),
    loginAttempts: createLoginAttemptRepo(ctx),
    sessions: createSessionRepo(ctx),
    tokens: createTokenRepo(ctx),
    watch: createWatchRepo(ctx),
    webhooks: createWebhookRepo(ctx, { settleMs: opts.concurrentWriters ? CONCURRENT_SETTLE_MS : 0 }),
    media: createMediaRepo(ctx),
    maintain: recordedMaintenance(ctx, opts.maintain),
    lastMaintainedAt: () => lastMaintainedAt(ctx),
    textUpgrade: createTextUpgrade(ctx),
    async close() {
      if (closed) return;
      closed = true;
      await ctx.db.destroy();
    },
  };
  registerBulkAccess(store, ctx, opts.bulk);
  return store;
}
