/**
 * EntryRepo (SQLite and PostgreSQL): the reader's lists, single entries and their revisions, and each user's
 * read/starred marks. A list pages newest first by (published_at, id) with a keyset cursor, so a
 * page costs the same at the end of a 200,000-article archive as at its start; marking all read is
 * one INSERT … SELECT … ON CONFLICT per slice of ids, so no entry passes through JavaScript.
 * Read and starred are per user: a state row exists only for entries a user has marked, and only
 * entries the user's subscriptions reach can be marked.
 */
import type { EntryFilter, EntryListOptions, EntryPage, EntryRepo } from '../store.js';
import { sql } from 'kysely';
import { guard, writeTransaction } from './context.js';
import { withReadCounts } from './counts.js';
import type { Db, StoreContext } from './context.js';
import { crawlMethods } from './entry-crawl.js';
import { checkListOptions, decodeCursor, encodeCursor, idSlices, matchingEntries } from './entry-query.js';
import { reachesA } from './reach.js';
import { inScope, loadEntry, loadRevision, loadSummaries } from './entry-rows.js';

export function createEntryRepo(ctx: StoreContext): EntryRepo {
  return {
    ...crawlMethods(ctx),
    // async so a bad limit or cursor rejects the promise rather than throwing at the call.
    list: async (filter, opts) => {
      checkListOptions(opts);
      const cursor = decodeCursor(opts.cursor, opts.order ?? 'newest');
      const after = cursor === null ? null : { published_at: cursor.p, id: cursor.id };
      return guard(ctx, undefined, () => listEntries(ctx.db, filter, opts, after));
    },
    get: (scope, id) => guard(ctx, undefined, () => loadEntry(ctx.db, scope, id)),
    revision: (scope, id, revision) => guard(ctx, undefined, async () => ((await inScope(ctx.db, scope, id)) ? loadRevision(ctx.db, id, revision) : null)),
    mark: (userId, ids, change) => writeTransaction(ctx, `marking entries of user ${userId}`, (db) => markEntries(db, userId, ids, change, ctx.clock.now())),
    markAllRead: (filter) => writeTransaction(ctx, `marking all read for user ${filter.userId}`, (db) => markAllRead(db, filter, ctx.clock.now())),
    unreadCounts: (userId) => guard(ctx, undefined, () => unreadCounts(ctx.db, userId)),
  };
}

interface Position {
  id: number;
  published_at: number;
}

async function listEntries(db: Db, filter: EntryFilter, opts: EntryListOptions, after: Position | null): Promise<EntryPage> {
  const found: Position[] = [];
  const oldest = opts.order === 'oldest';
  // One query per slice of an ids filter, each giving its own first `limit + 1`; the merge of
  // those is the page. The extra row tells whether another page follows.
  for (const ids of idSlices(filter.ids)) found.push(...(await pagePositions(db, filter, ids, after, opts.limit + 1, oldest)));
  found.sort((x, y) => (oldest ? -1 : 1) * (y.published_at - x.published_at || y.id - x.id));
  const page = found.slice(0, opts.limit);
  const entries = await loadSummaries(db, filter.userId, page.map((p) => p.id), opts.withContent === true);
  const last = page.at(-1);
  return { entries, nextCursor: found.length > opts.limit && last !== undefined ? encodeCursor({ p: last.published_at, id: last.id, ...(oldest ? { o: 'oldest' as const } : {}) }) : null };
}

async function pagePositions(db: Db, filter: EntryFilter, ids: readonly number[] | undefined, after: Position | null, limit: number, oldest: boolean): Promise<Position[]> {
  let query = matchingEntries(db, filter, ids).select(['a.id', 'a.published_at']);
  const [edge, past, order] = oldest ? (['>=', '>', 'asc'] as const) : (['<=', '<', 'desc'] as const);
  if (after !== null) {
    // Spelled as a range on published_at plus the tie-break, so SQLite seeks in the index.
    query = query
      .where('a.published_at', edge, after.published_at)
      .where((eb) => eb.or([eb('a.published_at', past, after.published_at), eb('a.id', past, after.id)]));
  }
  return query.orderBy('a.published_at', order).orderBy('a.id', order).limit(limit).execute();
}

async function markEntries(db: Db, userId: number, ids: readonly number[], change: { read?: boolean; starred?: boolean }, now: number): Promise<number> {
  const stamp = (on: boolean | undefined) => (on === true ? now : null);
  const update = {
    ...(change.read === undefined ? {} : { read_at: stamp(change.read) }),
    ...(change.starred === undefined ? {} : { starred_at: stamp(change.starred) }),
  };
  let existing = 0;
  for (const slice of idSlices(ids)) {
    if (slice === undefined) continue;
    const articles = db.selectFrom('articles as a').where('a.id', 'in', slice).where(reachesA(userId));
    if (Object.keys(update).length === 0) {
      const row = await articles.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      existing += Number(row.n);
      continue;
    }
    // A new state row gets null for what the change leaves alone (unread, not starred), which is
    // what no row meant; an existing row changes only what the change names.
    const upsert = async () => {
      const result = await db
        .insertInto('entry_states')
        .columns(['user_id', 'article_id', 'read_at', 'starred_at'])
        .expression(articles.select((eb) => [eb.cast(eb.val(userId), 'bigint').as('user_id'), 'a.id', eb.cast(eb.val(stamp(change.read)), 'bigint').as('read_at'), eb.cast(eb.val(stamp(change.starred)), 'bigint').as('starred_at')]))
        .onConflict((oc) => oc.columns(['user_id', 'article_id']).doUpdateSet(update))
        .executeTakeFirst();
      // Ids are unique per slice, so each existing article is exactly one insert or one update.
      existing += Number(result.numInsertedOrUpdatedRows ?? 0n);
    };
    if (change.read === undefined) await upsert();
    else {
      const flipping = db
        .selectFrom('articles as a')
        .leftJoin('entry_states as s', (join) => join.onRef('s.article_id', '=', 'a.id').on('s.user_id', '=', userId))
        .where('a.id', 'in', slice)
        .where(reachesA(userId))
        .where('s.read_at', change.read ? 'is' : 'is not', null)
        .select('a.id');
      await withReadCounts(db, userId, change.read ? 1 : -1, flipping, upsert);
    }
  }
  return existing;
}

async function markAllRead(db: Db, filter: EntryFilter, now: number): Promise<number> {
  let changed = 0;
  for (const ids of idSlices(filter.ids)) {
    const unread = matchingEntries(db, filter, ids).where('s.read_at', 'is', null).select('a.id');
    changed += await withReadCounts(db, filter.userId, 1, unread, async () => {
      await sql`insert into entry_states (user_id, article_id, read_at) select cast(${filter.userId} as bigint), id, cast(${now} as bigint) from changed_reads where true
        on conflict (user_id, article_id) do update set read_at = excluded.read_at`.execute(db);
    });
  }
  return changed;
}

/** From the counters of migrations 005 and 006 (counts.ts): a few rows whatever the archive's size. */
async function unreadCounts(db: Db, userId: number): Promise<Map<number, number>> {
  const perFeed = await db
    .selectFrom('subscriptions as sub')
    .innerJoin('feeds as f', 'f.id', 'sub.feed_id')
    .leftJoin('feed_read_counts as r', (join) => join.onRef('r.feed_id', '=', 'f.id').on('r.user_id', '=', userId))
    .select((eb) => ['f.id', eb('f.article_count', '-', eb.fn.coalesce('r.read', eb.val(0))).as('n')])
    .where('sub.user_id', '=', userId)
    .execute();
  const user = await db.selectFrom('users').select('reach_unread').where('id', '=', userId).executeTakeFirst();
  const counts = new Map<number, number>([[0, user?.reach_unread ?? 0]]);
  for (const row of perFeed) if (Number(row.n) > 0) counts.set(row.id, Number(row.n));
  return counts;
}
