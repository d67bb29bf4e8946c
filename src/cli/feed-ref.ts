/** Commands name feeds by id or by URL; this resolves either, or says clearly that there is none. */
import { FeedkeeperError } from '../core/index.js';
import type { Feed, Store, Subscription, User } from '../store/index.js';

/** Any feed of the archive (fetching is for everyone's feeds). */
export async function findFeed(store: Store, ref: string): Promise<Feed> {
  const feed = /^\d+$/.test(ref) ? await store.feeds.get(Number(ref)) : await store.feeds.getByUrl(ref.trim());
  if (feed === null) throw notFound(ref);
  return feed;
}

/** One of the user's own subscriptions. */
export async function findSubscription(store: Store, user: User, ref: string): Promise<Subscription> {
  const feed = /^\d+$/.test(ref) ? { id: Number(ref) } : await store.feeds.getByUrl(ref.trim());
  const mine = feed === null ? null : await store.subscriptions.get(user.id, feed.id);
  if (mine === null) throw notFound(ref, user);
  return mine;
}

function notFound(ref: string, user?: User): FeedkeeperError {
  const whose = user === undefined ? '' : ` of user ${JSON.stringify(user.username)}`;
  return new FeedkeeperError('NOT_FOUND', `no subscription ${/^\d+$/.test(ref) ? `with id ${ref}` : `for ${ref}`}${whose} (see \`feedkeeper list\`)`);
}
