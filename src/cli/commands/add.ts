/**
 * `feedkeeper add URL`: subscribe to a feed, or to a site whose page links to feeds (the first
 * one is chosen and the others are listed). The work is ingest/'s `subscribe`, shared with the
 * web reader; this file only words the outcome. `--no-check` subscribes without fetching.
 */
import { isFeedkeeperError } from '../../core/index.js';
import { subscribe, type SubscribeOutcome } from '../../ingest/index.js';
import { actingUser } from '../acting-user.js';
import type { App } from '../app.js';
import { feedName } from '../../store/index.js';
import { UsageError, type CliIo } from '../io.js';

export interface AddOptions {
  user?: string;
  title?: string;
  tag?: string[];
  check: boolean;
}

export async function addFeed(app: App, input: string, opts: AddOptions): Promise<SubscribeOutcome> {
  const deps = { store: await app.store(), fetcher: app.fetcher(), clock: app.clock };
  const user = await actingUser(deps.store, opts.user);
  try {
    return await subscribe(deps, user.id, input, { ...(opts.title !== undefined ? { title: opts.title } : {}), tags: opts.tag ?? [], check: opts.check });
  } catch (err) {
    if (isFeedkeeperError(err, 'USAGE')) throw new UsageError(err.message);
    throw err;
  }
}

export async function addCommand(app: App, url: string, opts: AddOptions, io: CliIo): Promise<number> {
  const { feed, itemCount, others, viaPage, shared } = await addFeed(app, url, opts);
  const items = shared ? 'already in the archive: shares its fetch' : itemCount === null ? 'not checked' : `${itemCount} items in the feed now`;
  await io.stdout(`subscribed: ${feed.id} ${feedName(feed)} <${feed.url}> (${items})\n`);
  // Asked of the discovery step, not inferred from the URLs: a feed behind a permanent redirect also changes URL.
  if (viaPage) {
    await io.stdout(`  ${url} is a page, not a feed; chose the feed it links to first\n`);
  }
  for (const o of others) await io.stdout(`  also offered: ${o.url}${o.title ? ` (${o.title})` : ''}\n`);
  await io.stdout(`  fetch it now with \`feedkeeper fetch ${feed.id}\`, or leave \`feedkeeper run\` going\n`);
  return 0;
}
