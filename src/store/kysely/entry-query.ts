/**
 * Which articles an EntryFilter matches, as one Kysely query over `articles a` with the user's
 * state row `s` left-joined, shared by the entry list (which selects ids from it) and markAllRead
 * (which inserts states from it), so a list and "mark all read" can never disagree. Also the
 * list's keyset cursor and its limits.
 *
 * Speed at 200,000 articles: the list walks articles_published_at newest first and stops at the
 * page, probing the state row, the feed link and the tags by index. So feed, tag and "read" filters
 * are correlated EXISTS: as `a.id in (…)` or a join, SQLite drives the query from the feed's (or
 * the user's read) rows instead and sorts all of them for every page (60 ms a page for a feed of
 * 4,000, more for bigger ones). Starred is the exception: few entries are starred, so the join
 * that lets SQLite start from entry_states_starred is the fast plan. Only ids and dates come out
 * of this query; the page's text is loaded afterwards (entry-rows.ts).
 *
 * Every list is limited to what the user's subscriptions reach: a feed filter only for a feed the
 * user subscribes to, a tag filter through the user's own tags, otherwise an EXISTS over the
 * article's feed links joined to the user's subscriptions (two index probes per row walked).
 */
import { FeedkeeperError } from '../../core/index.js';
import type { EntryFilter, EntryListOptions } from '../store.js';
import type { Db } from './context.js';
import { reachesA } from './reach.js';

const MAX_LIMIT = 500;
/** SQLite limits bound parameters per statement; an `ids` filter is asked in slices of this size. */
const ID_SLICE = 500;

/** The articles `filter` matches, restricted to `ids` when given (one slice of filter.ids). */
export function matchingEntries(db: Db, filter: EntryFilter, ids?: readonly number[]) {
  const { userId } = filter;
  let query = db
    .selectFrom('articles as a')
    .leftJoin('entry_states as s', (join) => join.onRef('s.article_id', '=', 'a.id').on('s.user_id', '=', userId));
  const { feedId, tag } = filter;
  if (feedId !== undefined) {
    query = query
      // Not correlated: SQLite evaluates it once per statement.
      .where((eb) => eb.exists(eb.selectFrom('subscriptions as sub').select('sub.feed_id').where('sub.user_id', '=', userId).where('sub.feed_id', '=', feedId)))
      .where((eb) =>
        eb.exists(eb.selectFrom('feed_articles as fa').select('fa.article_id').where('fa.feed_id', '=', feedId).whereRef('fa.article_id', '=', 'a.id')),
      );
  }
  if (tag !== undefined) {
    // The user's tags exist only on the user's subscriptions, so this is within reach too.
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('feed_articles as ft')
          .innerJoin('subscription_tags as t', (join) => join.onRef('t.feed_id', '=', 'ft.feed_id').on('t.user_id', '=', userId))
          .select('ft.article_id')
          .where('t.tag', '=', tag)
          .whereRef('ft.article_id', '=', 'a.id'),
      ),
    );
  }
  if (feedId === undefined && tag === undefined) query = query.where(reachesA(userId));
  if (filter.read === false) query = query.where('s.read_at', 'is', null);
  if (filter.read === true) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('entry_states as r').select('r.article_id').where('r.user_id', '=', userId).whereRef('r.article_id', '=', 'a.id').where('r.read_at', 'is not', null)),
    );
  }
  if (filter.starred !== undefined) query = query.where('s.starred_at', filter.starred ? 'is not' : 'is', null);
  if (filter.sinceMs !== undefined) query = query.where('a.published_at', '>=', filter.sinceMs);
  if (filter.untilMs !== undefined) query = query.where('a.published_at', '<', filter.untilMs);
  if (filter.crawledSinceMs !== undefined) query = query.where('a.created_at', '>=', filter.crawledSinceMs);
  if (filter.crawledUntilMs !== undefined) query = query.where('a.created_at', '<', filter.crawledUntilMs);
  if (filter.maxId !== undefined) query = query.where('a.id', '<=', filter.maxId);
  if (ids !== undefined) query = query.where('a.id', 'in', ids);
  return query;
}


/**
 * The slices of filter.ids to run the query once for: `[undefined]` (once, unrestricted) when the
 * filter has no ids, none at all when it has an empty list (it matches nothing).
 */
export function idSlices(ids: readonly number[] | undefined): Array<readonly number[] | undefined> {
  if (ids === undefined) return [undefined];
  const unique = [...new Set(ids)];
  const slices: Array<readonly number[]> = [];
  for (let i = 0; i < unique.length; i += ID_SLICE) slices.push(unique.slice(i, i + ID_SLICE));
  return slices;
}

/** The position after the last entry of a page: its published time and id, and (oldest first only) the order. */
export interface EntryCursor {
  p: number;
  id: number;
  o?: 'oldest';
}

export function encodeCursor(cursor: EntryCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(cursor: string | null, order: 'newest' | 'oldest' = 'newest'): EntryCursor | null {
  if (cursor === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    // not base64url JSON: the error below says so
  }
  if (typeof value === 'object' && value !== null && 'p' in value && 'id' in value && Number.isSafeInteger(value.p) && Number.isSafeInteger(value.id)) {
    const found: 'newest' | 'oldest' = 'o' in value && value.o === 'oldest' ? 'oldest' : 'newest';
    // A cursor continues the order it came from; used in the other it would skip or repeat entries.
    if (found !== order) {
      throw new FeedkeeperError('USAGE', `entry list: this cursor belongs to a ${found}-first list, not a ${order}-first one; start from the first page`, { details: { cursor } });
    }
    return { p: value.p as number, id: value.id as number };
  }
  throw new FeedkeeperError('USAGE', `entry list: the cursor "${cursor.slice(0, 40)}" is not one an entry list returned; start from the first page`, {
    details: { cursor },
  });
}

export function checkListOptions(opts: EntryListOptions): void {
  if (!Number.isSafeInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_LIMIT) {
    throw new FeedkeeperError('USAGE', `entry list: expected limit to be an integer from 1 to ${MAX_LIMIT}, got ${String(opts.limit)}`, {
      details: { limit: opts.limit },
    });
  }
}
