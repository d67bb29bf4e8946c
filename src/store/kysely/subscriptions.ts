/**
 * SubscriptionRepo (SQLite and PostgreSQL): who reads which shared feed, under which name and tags. Every
 * call is scoped to one user, so another user's subscription looks exactly like none (NOT_FOUND
 * or null). Subscribing and unsubscribing move the user's unread total (counts.ts). Names and
 * tags are not in the search index (search resolves feed: and tag: to feed ids per searcher),
 * so changing them costs one row, whatever the size of the feed.
 */
import { sql } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import type { Subscription, SubscriptionPatch, SubscriptionRepo } from '../store.js';
import { guard, writeTransaction } from './context.js';
import type { Db, StoreContext } from './context.js';
import { countReach } from './counts.js';
import { feedName } from '../feed-name.js';
import { loadUser, noUser } from './users.js';
import { requireFeed } from './feed-state.js';
import { feedFromRow, loadSubscriptionTags } from './rows.js';

export function createSubscriptionRepo(ctx: StoreContext): SubscriptionRepo {
  return {
    add: (userId, feedId, settings) =>
      writeTransaction(ctx, `subscribing user ${userId} to feed ${feedId}`, (db) => addSubscription(db, userId, feedId, settings ?? {}, ctx.clock.now())),
    get: (userId, feedId) => guard(ctx, undefined, async () => (await loadSubscriptions(ctx.db, userId, feedId))[0] ?? null),
    list: (userId) => guard(ctx, undefined, () => loadSubscriptions(ctx.db, userId)),
    update: (userId, feedId, patch) => writeTransaction(ctx, `updating the subscription of user ${userId} to feed ${feedId}`, (db) => updateSubscription(db, userId, feedId, patch)),
    remove: (userId, feedId) => writeTransaction(ctx, `unsubscribing user ${userId} from feed ${feedId}`, (db) => removeSubscription(db, userId, feedId)),
    subscribers: (feedId) => guard(ctx, undefined, () => subscriberCount(ctx.db, feedId)),
    countsByUser: () =>
      guard(ctx, undefined, async () => {
        const rows = await ctx.db.selectFrom('subscriptions').select((eb) => ['user_id', eb.fn.countAll<number>().as('n')]).groupBy('user_id').execute();
        return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
      }),
  };
}

async function addSubscription(db: Db, userId: number, feedId: number, settings: SubscriptionPatch, now: number): Promise<Subscription> {
  if ((await loadUser(db, userId)) === null) throw noUser(userId, 'subscribe');
  const feed = await requireFeed(db, feedId, `subscribe user ${userId}`);
  const mine = (await loadSubscriptions(db, userId, feedId))[0];
  if (mine !== undefined) {
    throw new FeedkeeperError('CONFLICT', `already subscribed to ${feed.url} (feed ${feedId}, "${feedName(mine)}")`, { details: { feedId, url: feed.url } });
  }
  await db.insertInto('subscriptions').values({ user_id: userId, feed_id: feedId, title_override: settings.titleOverride ?? null, created_at: now }).execute();
  await replaceTags(db, userId, feedId, settings.tags ?? []);
  await countReach(db, feedId, 1, userId);
  // A feed nobody read any more was not fetched meanwhile: its first subscriber again has it checked now.
  if ((await subscriberCount(db, feedId)) === 1) {
    // Spelled as a CASE: SQLite's two-argument min() is PostgreSQL's least().
    await db.updateTable('feeds').set({ next_check_at: sql<number>`case when next_check_at < ${now} then next_check_at else ${now} end` }).where('id', '=', feedId).execute();
  }
  return requireSubscription(db, userId, feedId, 'subscribe');
}

async function updateSubscription(db: Db, userId: number, feedId: number, patch: SubscriptionPatch): Promise<Subscription> {
  await requireSubscription(db, userId, feedId, `update feed ${feedId}`);
  if (patch.titleOverride !== undefined) {
    await db.updateTable('subscriptions').set({ title_override: patch.titleOverride }).where('user_id', '=', userId).where('feed_id', '=', feedId).execute();
  }
  if (patch.tags !== undefined) await replaceTags(db, userId, feedId, patch.tags);
  return requireSubscription(db, userId, feedId, `update feed ${feedId}`);
}

async function removeSubscription(db: Db, userId: number, feedId: number): Promise<number> {
  await requireSubscription(db, userId, feedId, `unsubscribe from feed ${feedId}`);
  await countReach(db, feedId, -1, userId);
  await db.deleteFrom('subscriptions').where('user_id', '=', userId).where('feed_id', '=', feedId).execute();
  return subscriberCount(db, feedId);
}

/** The feed is being removed: every subscriber leaves it (their counters first). */
export async function unsubscribeAll(db: Db, feedId: number): Promise<void> {
  await countReach(db, feedId, -1);
  await db.deleteFrom('subscriptions').where('feed_id', '=', feedId).execute();
}

async function replaceTags(db: Db, userId: number, feedId: number, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('subscription_tags').where('user_id', '=', userId).where('feed_id', '=', feedId).execute();
  const unique = [...new Set(tags)];
  if (unique.length === 0) return;
  await db
    .insertInto('subscription_tags')
    .values(unique.map((tag, position) => ({ user_id: userId, feed_id: feedId, tag, position })))
    .execute();
}

async function requireSubscription(db: Db, userId: number, feedId: number, doing: string): Promise<Subscription> {
  const found = (await loadSubscriptions(db, userId, feedId))[0];
  // The same words as for a feed that does not exist: whether someone else subscribes is not this user's business.
  if (found === undefined) throw new FeedkeeperError('NOT_FOUND', `${doing}: no feed with id ${feedId}`, { details: { feedId } });
  return found;
}

async function subscriberCount(db: Db, feedId: number): Promise<number> {
  const row = await db.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('feed_id', '=', feedId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's subscriptions (one feed when feedId is given), by feed id, with their tags in order. */
async function loadSubscriptions(db: Db, userId: number, feedId?: number): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .innerJoin('feeds', 'feeds.id', 's.feed_id')
    .selectAll('feeds')
    .select(['s.title_override', 's.created_at as subscribed_at'])
    .where('s.user_id', '=', userId)
    .$if(feedId !== undefined, (q) => q.where('s.feed_id', '=', feedId as number))
    .orderBy('feeds.id')
    .execute();
  if (rows.length === 0) return [];
  const tags = await loadSubscriptionTags(db, userId, feedId);
  return rows.map(({ title_override, subscribed_at, ...row }) => ({
    ...feedFromRow(row),
    userId,
    titleOverride: title_override,
    tags: tags.get(row.id) ?? [],
    subscribedAt: subscribed_at,
    articleCount: row.article_count,
  }));
}
