/**
 * Subscribing a user to a URL for the sync APIs: an existing feed is shared (the user gets their
 * own subscription row), a new one goes through ingest's subscription service, which checks it is
 * a feed. Subscribing twice is not an error here (clients retry): the user's subscription is
 * returned as it is.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { Subscription } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';

export async function subscribeUser(deps: ServeDeps, userId: number, url: string, settings: { titleOverride: string | null; tags: string[] }): Promise<Subscription> {
  let feed = await deps.store.feeds.getByUrl(url);
  if (feed === null) {
    const outcome = await deps.subscriptions.subscribe(url, { check: true, ...(settings.titleOverride === null ? {} : { title: settings.titleOverride }), tags: settings.tags });
    feed = outcome.feed;
  }
  const had = await deps.store.subscriptions.get(userId, feed.id);
  if (had !== null) return had;
  try {
    return await deps.store.subscriptions.add(userId, feed.id, settings);
  } catch (err) {
    // Subscribed meanwhile (by the service above, or a second request of the same client).
    const now = await deps.store.subscriptions.get(userId, feed.id);
    if (now !== null) return now;
    throw err instanceof FeedkeeperError ? err : new FeedkeeperError('STORE_IO', `subscribing to ${url}`, { cause: err });
  }
}
