/**
 * SearchRepo over SQLite FTS5. `indexArticle` runs inside the caller's transaction whenever an
 * article or its feeds change; `search` turns the parsed query into one MATCH expression (fts.ts)
 * plus date filters, ranks by bm25 with title weighted up and the newer article breaking ties
 * (article ids grow with time), and pages with an opaque cursor (an offset for relevance, a keyset
 * for date order).
 */
import { sql, type RawBuilder } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import { ANALYZER_VERSION, feedResolver, namesFeeds, type QueryAst, type SearcherFeed } from '../../search/index.js';
import type { EntryScope, SearchHit, SearchOptions, SearchPage, SearchRepo } from '../store.js';
import { guard, writeTransaction, type Db, type SqliteContext } from './context.js';
import { feedNames, reaches, shownFeed } from './reach.js';
import { loadSubscriptionTags } from './rows.js';
import { BM25_WEIGHTS, feedIdStream, fieldStreams, matchExpression, type FeedLeafResolver } from './fts.js';

export function createSearchRepo(ctx: SqliteContext): SearchRepo {
  return {
    search: (query, opts) => guard(ctx, undefined, () => search(ctx.db, query, opts, ctx.relevanceWindow)),
    reindex: (onProgress) => reindex(ctx, onProgress),
    indexedVersion: () =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db.selectFrom('search_meta').select('value').where('key', '=', 'analyzer_version').executeTakeFirst();
        return row === undefined ? null : Number(row.value);
      }),
  };
}

/** (Re)writes one article's index entry from its latest revision and the ids of its feeds. */
export async function indexArticle(db: Db, articleId: number): Promise<void> {
  const article = await db
    .selectFrom('articles')
    .innerJoin('revisions', (j) => j.onRef('revisions.article_id', '=', 'articles.id').onRef('revisions.revision', '=', 'articles.latest_revision'))
    .select(['articles.title', 'articles.author', 'revisions.clean_text'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
  if (article === undefined) return;
  const feeds = await db.selectFrom('feed_articles').select('feed_id').where('article_id', '=', articleId).orderBy('feed_id').execute();
  const streams = [fieldStreams(article.title), fieldStreams(article.clean_text ?? ''), fieldStreams(article.author ?? '')].flatMap((s) => [s.phrase, s.unigrams]);
  await sql`insert into search_fts (rowid, t, tu, b, bu, a, au, f) values (${articleId}, ${sql.join(streams)}, ${feedIdStream(feeds.map((f) => f.feed_id))})`.execute(db);
}

/**
 * The feeds a searcher's feed: and tag: can name: their subscriptions by their own title and the
 * feed's, with their tags; in an admin's whole-archive search also every other feed by its title.
 */
async function searcherFeeds(db: Db, scope: EntryScope): Promise<SearcherFeed[]> {
  const rows = await db
    .selectFrom('feeds as f')
    .leftJoin('subscriptions as s', (join) => join.onRef('s.feed_id', '=', 'f.id').on('s.user_id', '=', scope.userId))
    .select(['f.id', 'f.title', 's.title_override', 's.user_id'])
    .$if(scope.archive !== true, (q) => q.where('s.user_id', 'is not', null))
    .execute();
  const tagsOf = await loadSubscriptionTags(db, scope.userId);
  return rows.map((r) => ({ id: r.id, names: [r.title_override, r.title], tags: tagsOf.get(r.id) ?? [] }));
}

async function resolverFor(db: Db, ast: QueryAst, scope: EntryScope): Promise<FeedLeafResolver> {
  return namesFeeds(ast) ? feedResolver(await searcherFeeds(db, scope)) : () => [];
}

/** A database with no articles has an index that is current by definition. */
export async function markFreshIndex(ctx: SqliteContext): Promise<void> {
  const any = await ctx.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any !== undefined) return;
  await ctx.db
    .insertInto('search_meta')
    .values({ key: 'analyzer_version', value: String(ANALYZER_VERSION) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(ANALYZER_VERSION) }))
    .execute();
}

/** A feed's links changed (it was removed): its articles' feed ids follow. */
export async function reindexArticles(db: Db, articleIds: readonly number[]): Promise<void> {
  for (const id of articleIds) await indexArticle(db, id);
}

type Cursor = { o: number } | { p: number; id: number };

function decodeCursor(cursor: string | null, sort: SearchOptions['sort']): Cursor | null {
  if (cursor === null) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (sort === 'relevance' && Number.isSafeInteger(value.o)) return { o: value.o as number };
    if (sort === 'date' && Number.isSafeInteger(value.p) && Number.isSafeInteger(value.id)) return { p: value.p as number, id: value.id as number };
  } catch {
    // fall through to the error below
  }
  throw new FeedkeeperError('QUERY_INVALID', `the cursor "${cursor.slice(0, 40)}" does not belong to a ${sort}-sorted search; start from the first page`);
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

/**
 * Relevance ranks the newest RELEVANCE_WINDOW matches by bm25 and lists any older matches after
 * them, newest first. bm25 costs per match, and a common character can match most of a 200,000-
 * article archive; in a news archive the newest of those are the ones worth ranking. Totals stay
 * exact (FTS5 counts a doclist cheaply). Hits are found in the index alone and joined to their
 * articles afterwards, so large articles are read only for the page shown.
 */
export const RELEVANCE_WINDOW = 1_000;

async function search(db: Db, ast: QueryAst, opts: SearchOptions, window: number): Promise<SearchPage> {
  const cursor = decodeCursor(opts.cursor, opts.sort);
  const match = matchExpression(ast, await resolverFor(db, ast, opts.scope));
  const dated = ast.publishedFrom !== null || ast.publishedBefore !== null;
  const from = dated ? sql`search_fts join articles a on a.id = search_fts.rowid` : sql`search_fts`;
  const where = sql.join(
    [
      sql`search_fts match ${match}`,
      // What the user's subscriptions reach (a correlated probe per match, by index).
      ...(opts.scope.archive === true ? [] : [reaches(opts.scope.userId, sql.ref('search_fts.rowid'))]),
      ...(ast.publishedFrom === null ? [] : [sql`a.published_at >= ${ast.publishedFrom}`]),
      ...(ast.publishedBefore === null ? [] : [sql`a.published_at < ${ast.publishedBefore}`]),
    ],
    sql` and `,
  );
  const { rows: counted } = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db);
  const total = Number(counted[0]?.n ?? 0);
  if (opts.sort === 'date') {
    const after = cursor && 'p' in cursor ? sql`and (a.published_at < ${cursor.p} or (a.published_at = ${cursor.p} and a.id < ${cursor.id}))` : sql``;
    const { rows } = await sql<{ id: number; score: number }>`select a.id, 0 as score from search_fts join articles a on a.id = search_fts.rowid
      where ${where} ${after} order by a.published_at desc, a.id desc limit ${opts.limit}`.execute(db);
    const hits = await loadHits(db, rows, opts.scope);
    const last = hits.at(-1);
    return { total, hits, nextCursor: hits.length === opts.limit && last ? encodeCursor({ p: last.publishedAt, id: last.articleId }) : null };
  }
  const offset = cursor && 'o' in cursor ? cursor.o : 0;
  const ids = await rankedPage(db, { from, where, total, window }, offset, opts.limit);
  const hits = await loadHits(db, ids, opts.scope);
  return { total, hits, nextCursor: offset + hits.length < total && hits.length > 0 ? encodeCursor({ o: offset + hits.length }) : null };
}

/** `limit` matches from `offset` of: the newest `window` by bm25, then the older ones, newest first. */
interface Matches { from: RawBuilder<unknown>; where: RawBuilder<unknown>; total: number; window: number }

async function rankedPage(db: Db, { from, where, total, window }: Matches, offset: number, limit: number): Promise<Array<{ id: number; score: number }>> {
  const rank = sql`bm25(search_fts, ${sql.join(BM25_WEIGHTS.map((w) => sql.lit(w)))})`;
  let floor = 0;
  if (total > window) {
    const { rows } = await sql<{ id: number }>`select search_fts.rowid as id from ${from} where ${where} order by search_fts.rowid desc limit 1 offset ${window - 1}`.execute(db);
    floor = rows[0]?.id ?? 0;
  }
  const windowSize = Math.min(total, window);
  const out: Array<{ id: number; score: number }> = [];
  if (offset < windowSize) {
    const { rows } = await sql<{ id: number; score: number }>`select search_fts.rowid as id, -${rank} as score from ${from}
      where ${where} and search_fts.rowid >= ${floor} order by ${rank}, search_fts.rowid desc limit ${limit} offset ${offset}`.execute(db);
    out.push(...rows);
  }
  if (out.length < limit && floor > 0) {
    const olderOffset = Math.max(0, offset - windowSize);
    const { rows } = await sql<{ id: number; score: number }>`select search_fts.rowid as id, -${rank} as score from ${from}
      where ${where} and search_fts.rowid < ${floor} order by search_fts.rowid desc limit ${limit - out.length} offset ${olderOffset}`.execute(db);
    out.push(...rows);
  }
  return out;
}

/** The articles behind a page of matches, in the page's order, each under the feed an entry list shows it under (reach.ts). */
async function loadHits(db: Db, page: ReadonlyArray<{ id: number; score: number }>, scope: EntryScope): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'))
    .select(['a.id', 'a.title', 'a.link', 'a.published_at', 'r.clean_text'])
    .select(shownFeed(scope).as('feed_id'))
    .where('a.id', 'in', page.map((p) => p.id))
    .execute();
  const names = await feedNames(db, scope.userId, rows.map((r) => r.feed_id));
  const byId = new Map(rows.map((r) => [r.id, { ...r, feed: r.feed_id === null ? null : (names.get(r.feed_id) ?? null) }]));
  return page.flatMap(({ id, score }) => {
    const row = byId.get(id);
    return row ? [toHit(row, score)] : [];
  });
}

interface HitRow { id: number; title: string; link: string; published_at: number; clean_text: string | null; feed: string | null }

function toHit(row: HitRow, score: number): SearchHit {
  return { articleId: row.id, title: row.title, link: row.link, feed: row.feed, publishedAt: row.published_at, score, text: row.clean_text ?? '' };
}

async function reindex(ctx: SqliteContext, onProgress?: (done: number, total: number) => void): Promise<number> {
  const ids = (await guard(ctx, undefined, () => ctx.db.selectFrom('articles').select('id').orderBy('id').execute())).map((r) => r.id);
  const BATCH = 500;
  for (let i = 0; i < ids.length; i += BATCH) {
    await writeTransaction(ctx, 'this part of the reindex', async (db) => {
      for (const id of ids.slice(i, i + BATCH)) await indexArticle(db, id);
    });
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  await writeTransaction(ctx, 'the analyzer version', (db) =>
    db.insertInto('search_meta').values({ key: 'analyzer_version', value: String(ANALYZER_VERSION) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: String(ANALYZER_VERSION) })).execute(),
  );
  return ids.length;
}
