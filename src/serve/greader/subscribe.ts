/**
 * Subscribing a user to a URL for the sync APIs, through ingest's subscription service (which
 * shares a feed the archive already has and checks a new one is a feed). Subscribing twice is not
 * an error here (clients retry): the user's subscription is returned as it is.
 */
import { isFeedkeeperError } from '../../core/index.js';
import type { Subscription } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';

export async function subscribeUser(deps: ServeDeps, userId: number, url: string, settings: { titleOverride: string | null; tags: string[] }): Promise<Subscription> {
  let feedId: number;
  try {
    const outcome = await deps.subscriptions.subscribe(userId, url, { check: true, ...(settings.titleOverride === null ? {} : { title: settings.titleOverride }), tags: settings.tags });
    feedId = outcome.feed.id;
  } catch (err) {
    const known = isFeedkeeperError(err, 'CONFLICT') ? err.details.feedId : undefined;
    if (typeof known !== 'number') throw err;
    feedId = known;
  }
  const mine = await deps.store.subscriptions.get(userId, feedId);
  if (mine === null) throw new Error(`subscribing user ${userId} to ${url} left no subscription`);
  return mine;
}
