/**
 * FeedRepo (SQLite and PostgreSQL): the archive's shared feeds, their fetch settings and fetch state. Names
 * and tags are each subscriber's (subscriptions.ts).
 * A feed's URL is unique (adding or moving to a known URL is a CONFLICT naming the holder).
 * A feed added without a slug gets its id as slug ("12"), fixed for its whole life.
 * Removing a feed deletes its row, its subscriptions and its links to articles; the articles and
 * revisions stay. Only feeds somebody subscribes to are due.
 */
import type { Updateable } from 'kysely';
import { unsubscribeAll } from './subscriptions.js';
import { FeedkeeperError } from '../../core/index.js';
import type { Feed, FeedFetchState, FeedPatch, FeedRepo, FeedWithCounts, NewFeed } from '../store.js';
import { guard, writeTransaction } from './context.js';
import type { Db, IndexArticle, StoreContext } from './context.js';
import { applyFetchState, requireFeed } from './feed-state.js';
import { feedFromRow, loadFeed } from './rows.js';
import type { FeedsTable, NewFeedRow } from './schema.js';

export function createFeedRepo(ctx: StoreContext): FeedRepo {
  return {
    add: (feed) => writeTransaction(ctx, `adding ${feed.url}`, (db) => addFeed(db, feed, ctx.clock.now())),
    get: (id) => guard(ctx, undefined, () => loadFeed(ctx.db, { id })),
    getByUrl: (url) => guard(ctx, undefined, () => loadFeed(ctx.db, { url })),
    list: () => guard(ctx, undefined, () => listFeeds(ctx.db)),
    update: (id, patch) => writeTransaction(ctx, `updating feed ${id}`, (db) => updateFeed(db, id, patch)),
    remove: (id) => writeTransaction(ctx, `removing feed ${id}`, (db) => removeFeed(db, id, ctx.indexArticle)),
    due: (nowMs, limit) => guard(ctx, undefined, () => dueFeeds(ctx.db, nowMs, limit)),
    recordFetch: (id, state) => writeTransaction(ctx, `this fetch of feed ${id}`, (db) => recordFetch(db, id, state)),
  };
}

async function addFeed(db: Db, feed: NewFeed, now: number): Promise<Feed> {
  if (typeof feed.url !== 'string' || feed.url === '') {
    throw new FeedkeeperError('USAGE', `add feed: expected a non-empty URL, got ${JSON.stringify(feed.url)}`);
  }
  await assertUrlFree(db, feed.url);
  const { id } = await db.insertInto('feeds').values(newFeedRow(feed, now)).returning('id').executeTakeFirstOrThrow();
  if (feed.slug === undefined || feed.slug === '') {
    await db.updateTable('feeds').set({ slug: String(id) }).where('id', '=', id).execute();
  }
  return requireLoaded(db, id);
}

function newFeedRow(feed: NewFeed, now: number): NewFeedRow {
  return {
    url: feed.url,
    title: feed.title ?? null,
    site_url: feed.siteUrl ?? null,
    slug: feed.slug ?? '',
    min_interval_ms: feed.minIntervalMs ?? null,
    max_interval_ms: feed.maxIntervalMs ?? null,
    user_agent: feed.userAgent ?? null,
    enabled: feed.enabled === false ? 0 : 1,
    fulltext: feed.fulltext ?? 'auto',
    watch: feed.watch ?? null,
    images: feed.images ?? null,
    created_at: now,
    last_status: 'never',
    consecutive_failures: 0,
    next_check_at: feed.nextCheckAt ?? now,
  };
}

async function assertUrlFree(db: Db, url: string, exceptId?: number): Promise<void> {
  const holder = await db.selectFrom('feeds').select('id').where('url', '=', url).executeTakeFirst();
  if (holder !== undefined && holder.id !== exceptId) {
    throw new FeedkeeperError('CONFLICT', `already subscribed to ${url} (feed ${holder.id})`, {
      details: { url, feedId: holder.id },
    });
  }
}

async function requireLoaded(db: Db, id: number): Promise<Feed> {
  const feed = await loadFeed(db, { id });
  if (feed === null) throw new FeedkeeperError('NOT_FOUND', `no feed with id ${id}`, { details: { feedId: id } });
  return feed;
}

async function listFeeds(db: Db): Promise<FeedWithCounts[]> {
  // article_count is kept by counts.ts: counting feed_articles here cost ~10 ms at 200,000 articles.
  const rows = await db
    .selectFrom('feeds')
    .selectAll('feeds')
    .select((eb) => eb.selectFrom('subscriptions as s').select(eb.fn.countAll<number>().as('n')).whereRef('s.feed_id', '=', 'feeds.id').as('subscribers'))
    .orderBy('feeds.id')
    .execute();
  return rows.map(({ subscribers, ...row }) => ({ ...feedFromRow(row), articleCount: row.article_count, subscribers: Number(subscribers ?? 0) }));
}

async function updateFeed(db: Db, id: number, patch: FeedPatch): Promise<Feed> {
  await requireFeed(db, id, `update feed ${id}`);
  if (patch.url !== undefined) await assertUrlFree(db, patch.url, id);
  const set = patchToRow(patch);
  if (Object.keys(set).length > 0) await db.updateTable('feeds').set(set).where('id', '=', id).execute();
  return requireLoaded(db, id);
}

function patchToRow(patch: FeedPatch): Updateable<FeedsTable> {
  const set: Updateable<FeedsTable> = {};
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.siteUrl !== undefined) set.site_url = patch.siteUrl;
  if (patch.minIntervalMs !== undefined) set.min_interval_ms = patch.minIntervalMs;
  if (patch.maxIntervalMs !== undefined) set.max_interval_ms = patch.maxIntervalMs;
  if (patch.userAgent !== undefined) set.user_agent = patch.userAgent;
  if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
  if (patch.fulltext !== undefined) set.fulltext = patch.fulltext;
  if (patch.watch !== undefined) set.watch = patch.watch;
  if (patch.images !== undefined) set.images = patch.images;
  if (patch.nextCheckAt !== undefined) set.next_check_at = patch.nextCheckAt;
  return set;
}

async function removeFeed(db: Db, id: number, index: IndexArticle): Promise<void> {
  await requireFeed(db, id, `remove feed ${id}`);
  const linked = (await db.selectFrom('feed_articles').select('article_id').where('feed_id', '=', id).execute()).map((r) => r.article_id);
  // Explicit deletes rather than relying on ON DELETE CASCADE alone, so the intent is visible here.
  await unsubscribeAll(db, id);
  await db.deleteFrom('feed_articles').where('feed_id', '=', id).execute();
  await db.updateTable('articles').set({ home_feed_id: null }).where('home_feed_id', '=', id).execute();
  await db.deleteFrom('feeds').where('id', '=', id).execute();
  // Its articles' search entries lose its feed id (feed: and tag: look for it).
  for (const articleId of linked) await index(db, articleId);
}

async function dueFeeds(db: Db, nowMs: number, limit: number): Promise<Feed[]> {
  const rows = await db
    .selectFrom('feeds')
    .selectAll()
    .where('enabled', '=', 1)
    .where('next_check_at', '<=', nowMs)
    .where((eb) => eb.exists(eb.selectFrom('subscriptions as s').select('s.user_id').whereRef('s.feed_id', '=', 'feeds.id')))
    .orderBy('next_check_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(feedFromRow);
}

async function recordFetch(db: Db, id: number, state: FeedFetchState): Promise<void> {
  const feed = await requireFeed(db, id, `record fetch of feed ${id}`);
  await applyFetchState(db, feed, state);
}
