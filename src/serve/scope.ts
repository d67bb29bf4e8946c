/**
 * What a signed-in user may reach. Lists and counts are always the user's own subscriptions; an
 * admin may also open any article by id (a whole-archive search hit) and search the whole
 * archive when asking for it. Nobody else ever reaches beyond their subscriptions.
 */
import { FeedkeeperError } from '../core/index.js';
import type { EntryScope, Store, Subscription, User } from '../store/index.js';

/** For reading one entry or its revisions by id. */
export function entryScope(user: User): EntryScope {
  return { userId: user.id, archive: user.isAdmin };
}

/** For a search: `archive` asks for the whole archive, which only an admin may (FORBIDDEN otherwise). */
export function searchScope(user: User, archive: boolean): EntryScope {
  if (archive && !user.isAdmin) throw new FeedkeeperError('FORBIDDEN', 'only an admin can search the whole archive; your searches cover your subscriptions');
  return { userId: user.id, archive };
}

/**
 * A tag is one of the user's own (on one of `feeds`, the user's subscriptions); any other is
 * NOT_FOUND, like a feed that is not theirs.
 */
export function requireOwnTag(feeds: readonly Subscription[], tag: string): void {
  if (!feeds.some((f) => f.tags.includes(tag))) throw new FeedkeeperError('NOT_FOUND', `no feed of yours is tagged ${JSON.stringify(tag)}`, { details: { tag } });
}

/** One of the user's own feeds; any other is NOT_FOUND. */
export async function requireOwnFeed(store: Store, userId: number, feedId: number): Promise<void> {
  if ((await store.subscriptions.get(userId, feedId)) === null) throw new FeedkeeperError('NOT_FOUND', `no feed with id ${feedId}`, { details: { feedId } });
}
