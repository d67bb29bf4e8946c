/**
 * ArticleRepo (SQLite and PostgreSQL): refreshes and imports (each one transaction), the export stream,
 * and the bookkeeping of which revisions already have a record file.
 * Revisions are read in pages by (article id, revision) keyset, never all at once, so exporting an
 * archive of hundreds of thousands of revisions keeps memory flat and writes can run in between.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { ArticleRepo, FeedFetchState, ImportResult, IncomingArticle, ReextractFilter, ReextractTarget, RefreshResult, RevisionFilter, StoredRevision } from '../store.js';
import { appendDerivedRevision } from './derived-revisions.js';
import { articleTarget, countStored, storeArticle, type StoreOutcome } from './article-writes.js';
import { guard, writeTransaction } from './context.js';
import { R_TEXT_COLUMNS, revisionName, textsOf } from './revision-texts.js';
import type { Db, StoreContext } from './context.js';
import { applyFetchState, requireFeed } from './feed-state.js';
import { firstOfEachKey, validateArticle, validateArticles } from './incoming.js';
import { revisionFromRow, selectRevisions } from './rows.js';

/** Folder for records that came from files rather than a feed. */
const IMPORTED_SLUG = 'imported';
const PAGE_SIZE = 500;

export function createArticleRepo(ctx: StoreContext): ArticleRepo {
  return {
    applyRefresh: (feedId, articles, state) => applyRefresh(ctx, feedId, articles, state),
    importRecord: (feedId, article, fetchedAt, opts) => importRecord(ctx, feedId, article, fetchedAt, opts?.feedSlug),
    latestHashes: (keys) => guard(ctx, undefined, () => latestHashes(ctx.db, keys)),
    revisions: (filter) => iterateRevisions(ctx, filter ?? {}),
    unarchived: (limit) =>
      guard(ctx, undefined, async () => {
        const rows = await selectRevisions(ctx.db).where('revisions.archived', '=', 0).limit(limit).execute();
        return rows.map(revisionFromRow);
      }),
    markArchived: (revisions) => markArchived(ctx, revisions),
    count: () => guard(ctx, undefined, () => countRows(ctx.db)),
    reextractTargets: (filter) => guard(ctx, undefined, () => reextractTargets(ctx.db, filter)),
    addReextraction: (articleId, basedOn, rev, atMs) =>
      writeTransaction(ctx, `the re-extraction of article ${articleId}`, (db) => appendDerivedRevision(db, ctx.indexArticle, articleId, rev, atMs, 'reextract', basedOn)),
  };
}

async function reextractTargets(db: Db, filter: ReextractFilter): Promise<ReextractTarget[]> {
  let query = db
    .selectFrom('articles as a')
    .innerJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'))
    .select(['a.id', 'a.link', 'a.latest_revision', 'r.title', ...R_TEXT_COLUMNS, 'r.extraction', 'r.warc_digest'])
    .where('a.id', '>', filter.afterId)
    .orderBy('a.id')
    .limit(filter.limit);
  if (filter.sinceMs !== undefined) query = query.where('a.published_at', '>=', filter.sinceMs);
  if (filter.feedId !== undefined) {
    const feedId = filter.feedId;
    query = query.where((eb) => eb.exists(eb.selectFrom('feed_articles as fx').select('fx.article_id').whereRef('fx.article_id', '=', 'a.id').where('fx.feed_id', '=', feedId)));
  }
  return (await query.execute()).map((r) => {
    const texts = textsOf(r, revisionName(r.id, r.latest_revision));
    return { articleId: r.id, link: r.link, title: r.title, revision: r.latest_revision, html: texts.html, fullHtml: texts.fullHtml, cleanHtml: texts.cleanHtml, extraction: r.extraction, warcDigest: r.warc_digest };
  });
}

async function applyRefresh(ctx: StoreContext, feedId: number, articles: IncomingArticle[], state: FeedFetchState): Promise<RefreshResult> {
  const doing = `refresh of feed ${feedId}`;
  validateArticles(articles, doing);
  const incoming = firstOfEachKey(articles);
  return writeTransaction(ctx, 'this refresh', async (db) => {
    const feed = await requireFeed(db, feedId, doing);
    const result: RefreshResult = { newArticles: 0, newRevisions: 0, unchanged: 0, written: [] };
    const outcomes: Array<StoreOutcome['outcome']> = [];
    const target = articleTarget({ feedId, feedSlug: feed.slug, fetchedAt: state.fetchedAt, knownHashes: 'latest', index: ctx.indexArticle });
    // The feed's own state first, so the articles' search entries see its current title.
    await applyFetchState(db, feed, state);
    for (const article of incoming) {
      const { outcome, revision } = await storeArticle(db, target, article);
      if (outcome === 'added') result.newArticles++;
      else if (outcome === 'revision') result.newRevisions++;
      else result.unchanged++;
      if (revision !== null) result.written.push(revision);
      outcomes.push(outcome);
    }
    await countStored(db, target, outcomes);
    return result;
  });
}

async function importRecord(ctx: StoreContext, feedId: number | null, article: IncomingArticle, fetchedAt: number, slug?: string): Promise<ImportResult> {
  validateArticle(article, 'import record');
  if (!Number.isSafeInteger(fetchedAt)) {
    throw new FeedkeeperError('RECORD_INVALID', `import record ${JSON.stringify(article.key)}: expected fetchedAt to be an integer (epoch ms), got ${String(fetchedAt)}`);
  }
  return writeTransaction(ctx, 'this import', async (db) => {
    const feedSlug = slug ?? (feedId === null ? IMPORTED_SLUG : (await requireFeed(db, feedId, `import record into feed ${feedId}`)).slug);
    const target = articleTarget({ feedId, feedSlug, fetchedAt, knownHashes: 'any', index: ctx.indexArticle });
    const stored = await storeArticle(db, target, article);
    await countStored(db, target, [stored.outcome]);
    return stored;
  });
}

async function latestHashes(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  // SQLite limits bound parameters per statement; ask in slices.
  for (let i = 0; i < keys.length; i += PAGE_SIZE) {
    const rows = await db.selectFrom('articles').select(['key', 'content_hash']).where('key', 'in', keys.slice(i, i + PAGE_SIZE)).execute();
    for (const row of rows) found.set(row.key, row.content_hash);
  }
  return found;
}

async function* iterateRevisions(ctx: StoreContext, filter: RevisionFilter): AsyncGenerator<StoredRevision> {
  let after: { articleId: number; revision: number } | null = null;
  for (;;) {
    const page = await guard(ctx, undefined, () => readRevisionPage(ctx.db, filter, after));
    for (const row of page) yield row;
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE_SIZE) return;
    after = { articleId: last.articleId, revision: last.revision };
  }
}

async function readRevisionPage(
  db: Db,
  filter: RevisionFilter,
  after: { articleId: number; revision: number } | null,
): Promise<StoredRevision[]> {
  let query = selectRevisions(db).limit(PAGE_SIZE);
  if (filter.sinceMs !== undefined) query = query.where('revisions.published_at', '>=', filter.sinceMs);
  if (filter.articleId !== undefined) query = query.where('revisions.article_id', '=', filter.articleId);
  if (filter.feedId !== undefined) {
    const feedId = filter.feedId;
    query = query.where('revisions.article_id', 'in', (eb) =>
      eb.selectFrom('feed_articles').select('feed_articles.article_id').where('feed_articles.feed_id', '=', feedId),
    );
  }
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('revisions.article_id', '>', after.articleId),
        eb.and([eb('revisions.article_id', '=', after.articleId), eb('revisions.revision', '>', after.revision)]),
      ]),
    );
  }
  return (await query.execute()).map(revisionFromRow);
}

async function markArchived(ctx: StoreContext, revisions: ReadonlyArray<{ articleId: number; revision: number }>): Promise<void> {
  if (revisions.length === 0) return;
  await writeTransaction(ctx, 'marking record files written', async (db) => {
    for (const { articleId, revision } of revisions) {
      const result = await db.updateTable('revisions').set({ archived: 1 }).where('article_id', '=', articleId).where('revision', '=', revision).executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        throw new FeedkeeperError('NOT_FOUND', `mark archived: no revision ${revision} of article ${articleId}`, { details: { articleId, revision } });
      }
    }
  });
}

/** From the counters counts.ts keeps (Prometheus asks on every scrape; a count(*) would scan). */
async function countRows(db: Db): Promise<{ articles: number; revisions: number }> {
  const rows = await db.selectFrom('archive_counts').select(['name', 'n']).execute();
  const n = (name: string) => rows.find((r) => r.name === name)?.n ?? 0;
  return { articles: n('articles'), revisions: n('revisions') };
}
