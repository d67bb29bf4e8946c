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
 * The article was just linked to the feed (a new feed_articles row). A brand-new article has no
 * reads and no other links: every subscriber gains one unread, and nothing else needs asking.
 */
export async function countFeedLink(db: Db, feedId: number, articleId: number, isNew: boolean): Promise<void> {
  await db.updateTable('feeds').set((eb) => ({ article_count: eb('article_count', '+', 1) })).where('id', '=', feedId).execute();
  if (isNew) {
    await sql`update users set reach_unread = reach_unread + 1 where id in (select user_id from subscriptions where feed_id = ${feedId})`.execute(db);
    return;
  }
  await sql`insert into feed_read_counts (user_id, feed_id, read)
    select s.user_id, cast(${feedId} as bigint), 1 from entry_states s where s.article_id = ${articleId} and s.read_at is not null
    on conflict (user_id, feed_id) do update set read = feed_read_counts.read + 1`.execute(db);
  // Subscribers who could not reach the article through another feed and have not read it.
  await sql`update users set reach_unread = reach_unread + 1 where id in (
    select s.user_id from subscriptions s where s.feed_id = ${feedId}
      and not exists (select 1 from entry_states e where e.user_id = s.user_id and e.article_id = ${articleId} and e.read_at is not null)
      and not exists (select 1 from feed_articles fb join subscriptions o on o.feed_id = fb.feed_id and o.user_id = s.user_id
        where fb.article_id = ${articleId} and fb.feed_id <> ${feedId}))`.execute(db);
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
