/**
 * The storage seam: every read and write of feeds, articles and revisions goes through this
 * interface, so the embedded SQLite store and a PostgreSQL one are interchangeable. Types only;
 * implementations live in store/sqlite/ (and store/postgres/), chosen by main.ts.
 *
 * Rules every implementation keeps (store/contract.ts checks them):
 * - `applyRefresh` is one transaction: on any error nothing of that refresh is stored.
 * - A revision is added only when an article's title or content really changed (content hash).
 * - Applying the same refresh twice stores nothing the second time.
 * - An article reached through two feeds is one article listed under both.
 * - Nothing is ever deleted by a refresh; removing a feed keeps its articles.
 * - Search sees every stored article at its latest revision, and returns the same hits on every
 *   backend (the analysis is src/search/'s, not the database's).
 */
import type { QueryAst } from '../search/index.js';

export type FulltextMode = 'auto' | 'always' | 'never';
export type FetchStatus = 'never' | 'ok' | 'not-modified' | 'error' | 'gone' | 'rate-limited';

export interface FeedSettings {
  titleOverride: string | null;
  tags: string[];
  minIntervalMs: number | null;
  maxIntervalMs: number | null;
  userAgent: string | null;
  enabled: boolean;
  fulltext: FulltextMode;
}

export interface Feed extends FeedSettings {
  id: number;
  url: string;
  /** The title the feed gives itself (titleOverride wins when displayed). */
  title: string | null;
  siteUrl: string | null;
  /** Folder name of this feed's records under archive/, fixed when the feed is added. */
  slug: string;
  createdAt: number;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: number | null;
  lastStatus: FetchStatus;
  lastError: string | null;
  consecutiveFailures: number;
  nextCheckAt: number;
  scheduleReason: string | null;
}

export interface FeedWithCounts extends Feed {
  articleCount: number;
}

export interface NewFeed extends Partial<FeedSettings> {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  slug?: string;
  nextCheckAt?: number;
}

export type FeedPatch = Partial<FeedSettings> & { url?: string; title?: string | null; siteUrl?: string | null };

/** What a fetch did to the feed's own row (stored in the same transaction as its articles). */
export interface FeedFetchState {
  status: FetchStatus;
  fetchedAt: number;
  error: string | null;
  consecutiveFailures: number;
  nextCheckAt: number;
  scheduleReason: string;
  etag?: string | null;
  lastModified?: string | null;
  /** The feed moved permanently: store the new URL. */
  newUrl?: string | null;
  title?: string | null;
  siteUrl?: string | null;
}

/** One article as a refresh sees it, already identified and cleaned. */
export interface IncomingArticle {
  key: string;
  title: string;
  link: string;
  author: string | null;
  publishedAt: number;
  updatedAt: number | null;
  summary: string | null;
  /** The article HTML as stored in the record file. */
  html: string;
  categories: string[];
  /** sha256 of title + html; equal hashes mean nothing changed. */
  contentHash: string;
  /** 16 lowercase hex: the name of the article's record files (kept from the first version on). */
  recordId: string;
  /** The article as extracted from its page, when the feed carried only a summary. */
  fullHtml?: string | null;
  /** How the content was obtained: 'feed', 'rule', 'readability', or 'failed: <reason>'. */
  extraction?: string | null;
  /** The sanitized version readers see, search indexes and republished feeds carry. */
  clean?: { html: string; text: string; firedRules: string[] } | null;
}

export interface StoredRevision {
  articleId: number;
  articleKey: string;
  recordId: string;
  /** 0 for the first version, then 1, 2, … */
  revision: number;
  feedSlug: string;
  title: string;
  link: string;
  publishedAt: number;
  fetchedAt: number;
  /** The record's HTML: the extracted article when there is one, else the feed's HTML as received. */
  html: string;
  archived: boolean;
}

export interface RefreshResult {
  newArticles: number;
  newRevisions: number;
  unchanged: number;
  /** Revisions written in this refresh, for the record files. */
  written: StoredRevision[];
}

export interface ImportResult {
  outcome: 'added' | 'revision' | 'unchanged';
  revision: StoredRevision | null;
}

export interface RevisionFilter {
  sinceMs?: number;
  feedId?: number;
}

export interface FeedRepo {
  add(feed: NewFeed): Promise<Feed>;
  get(id: number): Promise<Feed | null>;
  getByUrl(url: string): Promise<Feed | null>;
  list(): Promise<FeedWithCounts[]>;
  update(id: number, patch: FeedPatch): Promise<Feed>;
  remove(id: number): Promise<void>;
  /** Enabled feeds whose next check is due, soonest first. */
  due(nowMs: number, limit: number): Promise<Feed[]>;
  /** Record a fetch that stored no articles (304, error, gone, rate-limited). */
  recordFetch(id: number, state: FeedFetchState): Promise<void>;
}

export interface ArticleRepo {
  /** Store a refresh's articles and the feed's fetch state in one transaction. */
  applyRefresh(feedId: number, articles: IncomingArticle[], state: FeedFetchState): Promise<RefreshResult>;
  /**
   * Store one archive record (feedId null: an article that came from a file, not a feed). An
   * article with the same record id or key is the same article. `feedSlug` keeps the record folder
   * the file came from (default 'imported' without a feed).
   */
  importRecord(feedId: number | null, article: IncomingArticle, fetchedAt: number, opts?: { feedSlug?: string }): Promise<ImportResult>;
  /** The latest content hash of each of these keys that is stored (to skip work on unchanged articles). */
  latestHashes(keys: readonly string[]): Promise<Map<string, string>>;
  /** Every revision, oldest article first and revisions in order, for export. */
  revisions(filter?: RevisionFilter): AsyncIterable<StoredRevision>;
  /** Revisions whose record file has not been written yet (a crash between commit and write). */
  unarchived(limit: number): Promise<StoredRevision[]>;
  /** Marks revisions whose record files are written, in one transaction. */
  markArchived(revisions: ReadonlyArray<{ articleId: number; revision: number }>): Promise<void>;
  count(): Promise<{ articles: number; revisions: number }>;
}

export interface SearchOptions {
  limit: number;
  sort: 'relevance' | 'date';
  /** From a previous page's nextCursor; null for the first page. */
  cursor: string | null;
}

export interface SearchHit {
  articleId: number;
  title: string;
  link: string;
  /** The title of the feed the article was first stored under, or null for imported records. */
  feed: string | null;
  publishedAt: number;
  /** Higher is better; comparable only within one search. */
  score: number;
  /** The article's clean text, for snippets. */
  text: string;
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
  nextCursor: string | null;
}

/**
 * Full-text search over the tokens src/search/ makes. Every article's entry is updated in the
 * same transaction that stores it, so search always sees the latest revision.
 */
export interface SearchRepo {
  search(query: QueryAst, opts: SearchOptions): Promise<SearchPage>;
  /** Rebuilds every entry (after an analyzer change), reporting progress; returns the count. */
  reindex(onProgress?: (done: number, total: number) => void): Promise<number>;
  /** The analyzer version the index was built with, or null when it was never built. */
  indexedVersion(): Promise<number | null>;
}

export interface StoreCapabilities {
  /** More than one process may write at once (PostgreSQL); SQLite has one writer. */
  concurrentWriters: boolean;
}

export interface Store {
  readonly capabilities: StoreCapabilities;
  readonly feeds: FeedRepo;
  readonly articles: ArticleRepo;
  readonly search: SearchRepo;
  close(): Promise<void>;
}
