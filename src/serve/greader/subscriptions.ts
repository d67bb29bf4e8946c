/**
 * The user's subscriptions through Google Reader's eyes: subscription/list, subscription/edit
 * (subscribe, unsubscribe, rename and move between labels), quickadd, and OPML export and import.
 * Feed ids are `feed/<id>` (stable when a feed moves to a new URL); `feed/<url>` is read too.
 * Labels are the user's tags on their subscriptions.
 */
import type { Context } from 'hono';
import { FeedkeeperError } from '../../core/index.js';
import { subscriptionsOpml } from '../../ingest/index.js';
import type { Subscription } from '../../store/index.js';
import { feedName } from '../../store/index.js';
import { OPML_BODY_LIMIT_BYTES, readBody } from '../api/body.js';
import type { ServeDeps } from '../deps.js';
import type { Caller } from './authenticate.js';
import { requiredParam, type Params } from './params.js';
import { parseStreamParam, subscriptionOf } from './stream-filter.js';
import { feedStreamId, labelStreamId } from './stream-id.js';
import { subscribeUser } from './subscribe.js';

function subscriptionJson(sub: Subscription) {
  return {
    id: feedStreamId(sub.id),
    title: feedName(sub),
    categories: sub.tags.map((tag) => ({ id: labelStreamId(tag), label: tag })),
    url: sub.url,
    htmlUrl: sub.siteUrl ?? sub.url,
    iconUrl: '',
    sortid: sub.id.toString(16).padStart(8, '0').toUpperCase(),
    firstitemmsec: String(sub.subscribedAt),
  };
}

export async function subscriptionList(deps: ServeDeps, c: Context, caller: Caller): Promise<Response> {
  const subs = await deps.store.subscriptions.list(caller.user.id);
  return c.json({ subscriptions: subs.map(subscriptionJson) });
}

/** A label stream id (or a bare name, as some clients send for `a`/`r`) → the tag. */
function labelOf(raw: string, userId: number, name: string): string {
  if (!raw.includes('/')) return raw.trim();
  const ref = parseStreamParam(raw, userId, name);
  if (ref.kind !== 'label') throw new FeedkeeperError('USAGE', `${name}: expected a label (user/-/label/<name>), got ${JSON.stringify(raw.slice(0, 80))}`);
  return ref.label;
}

/** A feed to subscribe to: `feed/<url>` or the URL itself. */
function feedUrlOf(raw: string, name: string): string {
  const url = raw.startsWith('feed/') ? raw.slice('feed/'.length) : raw;
  if (!/^https?:\/\/\S+$/i.test(url)) throw new FeedkeeperError('USAGE', `${name}: expected a feed URL (http or https, optionally as feed/<url>), got ${JSON.stringify(raw.slice(0, 80))}`);
  return url;
}

export async function subscriptionEdit(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  const userId = caller.user.id;
  const ac = requiredParam(p, 'ac', 'subscribe, unsubscribe or edit');
  const streams = p.all('s').filter((s) => s.trim() !== '');
  if (streams.length === 0) throw new FeedkeeperError('USAGE', 's: expected the feed to change (feed/<id> or feed/<url>)');
  const add = p.all('a').map((a) => labelOf(a, userId, 'a'));
  const remove = p.all('r').map((r) => labelOf(r, userId, 'r'));
  const title = p.one('t')?.trim() || null;
  if (ac === 'subscribe') {
    const urls = streams.map((s) => feedUrlOf(s, 's'));
    for (const url of urls) await subscribeUser(deps, userId, url, { titleOverride: title, tags: add });
    return c.text('OK');
  }
  if (ac !== 'unsubscribe' && ac !== 'edit') throw new FeedkeeperError('USAGE', `ac: expected subscribe, unsubscribe or edit, got ${JSON.stringify(ac.slice(0, 40))}`);
  const subs = await deps.store.subscriptions.list(userId);
  // Every stream is found before anything changes, so one unknown feed changes nothing.
  const targets = streams.map((s) => {
    const ref = parseStreamParam(s, userId, 's');
    if (ref.kind !== 'feed' && ref.kind !== 'feed-url') throw new FeedkeeperError('USAGE', `s: expected a feed (feed/<id> or feed/<url>), got ${JSON.stringify(s.slice(0, 80))}`);
    return subscriptionOf(ref, subs, s);
  });
  for (const sub of targets) {
    if (ac === 'unsubscribe') await deps.store.subscriptions.remove(userId, sub.id);
    else {
      const tags = [...new Set([...sub.tags.filter((t) => !remove.includes(t)), ...add])];
      await deps.store.subscriptions.update(userId, sub.id, { tags, ...(title === null ? {} : { titleOverride: title }) });
    }
  }
  return c.text('OK');
}

export async function quickAdd(deps: ServeDeps, c: Context, caller: Caller, p: Params): Promise<Response> {
  const raw = requiredParam(p, 'quickadd', 'the URL of a feed');
  const sub = await subscribeUser(deps, caller.user.id, feedUrlOf(raw, 'quickadd'), { titleOverride: null, tags: [] });
  return c.json({ numResults: 1, query: raw, streamId: feedStreamId(sub.id), streamName: feedName(sub) });
}

export async function subscriptionExport(deps: ServeDeps, c: Context, caller: Caller): Promise<Response> {
  const subs = await deps.store.subscriptions.list(caller.user.id);
  const xml = subscriptionsOpml(subs, deps.clock.now());
  return c.body(xml, 200, { 'Content-Type': 'text/x-opml; charset=utf-8', 'Content-Disposition': 'attachment; filename="feedkeeper-subscriptions.opml"' });
}

export async function subscriptionImport(deps: ServeDeps, c: Context, caller: Caller): Promise<Response> {
  await deps.subscriptions.importOpml(caller.user.id, await readBody(c, OPML_BODY_LIMIT_BYTES));
  return c.text('OK');
}
