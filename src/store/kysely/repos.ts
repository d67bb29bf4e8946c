/**
 * Every repo of the Store over one backend's context: what the SQLite and PostgreSQL stores hand
 * out, so a store file only opens its database and says how it differs.
 */
import type { Store } from '../store.js';
import type { StoreContext } from './context.js';
import { createSessionRepo, createTokenRepo } from './accounts.js';
import { createArticleRepo } from './articles.js';
import { createEntryRepo } from './entries.js';
import { createFeedRepo } from './feeds.js';
import { createLoginAttemptRepo } from './login-attempts.js';
import { createSearchRepo, type SearchIndex } from './search-repo.js';
import { createSubscriptionRepo } from './subscriptions.js';
import { createUserRepo } from './users.js';
import { createWatchRepo } from './watch.js';

export type Repos = Omit<Store, 'capabilities' | 'close'>;

export function createRepos(ctx: StoreContext, search: { index: SearchIndex; relevanceWindow: number }): Repos {
  return {
    feeds: createFeedRepo(ctx),
    subscriptions: createSubscriptionRepo(ctx),
    articles: createArticleRepo(ctx),
    search: createSearchRepo(ctx, search.index, search.relevanceWindow),
    entries: createEntryRepo(ctx),
    users: createUserRepo(ctx),
    loginAttempts: createLoginAttemptRepo(ctx),
    sessions: createSessionRepo(ctx),
    tokens: createTokenRepo(ctx),
    watch: createWatchRepo(ctx),
  };
}
