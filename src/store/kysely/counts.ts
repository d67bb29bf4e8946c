/**
 * The counters of migration 005, and the only code that changes them. Each function runs inside
 * the caller's transaction, next to the change it counts, so a counter is never ahead of or behind
 * its rows:
 * - a new article or revision            → archive_counts
 * - a new link of an article to a feed   → feeds.article_count, and the feed's read count of every
 *                                          user who had already read the article
 * - an article going unread ↔ read       → feed_read_counts of its feeds, and users.reach_unread
 *                                          (marks only touch articles the user reaches)
 * - a new link, subscribing, unsubscribing → users.reach_unread: the distinct unread articles the
 *                                          user's subscriptions reach (an article in two of them once)
 * Removing a feed deletes its counts with it (foreign keys). Nothing else changes these rows;
 * reader-contract.ts checks them against a count from scratch after mixed operations.
 *
 * The SQL is what SQLite and PostgreSQL both accept: parameters in a select list are cast (PostgreSQL
 * would type them as text), a subquery in FROM has an alias, an upsert names the table of the
 * column it adds to (PostgreSQL finds `read` ambiguous beside `excluded.read`), the temp table is named
 * unqualified (both look in the session's temp schema first). CROSS JOIN fixes SQLite's join
 * order; PostgreSQL's planner ignores that hint.
 */
import { sql, type Expression } from 'kysely';
import type { Db } from './context.js';

export async function countArchive(db: Db, name: 'articles' | 'revisions', delta = 1): Promise<void> {
  await db.updateTable('archive_counts').set((eb) => ({ n: eb('n', '+', delta) })).where('name', '=', name).execute();
}

/**
 * What linking articles to one feed adds to the counters, gathered over a transaction by
 * countFeedLink and written once at its end by countLinks. Every refresh of a user's feeds adds to
 * that one users row, and an update locks the row until commit: an update per article would make
 * concurrent refreshes on PostgreSQL wait for each other's whole transaction, one at a time.
 */
export interface LinkTally {
  /** New feed_articles rows of the feed. */
  links: number;
  /** Of those, brand-new articles: every subscriber of the feed gains one unread. */
  fresh: number;
  /** Known articles newly linked: the subscribers who gain one unread, with how many, by user id. */
  gains: Map<number, number>;
}

export function emptyLinkTally(): LinkTally {
  return { links: 0, fresh: 0, gains: new Map() };
}

/**
 * The article was just linked to the feed (a new feed_articles row). A brand-new article has no
 * reads and no other links: every subscriber gains one unread, and nothing else needs asking. The
 * feed's and users' counts go into `tally`, for countLinks; a known article's per-feed read counts
 * (rows of this user and feed, which no other feed's refresh touches) are written now.
 */
export async function countFeedLink(db: Db, tally: LinkTally, feedId: number, articleId: number, isNew: boolean): Promise<void> {
  tally.links++;
  if (isNew) {
    tally.fresh++;
    return;
  }
  await sql`insert into feed_read_counts (user_id, feed_id, read)
    select s.user_id, cast(${feedId} as bigint), 1 from entry_states s where s.article_id = ${articleId} and s.read_at is not null
    on conflict (user_id, feed_id) do update set read = feed_read_counts.read + 1`.execute(db);
  // Subscribers who could not reach the article through another feed and have not read it.
  const { rows } = await sql<{ user_id: number }>`select s.user_id from subscriptions s where s.feed_id = ${feedId}
      and not exists (select 1 from entry_states e where e.user_id = s.user_id and e.article_id = ${articleId} and e.read_at is not null)
      and not exists (select 1 from feed_articles fb join subscriptions o on o.feed_id = fb.feed_id and o.user_id = s.user_id
        where fb.article_id = ${articleId} and fb.feed_id <> ${feedId})`.execute(db);
  for (const { user_id } of rows) tally.gains.set(Number(user_id), (tally.gains.get(Number(user_id)) ?? 0) + 1);
}

/** Writes what countFeedLink gathered for the feed: one update of the feed, and of each subscriber who gained. */
export async function countLinks(db: Db, feedId: number, tally: LinkTally): Promise<void> {
  if (tally.links === 0) return;
  await db.updateTable('feeds').set((eb) => ({ article_count: eb('article_count', '+', tally.links) })).where('id', '=', feedId).execute();
  if (tally.fresh > 0) {
    await sql`update users set reach_unread = reach_unread + cast(${tally.fresh} as bigint) where id in (select user_id from subscriptions where feed_id = ${feedId})`.execute(db);
  }
  // In id order, as the statement above is likely to lock them, so two refreshes meet in one order.
  for (const [userId, n] of [...tally.gains].sort(([a], [b]) => a - b)) {
    await db.updateTable('users').set((eb) => ({ reach_unread: eb('reach_unread', '+', n) })).where('id', '=', userId).execute();
  }
}

/**
 * Subscribers of the feed (one user, or all of them when the feed is removed) subscribe (delta 1)
 * or are about to stop (delta -1): its unread articles that no other subscription of theirs
 * reaches join or leave their unread totals. Call it after the subscription row is inserted, or
 * before it is deleted; it looks only at other feeds. One statement, however many subscribers.
 */
export async function countReach(db: Db, feedId: number, delta: 1 | -1, userId?: number): Promise<void> {
  await sql`update users set reach_unread = reach_unread + cast(${delta} as bigint) * (
    select count(*) from feed_articles fa where fa.feed_id = ${feedId}
      and not exists (select 1 from entry_states e where e.user_id = users.id and e.article_id = fa.article_id and e.read_at is not null)
      and not exists (select 1 from feed_articles fb cross join subscriptions o where o.feed_id = fb.feed_id and o.user_id = users.id
        and fb.article_id = fa.article_id and fb.feed_id <> ${feedId}))
    where id in (select user_id from subscriptions where feed_id = ${feedId}) ${userId === undefined ? sql`` : sql`and id = ${userId}`}`.execute(db);
}

/**
 * These articles went from unread to read (delta 1) or back (delta -1) for the user. The ids come
 * from the temp table `changed_reads` (one connection, one transaction: no one else sees it).
 */
async function countReadChanges(db: Db, userId: number, delta: 1 | -1): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from changed_reads`.execute(db);
  const n = Number(rows[0]?.n ?? 0);
  if (n === 0) return 0;
  await db
    .updateTable('users')
    .set((eb) => ({ reach_unread: eb('reach_unread', '-', delta * n) }))
    .where('id', '=', userId)
    .execute();
  // CROSS JOIN keeps this order: the planner has no statistics for the temp table and would
  // otherwise scan every feed link (10 ms at 200,000 articles) to find the few that changed.
  await sql`insert into feed_read_counts (user_id, feed_id, read)
    select cast(${userId} as bigint), fa.feed_id, cast(${delta} as bigint) * count(*) from changed_reads c cross join feed_articles fa where fa.article_id = c.id group by fa.feed_id
    on conflict (user_id, feed_id) do update set read = feed_read_counts.read + excluded.read`.execute(db);
  return n;
}

/**
 * Notes which of the user's entries are about to flip (the ids `selectChanging` gives, one column)
 * in the temp table changed_reads, runs `apply` (which may read that table to flip them), then counts
 * them. Returns how many flipped.
 */
export async function withReadCounts(db: Db, userId: number, delta: 1 | -1, selectChanging: Expression<unknown>, apply: () => Promise<void>): Promise<number> {
  await sql`create temp table if not exists changed_reads (id bigint primary key)`.execute(db);
  await sql`delete from changed_reads`.execute(db);
  await sql`insert into changed_reads (id) select id from ${selectChanging} as changing where true on conflict do nothing`.execute(db);
  await apply();
  const n = await countReadChanges(db, userId, delta);
  await sql`delete from changed_reads`.execute(db);
  return n;
}
