/**
 * Revisions that do not come from a feed item: what a page re-check found ('recheck') and what
 * re-extraction from a stored response made ('reextract'). Both keep the feed's HTML and the
 * article's feed hash (so the same feed item later stores nothing), add an 'edited' event that says
 * who made the revision, and update the search index (the backend's), inside the caller's transaction.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { Reextraction, RevisionSource, StoredRevision } from '../store.js';
import type { WatchEventKind } from '../watch.js';
import { insertRevision, toStored } from './article-writes.js';
import type { Db, IndexArticle } from './context.js';
import { countArchive } from './counts.js';
import { excerptOf, incomingTexts, revisionName, TEXT_COLUMNS, textsOf } from './revision-texts.js';

/** Adds the next revision; with `basedOn`, only while that is still the latest (null otherwise). */
export async function appendDerivedRevision(db: Db, indexArticle: IndexArticle, articleId: number, rev: Reextraction, at: number, source: Extract<RevisionSource, 'recheck' | 'reextract'>, basedOn?: number): Promise<StoredRevision | null> {
  const article = await db
    .selectFrom('articles')
    .select(['id', 'key', 'record_id', 'feed_slug', 'latest_revision', 'link', 'published_at', 'updated_at', 'author'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (article === undefined) throw new FeedkeeperError('NOT_FOUND', `article ${articleId} does not exist (removed meanwhile?)`);
  if (basedOn !== undefined && article.latest_revision !== basedOn) return null;
  const revision = article.latest_revision + 1;
  const latestRow = await db.selectFrom('revisions').select(TEXT_COLUMNS).where('article_id', '=', articleId).where('revision', '=', article.latest_revision).executeTakeFirstOrThrow();
  const latest = textsOf(latestRow, revisionName(articleId, article.latest_revision));
  const incoming = {
    key: article.key,
    title: rev.title,
    link: article.link,
    author: article.author,
    publishedAt: article.published_at,
    updatedAt: article.updated_at,
    summary: latest.summary,
    html: latest.html,
    categories: [],
    contentHash: rev.contentHash,
    recordId: article.record_id ?? '',
    fullHtml: rev.fullHtml,
    extraction: rev.extraction,
    clean: rev.clean,
    warcDigest: rev.warcDigest ?? null,
  };
  const chained = await insertRevision(db, { articleId, recordId: incoming.recordId, revision }, incoming, at, source);
  await countArchive(db, 'revisions');
  await db.updateTable('articles').set({ title: rev.title, latest_revision: revision, summary: null, excerpt: excerptOf(incomingTexts(incoming)) }).where('id', '=', articleId).execute();
  await indexArticle(db, articleId);
  await insertEvent(db, articleId, at, 'edited', revision, source, null);
  return toStored(articleId, article.feed_slug, incoming.recordId, revision, incoming, at, chained);
}

export async function insertEvent(db: Db, articleId: number, at: number, kind: WatchEventKind, revision: number | null, source: string, evidence: Record<string, unknown> | null): Promise<void> {
  await db
    .insertInto('article_events')
    .values({ article_id: articleId, at, kind, revision, source, evidence: evidence === null ? null : JSON.stringify(evidence) })
    .execute();
}
