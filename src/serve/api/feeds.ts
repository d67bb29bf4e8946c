/**
 * /feeds: the signed-in user's subscriptions with their status (last and next fetch, last error,
 * article and unread counts), adding one by URL (through ingest's subscription service, which
 * fetches to check it, or shares a feed the archive already has), discovery of the feeds a page
 * links to, settings, unsubscribing (the archive is kept) and "fetch now", which only enqueues a
 * refreshFeed job: serve never fetches a feed itself. Another user's feed is a 404 like no feed.
 * Title and tags are the user's own; how a feed is fetched is shared, so changing that is for an
 * admin or the feed's only subscriber (403 otherwise).
 */
import { z } from 'zod';
import { FEED_LIMITS, FeedkeeperError } from '../../core/index.js';
import { assertMayChangeFetching, httpUrl } from '../../ingest/index.js';
import type { FeedPatch, Subscription, SubscriptionPatch } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import { defineRoute, type ApiRoute } from './define.js';
import { feedJson } from './present.js';
import { discoveredFeedModel, feedModel } from './schemas.js';
import { pathId } from './validate.js';
import { refreshJobId } from '../../schedule/index.js';

const TAG = 'feeds';
const feedParams = z.strictObject({ id: pathId() });
const url = z.string().refine(isHttpUrl, { error: 'expected an http:// or https:// URL' }).meta({ format: 'uri', description: 'The http(s) URL of a feed, or of a page that links to feeds.' });
const { intervalMinutes } = FEED_LIMITS;
const tags = z.array(z.string().trim().min(1).max(FEED_LIMITS.tagChars)).max(FEED_LIMITS.tags);
const intervalMessage = `expected whole minutes from ${intervalMinutes.min} to ${intervalMinutes.max} (a week), or null for the default`;
const interval = z.int({ error: intervalMessage }).min(intervalMinutes.min, { error: intervalMessage }).max(intervalMinutes.max, { error: intervalMessage }).nullable();

const createBody = z.strictObject({
  url,
  title: z.string().trim().min(1).max(FEED_LIMITS.titleChars).optional(),
  tags: tags.optional(),
  check: z.boolean().default(true).meta({ description: 'Fetch first to check it is a feed (false: subscribe to a feed that is down today).' }),
});

const patchBody = z
  .strictObject({
    title: z.string().trim().max(FEED_LIMITS.titleChars).nullable().optional().meta({ description: 'The title to show instead of the feed\'s own; null or "" clears it.' }),
    tags: tags.optional(),
    fulltext: z.enum(['auto', 'always', 'never']).optional(),
    min_interval_minutes: interval.optional(),
    max_interval_minutes: interval.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: give title, tags, fulltext, min_interval_minutes, max_interval_minutes or enabled' });

export function feedRoutes(deps: ServeDeps): ApiRoute[] {
  const present = async (feed: Subscription, userId: number) => {
    const unread = await deps.store.entries.unreadCounts(userId);
    return feedJson(feed, { articles: feed.articleCount, unread: unread.get(feed.id) ?? 0 });
  };
  const requireFeed = async (userId: number, id: number) => {
    const feed = await deps.store.subscriptions.get(userId, id);
    if (feed === null) throw new FeedkeeperError('NOT_FOUND', `no feed with id ${id}`);
    return feed;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/feeds',
      operationId: 'listFeeds',
      summary: 'Every subscription with its fetch status and counts',
      tag: TAG,
      response: z.strictObject({ feeds: z.array(feedModel) }),
      async handler({ user }) {
        const [feeds, unread] = await Promise.all([deps.store.subscriptions.list(user.id), deps.store.entries.unreadCounts(user.id)]);
        return { feeds: feeds.map((f) => feedJson(f, { articles: f.articleCount, unread: unread.get(f.id) ?? 0 })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/feeds',
      operationId: 'createFeed',
      summary: 'Subscribe to a feed by URL',
      description: 'The URL is fetched once to check it is a feed (unless `check` is false). A page URL subscribes to the first feed it links to and lists the others in `other_feeds`; use POST /feeds/discover first to offer the choice.',
      tag: TAG,
      body: createBody,
      status: 201,
      errors: [409, 422, 502],
      example: { url: 'https://news.example.org/feed.xml', tags: ['news'] },
      response: z.strictObject({ feed: feedModel, item_count: z.int().min(0).nullable(), other_feeds: z.array(discoveredFeedModel), via_page: z.boolean() }),
      async handler({ body, user, c }) {
        const outcome = await deps.subscriptions.subscribe(user.id, body.url, { check: body.check, ...(body.title === undefined ? {} : { title: body.title }), ...(body.tags === undefined ? {} : { tags: body.tags }) });
        c.header('Location', `/api/v1/feeds/${outcome.feed.id}`);
        const others = await Promise.all(outcome.others.map((f) => withSubscription(deps, user.id, f)));
        return { feed: await present(outcome.feed, user.id), item_count: outcome.itemCount, other_feeds: others, via_page: outcome.viaPage };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/feeds/discover',
      operationId: 'discoverFeeds',
      summary: 'What a URL offers: itself as a feed, or the feeds its page links to',
      description: 'Subscribes to nothing. `kind` is `feed` (one entry in `feeds`) or `page` (every feed the page announces, in page order).',
      tag: TAG,
      body: z.strictObject({ url }),
      errors: [422, 502],
      example: { url: 'https://news.example.org/' },
      response: z.strictObject({ kind: z.enum(['feed', 'page']), item_count: z.int().min(0).nullable(), feeds: z.array(discoveredFeedModel) }),
      async handler({ body, user }) {
        const found = await deps.subscriptions.discover(body.url);
        if (found.kind === 'feed') return { kind: 'feed' as const, item_count: found.itemCount, feeds: [await withSubscription(deps, user.id, { url: found.url, title: found.title, type: null })] };
        return { kind: 'page' as const, item_count: null, feeds: await Promise.all(found.feeds.map((f) => withSubscription(deps, user.id, f))) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/feeds/:id',
      operationId: 'getFeed',
      summary: 'One subscription with its fetch status and counts',
      tag: TAG,
      params: feedParams,
      response: feedModel,
      handler: async ({ params, user }) => present(await requireFeed(user.id, params.id), user.id),
    }),
    defineRoute({
      method: 'patch',
      path: '/feeds/:id',
      operationId: 'updateFeed',
      summary: "Change a subscription's settings",
      description: 'title and tags are your own. fulltext, intervals and enabled change how the shared feed is fetched for every subscriber: only an admin or the only subscriber may change them (403).',
      tag: TAG,
      errors: [403],
      params: feedParams,
      body: patchBody,
      example: { title: 'Harbour Daily', tags: ['news', 'city'], fulltext: 'always', min_interval_minutes: 30, enabled: true },
      response: feedModel,
      async handler({ params, body, user }) {
        const feed = await requireFeed(user.id, params.id);
        const fetching = fetchPatch(feed, body);
        if (Object.keys(fetching).length > 0) {
          await assertMayChangeFetching(deps.store, user, feed.id);
          await deps.store.feeds.update(feed.id, fetching);
        }
        const own = ownPatch(body);
        if (Object.keys(own).length > 0) await deps.store.subscriptions.update(user.id, feed.id, own);
        return present(await requireFeed(user.id, feed.id), user.id);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/feeds/:id',
      operationId: 'deleteFeed',
      summary: 'Unsubscribe (its articles stay in the archive; it is fetched on while anyone else subscribes)',
      tag: TAG,
      params: feedParams,
      status: 204,
      async handler({ params, user }) {
        await deps.store.subscriptions.remove(user.id, (await requireFeed(user.id, params.id)).id);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/feeds/:id/refresh',
      operationId: 'refreshFeed',
      summary: 'Fetch this feed soon: queues a refresh job',
      description: 'Returns at once; the job runs in the background. Asking again while it is queued is a no-op.',
      tag: TAG,
      params: feedParams,
      status: 202,
      response: z.strictObject({ feed_id: z.int().min(1), job_id: z.string() }),
      async handler({ params, user }) {
        const feed = await requireFeed(user.id, params.id);
        const jobId = refreshJobId(feed.id);
        await deps.queue.add('refreshFeed', { feedId: feed.id }, { jobId });
        return { feed_id: feed.id, job_id: jobId };
      },
    }),
  ];
}

function isHttpUrl(text: string): boolean {
  try {
    httpUrl(text);
    return true;
  } catch {
    return false;
  }
}

/** A discovered feed, with the id of the user's own subscription to it (never whether someone else has it). */
async function withSubscription(deps: ServeDeps, userId: number, f: { url: string; title: string | null; type: 'rss' | 'atom' | 'rdf' | 'json' | null }): Promise<z.input<typeof discoveredFeedModel>> {
  const existing = await deps.store.feeds.getByUrl(f.url);
  const mine = existing === null ? null : await deps.store.subscriptions.get(userId, existing.id);
  return { url: f.url, title: f.title, type: f.type, subscribed_feed_id: mine?.id ?? null };
}

function ownPatch(body: z.output<typeof patchBody>): SubscriptionPatch {
  const patch: SubscriptionPatch = {};
  if (body.title !== undefined) patch.titleOverride = body.title === null || body.title === '' ? null : body.title;
  if (body.tags !== undefined) patch.tags = [...new Set(body.tags)];
  return patch;
}

function fetchPatch(feed: Subscription, body: z.output<typeof patchBody>): FeedPatch {
  const patch: FeedPatch = {};
  if (body.fulltext !== undefined) patch.fulltext = body.fulltext;
  if (body.enabled !== undefined) patch.enabled = body.enabled;
  if (body.min_interval_minutes !== undefined) patch.minIntervalMs = body.min_interval_minutes === null ? null : body.min_interval_minutes * 60_000;
  if (body.max_interval_minutes !== undefined) patch.maxIntervalMs = body.max_interval_minutes === null ? null : body.max_interval_minutes * 60_000;
  const min = patch.minIntervalMs !== undefined ? patch.minIntervalMs : feed.minIntervalMs;
  const max = patch.maxIntervalMs !== undefined ? patch.maxIntervalMs : feed.maxIntervalMs;
  if (min !== null && max !== null && min > max) {
    throw new FeedkeeperError('USAGE', `min_interval_minutes: expected at most max_interval_minutes (${max / 60_000}), got ${min / 60_000}`);
  }
  return patch;
}
