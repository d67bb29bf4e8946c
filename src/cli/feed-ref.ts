/** Commands name feeds by id or by URL; this resolves either, or says clearly that there is none. */
import { FeedkeeperError } from '../core/index.js';
import type { Feed, Store, Subscription, User } from '../store/index.js';

/** Any feed of the archive (fetching is for everyone's feeds). */
export async function findFeed(store: Store, ref: string): Promise<Feed> {
  const feed = /^\d+$/.test(ref) ? await store.feeds.get(Number(ref)) : await store.feeds.getByUrl(ref.trim());
  if (feed === null) throw notFound(ref);
  return feed;
}

/** One of the user's own subscriptions, with its user (an archive without users has none). */
export async function findSubscription(store: Store, user: User | null, ref: string): Promise<{ user: User; feed: Subscription }> {
  const feed = user === null ? null : /^\d+$/.test(ref) ? { id: Number(ref) } : await store.feeds.getByUrl(ref.trim());
  const mine = feed === null || user === null ? null : await store.subscriptions.get(user.id, feed.id);
  if (mine === null || user === null) throw notFound(ref, user ?? undefined);
  return { user, feed: mine };
}

function notFound(ref: string, user?: User): FeedkeeperError {
  const whose = user === undefined ? '' : ` of user ${JSON.stringify(user.username)}`;
  return new FeedkeeperError('NOT_FOUND', `no subscription ${/^\d+$/.test(ref) ? `with id ${ref}` : `for ${ref}`}${whose} (see \`feedkeeper list\`)`);
}
