/**
 * Subscribing a user to a URL for the sync APIs, through ingest's subscription service (which
 * shares a feed the archive already has and checks a new one is a feed). Subscribing twice is not
 * an error here (clients retry): the user's subscription is returned, with the title and labels
 * this request asked for. A CONFLICT that left the user without a subscription (two subscribes of
 * one new URL racing) is passed on as the CONFLICT it is.
 */
import { isFeedkeeperError } from '../../core/index.js';
import type { Subscription } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';

export async function subscribeUser(deps: ServeDeps, userId: number, url: string, settings: { titleOverride: string | null; tags: string[] }): Promise<Subscription> {
  try {
    const outcome = await deps.subscriptions.subscribe(userId, url, { check: true, ...(settings.titleOverride === null ? {} : { title: settings.titleOverride }), tags: settings.tags });
    return outcome.feed;
  } catch (err) {
    const known = isFeedkeeperError(err, 'CONFLICT') ? err.details.feedId : undefined;
    const mine = typeof known === 'number' ? await deps.store.subscriptions.get(userId, known) : null;
    if (mine === null) throw err;
    const patch = { ...(settings.titleOverride === null ? {} : { titleOverride: settings.titleOverride }), ...(settings.tags.length === 0 ? {} : { tags: [...new Set([...mine.tags, ...settings.tags])] }) };
    return Object.keys(patch).length === 0 ? mine : deps.store.subscriptions.update(userId, known as number, patch);
  }
}
