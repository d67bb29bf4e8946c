/**
 * Stores one incoming article inside a caller's transaction: a new key becomes an article with
 * revision 0; a known key is linked to the feed that brought it and gets revision n+1 only when its
 * content hash is new. Which hashes count as "known" differs by caller:
 * - 'latest' (refreshes): only the latest revision's hash, so an edit that is later undone is kept
 *   as its own revision;
 * - 'any' (imports): any revision's hash, so importing a record twice, or an older revision after a
 *   newer one, adds nothing.
 * The article row keeps the latest version's fields for listing; revisions keep every version.
 */
import { CHAIN_START, chainHash, recordFileHash } from '../../archive/index.js';
import type { IncomingArticle, RevisionSource, StoredRevision } from '../store.js';
import type { Db, IndexArticle } from './context.js';
import { excerptOf, incomingTexts, packedColumns } from './revision-texts.js';
import { countArchive, countFeedLink, countLinks, emptyLinkTally, type LinkTally } from './counts.js';

export interface ArticleTarget {
  /** The feed that brought the article, or null for a record imported from a file. */
  feedId: number | null;
  /** Record folder for an article stored for the first time. */
  feedSlug: string;
  fetchedAt: number;
  knownHashes: 'latest' | 'any';
  /** The backend's search indexer (StoreContext.indexArticle). */
  index: IndexArticle;
  /** What the transaction's new links add to the feed's and users' counts, written by countStored. */
  links: LinkTally;
}

/** A target for one transaction, with nothing counted yet. */
export function articleTarget(fields: Omit<ArticleTarget, 'links'>): ArticleTarget {
  return { ...fields, links: emptyLinkTally() };
}

export interface StoreOutcome {
  outcome: 'added' | 'revision' | 'unchanged';
  revision: StoredRevision | null;
}

/**
 * Adds what a transaction's storeArticle calls stored to the archive-wide counts, and its new links
 * to the feed's and subscribers' counts, once at its end: one update per count rather than one per
 * article keeps the hot counter rows (archive_counts, the subscribers' users rows) locked for the
 * shortest time when several workers write at once.
 */
export async function countStored(db: Db, target: ArticleTarget, outcomes: ReadonlyArray<StoreOutcome['outcome']>): Promise<void> {
  const added = outcomes.filter((o) => o === 'added').length;
  const revised = outcomes.filter((o) => o === 'revision').length;
  if (target.feedId !== null) await countLinks(db, target.feedId, target.links);
  if (added > 0) await countArchive(db, 'articles', added);
  if (added + revised > 0) await countArchive(db, 'revisions', added + revised);
}

/** Stores one article; the caller counts the outcomes with countStored before it commits. */
export async function storeArticle(db: Db, target: ArticleTarget, article: IncomingArticle): Promise<StoreOutcome> {
  const existing = await findArticle(db, article);
  if (existing === undefined) return { outcome: 'added', revision: await insertArticle(db, target, article) };

  const linked = target.feedId !== null && (await linkFeed(db, target.feedId, existing.id, target.fetchedAt));
  if (linked && target.feedId !== null) await countFeedLink(db, target.links, target.feedId, existing.id, false);
  const known =
    target.knownHashes === 'latest'
      ? existing.content_hash === article.contentHash
      : await hasRevisionWithHash(db, existing.id, article.contentHash);
  if (known) {
    // A new feed's id joins the article's search entry (feed: and tag: look for it).
    if (linked) await target.index(db, existing.id);
    return { outcome: 'unchanged', revision: null };
  }

  const revision = existing.latest_revision + 1;
  const source = target.knownHashes === 'any' ? 'import' : 'feed';
  const recordId = existing.record_id ?? article.recordId;
  const chained = await insertRevision(db, { articleId: existing.id, recordId, revision }, article, target.fetchedAt, source);
  // An edit the feed showed is a change like one a page re-check finds; imports merge history, not edits.
  if (source === 'feed') await db.insertInto('article_events').values({ article_id: existing.id, at: target.fetchedAt, kind: 'edited', revision, source }).execute();
  await db
    .updateTable('articles')
    .set({ ...articleFields(article), latest_revision: revision })
    .where('id', '=', existing.id)
    .execute();
  await replaceCategories(db, existing.id, article.categories);
  await target.index(db, existing.id, article.streams);
  return { outcome: 'revision', revision: toStored(existing.id, existing.feed_slug, recordId, revision, article, target.fetchedAt, chained) };
}

/** The same article: by key, else (records imported from another archive) by record id. */
async function findArticle(db: Db, article: IncomingArticle) {
  const columns = ['id', 'feed_slug', 'latest_revision', 'content_hash', 'record_id'] as const;
  const byKey = await db.selectFrom('articles').select(columns).where('key', '=', article.key).executeTakeFirst();
  return byKey ?? (await db.selectFrom('articles').select(columns).where('record_id', '=', article.recordId).executeTakeFirst());
}

async function insertArticle(db: Db, target: ArticleTarget, article: IncomingArticle): Promise<StoredRevision> {
  const { id } = await db
    .insertInto('articles')
    .values({
      key: article.key,
      home_feed_id: target.feedId,
      feed_slug: target.feedSlug,
      record_id: article.recordId,
      ...articleFields(article),
      latest_revision: 0,
      created_at: target.fetchedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const chained = await insertRevision(db, { articleId: id, recordId: article.recordId, revision: 0 }, article, target.fetchedAt, target.knownHashes === 'any' ? 'import' : 'feed');
  if (article.watchFirstAt != null && target.feedId !== null) await db.insertInto('watch').values({ article_id: id, next_check_at: article.watchFirstAt }).execute();
  await replaceCategories(db, id, article.categories);
  if (target.feedId !== null && (await linkFeed(db, target.feedId, id, target.fetchedAt))) await countFeedLink(db, target.links, target.feedId, id, true);
  await target.index(db, id, article.streams);
  return toStored(id, target.feedSlug, article.recordId, 0, article, target.fetchedAt, chained);
}

/** What a revision row and its article row both keep of the version. */
function latestFields(article: IncomingArticle) {
  return {
    title: article.title,
    link: article.link,
    author: article.author,
    published_at: article.publishedAt,
    updated_at: article.updatedAt,
    content_hash: article.contentHash,
  };
}

/** The article row's copy of its latest version: the list's excerpt, not the texts (the revision keeps those). */
function articleFields(article: IncomingArticle) {
  return { ...latestFields(article), summary: null, excerpt: excerptOf(incomingTexts(article)) };
}

export interface RevisionPlace {
  articleId: number;
  /** The article's record id (the one its files are named by, kept from the first version). */
  recordId: string;
  revision: number;
}

export interface Chained {
  chainHash: string;
  warcDigest: string | null;
}

/**
 * Inserts one revision with its chain hash (archive/chain.ts), computed here, in the caller's
 * transaction, from the record file the revision will be written as and the previous revision's hash.
 */
export async function insertRevision(db: Db, at: RevisionPlace, article: IncomingArticle, fetchedAt: number, source: RevisionSource): Promise<Chained> {
  const warcDigest = article.warcDigest ?? null;
  const prev = at.revision === 0 ? CHAIN_START : await previousChainHash(db, at.articleId, at.revision - 1);
  const fileHash = recordFileHash({ publishedMs: article.publishedAt, title: article.title, link: article.link, html: article.fullHtml ?? article.html });
  const hash = chainHash({ recordId: at.recordId, revision: at.revision, fetchedAt, fileHash, warcDigest, prev });
  await db
    .insertInto('revisions')
    .values({
      article_id: at.articleId,
      revision: at.revision,
      ...latestFields(article),
      ...packedColumns(incomingTexts(article), article.packedTexts),
      fired_rules: article.clean ? JSON.stringify(article.clean.firedRules) : null,
      extraction: article.extraction ?? null,
      fetched_at: fetchedAt,
      archived: 0,
      source,
      chain_hash: hash,
      warc_digest: warcDigest,
    })
    .execute();
  return { chainHash: hash, warcDigest };
}

/** A revision migration 011 could not chain has no hash; its successors link to "" and verify names both. */
async function previousChainHash(db: Db, articleId: number, revision: number): Promise<string> {
  const row = await db.selectFrom('revisions').select('chain_hash').where('article_id', '=', articleId).where('revision', '=', revision).executeTakeFirst();
  return row?.chain_hash ?? '';
}

/** Links the article to the feed; true when the link is new. */
async function linkFeed(db: Db, feedId: number, articleId: number, seenAt: number): Promise<boolean> {
  const result = await db
    .insertInto('feed_articles')
    .values({ feed_id: feedId, article_id: articleId, first_seen_at: seenAt })
    .onConflict((oc) => oc.columns(['feed_id', 'article_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

async function hasRevisionWithHash(db: Db, articleId: number, contentHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('revisions')
    .select('revision')
    .where('article_id', '=', articleId)
    .where('content_hash', '=', contentHash)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Categories follow the latest version of the article. */
async function replaceCategories(db: Db, articleId: number, categories: readonly string[]): Promise<void> {
  await db.deleteFrom('article_categories').where('article_id', '=', articleId).execute();
  const unique = [...new Set(categories)];
  if (unique.length === 0) return;
  await db
    .insertInto('article_categories')
    .values(unique.map((category) => ({ article_id: articleId, category })))
    .execute();
}

export function toStored(articleId: number, feedSlug: string, recordId: string, revision: number, article: IncomingArticle, fetchedAt: number, chained: Chained): StoredRevision {
  return {
    articleId,
    articleKey: article.key,
    recordId,
    revision,
    feedSlug,
    title: article.title,
    link: article.link,
    publishedAt: article.publishedAt,
    fetchedAt,
    html: article.fullHtml ?? article.html,
    archived: false,
    chainHash: chained.chainHash,
    warcDigest: chained.warcDigest,
  };
}
