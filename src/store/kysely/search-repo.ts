/**
 * SearchRepo over an index of our analyzer's tokens (search-terms.ts), the same on every backend
 * except for how the index is written and matched (`SearchIndex`: FTS5 in sqlite/sqlite-search.ts,
 * tsvector columns in postgres/pg-search.ts). `search` turns the parsed query into one match
 * predicate plus date filters, ranks by the backend's score with title weighted up and the newer
 * article breaking ties (article ids grow with time), and pages with an opaque cursor (an offset
 * for relevance, a keyset for date order).
 */
import { R_TEXT_COLUMNS, REVISIONS_TEXT_COLUMNS, revisionName, textsOf, type TextColumns } from './revision-texts.js';
import { sql, type RawBuilder } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import { ANALYZER_VERSION, articleStreams, feedResolver, namesFeeds, type FieldStreams, type QueryAst, type SearcherFeed } from '../../search/index.js';
import type { EntryScope, SearchHit, SearchOptions, SearchPage, SearchRepo } from '../store.js';
import { guard, writeTransaction, type Db, type StoreContext } from './context.js';
import { feedNames, reaches, shownFeed } from './reach.js';
import { loadSubscriptionTags } from './rows.js';
import type { FeedLeafResolver } from './search-terms.js';

/** How one backend's index is queried. */
export interface SearchIndex {
  /** The index table as a FROM item (with its alias, if any). */
  readonly table: RawBuilder<unknown>;
  /** The article id column of `table`. */
  readonly id: RawBuilder<number>;
  /** True for the rows that match the query as this searcher asks it. */
  match(ast: QueryAst, feeds: FeedLeafResolver): RawBuilder<boolean>;
  /** Relevance of a matching row; higher is better. */
  score(ast: QueryAst, feeds: FeedLeafResolver): RawBuilder<number>;
  /**
   * How a relevance page is read. 'steps': the count, the window's floor and the ranked page are
   * three statements, for an index that counts a doclist and walks matches newest first cheaply
   * (FTS5). 'collected': one statement collects the matching ids once (a GIN bitmap) and counts,
   * cuts the window and ranks from them, for an index where testing a row may read a large value
   * (a phrase's recheck reads the body tsvector), which three statements would do three times;
   * `score` then reads `rankTable`, left-joined to the window's ids on `rankId`.
   */
  readonly relevancePlan: { kind: 'steps' } | { kind: 'collected'; rankTable: RawBuilder<unknown>; rankId: RawBuilder<number> };
  /** Runs the statements of one search (PostgreSQL: a read-only transaction that keeps the planner on the indexes). */
  read<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * Relevance ranks the newest `relevanceWindow` matches and lists any older matches after them,
 * newest first. Ranking costs per match, and a common character can match most of a 200,000-
 * article archive; in a news archive the newest of those are the ones worth ranking. Totals stay
 * exact. Hits are found in the index alone and joined to their articles afterwards, so large
 * articles are read only for the page shown.
 */
export const RELEVANCE_WINDOW = 1_000;

export function createSearchRepo(ctx: StoreContext, index: SearchIndex, relevanceWindow: number): SearchRepo {
  return {
    search: (query, opts) => guard(ctx, undefined, () => index.read(ctx.db, (db) => search(db, index, query, opts, relevanceWindow))),
    reindex: (onProgress) => reindex(ctx, onProgress),
    indexedVersion: () =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db.selectFrom('search_meta').select('value').where('key', '=', 'analyzer_version').executeTakeFirst();
        return row === undefined ? null : Number(row.value);
      }),
  };
}

/** The latest revision's fields an index entry is made of, and the article's feed ids; undefined for no such article. */
export async function indexSource(db: Db, articleId: number, streams?: readonly FieldStreams[]): Promise<{ streams: readonly FieldStreams[]; feedIds: number[] } | undefined> {
  if (streams !== undefined) return { streams, feedIds: await articleFeedIds(db, articleId) };
  const article = await db
    .selectFrom('articles')
    .innerJoin('revisions', (j) => j.onRef('revisions.article_id', '=', 'articles.id').onRef('revisions.revision', '=', 'articles.latest_revision'))
    .select(['articles.title', 'articles.author', 'articles.latest_revision', ...REVISIONS_TEXT_COLUMNS])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (article === undefined) return undefined;
  const { cleanText } = textsOf(article, revisionName(articleId, article.latest_revision));
  return { streams: articleStreams({ title: article.title, author: article.author, cleanText }), feedIds: await articleFeedIds(db, articleId) };
}

async function articleFeedIds(db: Db, articleId: number): Promise<number[]> {
  const feeds = await db.selectFrom('feed_articles').select('feed_id').where('article_id', '=', articleId).orderBy('feed_id').execute();
  return feeds.map((f) => f.feed_id);
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
export async function markFreshIndex(ctx: StoreContext): Promise<void> {
  const any = await ctx.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any !== undefined) return;
  await writeAnalyzerVersion(ctx.db);
}

/** Records that the index was built by this analyzer version (an empty archive's, or after a full reindex). */
export async function writeAnalyzerVersion(db: Db): Promise<void> {
  const value = String(ANALYZER_VERSION);
  await db.insertInto('search_meta').values({ key: 'analyzer_version', value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
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

async function search(db: Db, index: SearchIndex, ast: QueryAst, opts: SearchOptions, window: number): Promise<SearchPage> {
  const cursor = decodeCursor(opts.cursor, opts.sort);
  const feeds = await resolverFor(db, ast, opts.scope);
  const dated = ast.publishedFrom !== null || ast.publishedBefore !== null;
  const joined = sql`${index.table} join articles a on a.id = ${index.id}`;
  const from = dated ? joined : index.table;
  const where = sql.join(
    [
      index.match(ast, feeds),
      // What the user's subscriptions reach (a correlated probe per match, by index).
      ...(opts.scope.archive === true ? [] : [reaches(opts.scope.userId, index.id)]),
      ...(ast.publishedFrom === null ? [] : [sql`a.published_at >= ${ast.publishedFrom}`]),
      ...(ast.publishedBefore === null ? [] : [sql`a.published_at < ${ast.publishedBefore}`]),
    ],
    sql` and `,
  );
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db)).rows[0]?.n ?? 0);
  if (opts.sort === 'date') {
    const total = await count();
    const after = cursor && 'p' in cursor ? sql`and (a.published_at < ${cursor.p} or (a.published_at = ${cursor.p} and a.id < ${cursor.id}))` : sql``;
    const { rows } = await sql<{ id: number; score: number }>`select a.id, 0 as score from ${joined}
      where ${where} ${after} order by a.published_at desc, a.id desc limit ${opts.limit}`.execute(db);
    const hits = await loadHits(db, rows, opts.scope);
    const last = hits.at(-1);
    return { total, hits, nextCursor: hits.length === opts.limit && last ? encodeCursor({ p: last.publishedAt, id: last.articleId }) : null };
  }
  const offset = cursor && 'o' in cursor ? cursor.o : 0;
  const matches: Matches = { id: index.id, score: index.score(ast, feeds), from, where, window };
  const plan = index.relevancePlan;
  const { total, page } = plan.kind === 'collected' ? await collectedPage(db, matches, plan, offset, opts.limit) : await steppedPage(db, matches, await count(), offset, opts.limit);
  const hits = await loadHits(db, page, opts.scope);
  return { total, hits, nextCursor: offset + hits.length < total && hits.length > 0 ? encodeCursor({ o: offset + hits.length }) : null };
}

/** `limit` matches from `offset` of: the newest `window` by score, then the older ones, newest first. */
interface Matches { id: RawBuilder<number>; score: RawBuilder<number>; from: RawBuilder<unknown>; where: RawBuilder<unknown>; window: number }
interface RankedPage { total: number; page: Array<{ id: number; score: number }> }

/** The 'steps' plan: the count given, the window's floor by a newest-first walk, then the page. */
async function steppedPage(db: Db, { id, score, from, where, window }: Matches, total: number, offset: number, limit: number): Promise<RankedPage> {
  let floor = 0;
  if (total > window) {
    const { rows } = await sql<{ id: number }>`select ${id} as id from ${from} where ${where} order by ${id} desc limit 1 offset ${window - 1}`.execute(db);
    floor = rows[0]?.id ?? 0;
  }
  const windowSize = Math.min(total, window);
  const out: Array<{ id: number; score: number }> = [];
  if (offset < windowSize) {
    const { rows } = await sql<{ id: number; score: number }>`select ${id} as id, ${score} as score from ${from}
      where ${where} and ${id} >= ${floor} order by score desc, ${id} desc limit ${limit} offset ${offset}`.execute(db);
    out.push(...rows);
  }
  if (out.length < limit && floor > 0) {
    const olderOffset = Math.max(0, offset - windowSize);
    const { rows } = await sql<{ id: number; score: number }>`select ${id} as id, ${score} as score from ${from}
      where ${where} and ${id} < ${floor} order by ${id} desc limit ${limit - out.length} offset ${olderOffset}`.execute(db);
    out.push(...rows);
  }
  return { total, page: out.map((row) => ({ id: row.id, score: Number(row.score) })) };
}

/**
 * The 'collected' plan, one statement: the matching ids collected once (m), the newest `window`
 * of them (w) ranked by their rows of `rankTable`, and the older ones by position in
 * m, newest first. A page never needs more than `limit` older ids: it takes them only once the
 * window is used up, and position max(offset, window) of the newest-first order is where they
 * start. Part -1 carries the total.
 */
async function collectedPage(db: Db, { id, score, from, where, window }: Matches, { rankTable, rankId }: { rankTable: RawBuilder<unknown>; rankId: RawBuilder<number> }, offset: number, limit: number): Promise<RankedPage> {
  const ranked = offset < window
    ? [sql`(select 0 as part, w.id, cast(${score} as double precision) as score from w left join ${rankTable} on ${rankId} = w.id order by score desc, w.id desc limit ${limit} offset ${offset})`]
    : [];
  const older = offset + limit > window ? [sql`(select 1 as part, id, cast(0 as double precision) as score from m order by id desc limit ${limit} offset ${Math.max(offset, window)})`] : [];
  const { rows } = await sql<{ part: number; id: number; score: number }>`with m as materialized (select ${id} as id from ${from} where ${where}),
    w as (select id from m order by id desc limit ${window})
    select -1 as part, count(*) as id, cast(0 as double precision) as score from m
    ${sql.join([...ranked, ...older].map((part) => sql`union all ${part}`), sql` `)}
    order by part, score desc, id desc`.execute(db);
  const total = Number(rows.find((row) => row.part === -1)?.id ?? 0);
  const page = rows.filter((row) => row.part !== -1).slice(0, limit).map((row) => ({ id: Number(row.id), score: Number(row.score) }));
  return { total, page };
}

/** The articles behind a page of matches, in the page's order, each under the feed an entry list shows it under (reach.ts). */
async function loadHits(db: Db, page: ReadonlyArray<{ id: number; score: number }>, scope: EntryScope): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'))
    .select(['a.id', 'a.title', 'a.link', 'a.published_at', 'a.latest_revision', ...R_TEXT_COLUMNS])
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

interface HitRow extends TextColumns { id: number; title: string; link: string; published_at: number; latest_revision: number; feed: string | null }

function toHit(row: HitRow, score: number): SearchHit {
  return { articleId: row.id, title: row.title, link: row.link, feed: row.feed, publishedAt: row.published_at, score, text: textsOf(row, revisionName(row.id, row.latest_revision)).cleanText ?? '' };
}

async function reindex(ctx: StoreContext, onProgress?: (done: number, total: number) => void): Promise<number> {
  const ids = (await guard(ctx, undefined, () => ctx.db.selectFrom('articles').select('id').orderBy('id').execute())).map((r) => r.id);
  const BATCH = 500;
  for (let i = 0; i < ids.length; i += BATCH) {
    await writeTransaction(ctx, 'this part of the reindex', async (db) => {
      for (const id of ids.slice(i, i + BATCH)) await ctx.indexArticle(db, id);
    });
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  await writeTransaction(ctx, 'the analyzer version', (db) => writeAnalyzerVersion(db));
  return ids.length;
}
