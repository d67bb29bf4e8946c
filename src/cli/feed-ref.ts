/** Commands name feeds by id or by URL; this resolves either, or says clearly that there is none. */
import { FeedkeeperError } from '../core/index.js';
import type { Feed, Store } from '../store/index.js';

export async function findFeed(store: Store, ref: string): Promise<Feed> {
  const feed = /^\d+$/.test(ref) ? await store.feeds.get(Number(ref)) : await store.feeds.getByUrl(ref.trim());
  if (feed === null) throw new FeedkeeperError('NOT_FOUND', `no subscription ${/^\d+$/.test(ref) ? `with id ${ref}` : `for ${ref}`} (see \`feedkeeper list\`)`);
  return feed;
}
