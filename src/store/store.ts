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
import type { FieldStreams, QueryAst } from '../search/index.js';
import type { EntryScope, StoredRevision } from './scope-types.js';
import type { ImagesMode, MediaRepo } from './media.js';
import type { WatchRepo } from './watch.js';
import type { WebhookRepo } from './webhooks.js';

export type { EntryScope, StoredRevision };

export type FulltextMode = 'auto' | 'always' | 'never';
export type FetchStatus = 'never' | 'ok' | 'not-modified' | 'error' | 'gone' | 'rate-limited';

/**
 * How a feed is fetched: one set per feed, shared by everyone subscribed to it (one fetch serves
 * them all). Changed by an admin, or by a user who is the feed's only subscriber.
 */
export interface FetchSettings {
  minIntervalMs: number | null;
  maxIntervalMs: number | null;
  userAgent: string | null;
  enabled: boolean;
  fulltext: FulltextMode;
  /** The feed's re-check schedule ("1h,6h,1d,3d,7d,30d" or "off"); null follows the global setting. */
  watch: string | null;
  /** Keep the images of its articles ('keep') or not ('off'); null follows the global `images` setting. */
  images: ImagesMode | null;
}

/** What each subscriber sets for themselves: how the feed is named and tagged in their reader. */
export interface SubscriptionSettings {
  titleOverride: string | null;
  tags: string[];
}

/**
 * A feed as the archive knows it: one row per URL however many users subscribe, fetched once for
 * all of them. Names and tags are per user (Subscription).
 */
export interface Feed extends FetchSettings {
  id: number;
  url: string;
  /** The title the feed gives itself (a subscriber's own title wins when displayed). */
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
  /** Users subscribed to it; a feed nobody subscribes to is kept (with its articles) but not fetched. */
  subscribers: number;
}

/** One user's subscription: the shared feed with that user's own name, tags and counts. */
export interface Subscription extends Feed, SubscriptionSettings {
  userId: number;
  subscribedAt: number;
  articleCount: number;
}

export interface NewFeed extends Partial<FetchSettings> {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  slug?: string;
  nextCheckAt?: number;
}

/** nextCheckAt: when the scheduler should look next (now, for a feed just subscribed to again). */
export type FeedPatch = Partial<FetchSettings> & { url?: string; title?: string | null; siteUrl?: string | null; nextCheckAt?: number };

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
  /** A new article is watched from then on: its first page re-check (null or absent: not watched). */
  watchFirstAt?: number | null;
  /**
   * WARC-Payload-Digest (`sha256:<hex>`) of the captured response the stored content came from:
   * the article page when `fullHtml` is from it, else the feed document. Null or absent: no capture.
   * The revision's chain hash includes it.
   */
  warcDigest?: string | null;
  /**
   * The search index's token streams of this version (search/streams.ts: title, clean text,
   * author), when ingest computed them off the main thread; absent: the store analyzes the text.
   */
  streams?: readonly FieldStreams[];
  /**
   * html, fullHtml, clean and summary as archive/texts.ts's packTexts made them, when ingest packed
   * them off the main thread; absent: the store packs them. Must be made from these same fields.
   */
  packedTexts?: Uint8Array;
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
  /** One article's revisions (verify, proof). */
  articleId?: number;
}

/** The archive's feeds, shared by all users: what is fetched and how. Not scoped to a user. */
export interface FeedRepo {
  add(feed: NewFeed): Promise<Feed>;
  get(id: number): Promise<Feed | null>;
  getByUrl(url: string): Promise<Feed | null>;
  /** Every feed, subscribed or not (admin views, the scheduler's start-up). */
  list(): Promise<FeedWithCounts[]>;
  update(id: number, patch: FeedPatch): Promise<Feed>;
  /** Deletes the feed row, its links and every subscription to it; its articles stay in the archive. */
  remove(id: number): Promise<void>;
  /** Enabled feeds that somebody subscribes to and whose next check is due, soonest first. */
  due(nowMs: number, limit: number): Promise<Feed[]>;
  /** Record a fetch that stored no articles (304, error, gone, rate-limited). */
  recordFetch(id: number, state: FeedFetchState): Promise<void>;
}

export type SubscriptionPatch = Partial<SubscriptionSettings>;

/**
 * Each user's subscriptions. Two users subscribing to one URL share one feed row and one fetch;
 * each keeps their own name and tags. Everything here is scoped to the user: another user's
 * subscription is as absent as one that never existed (NOT_FOUND / null).
 */
export interface SubscriptionRepo {
  /** Subscribes the user to an existing feed; CONFLICT when already subscribed, NOT_FOUND for no such feed or user. */
  add(userId: number, feedId: number, settings?: SubscriptionPatch): Promise<Subscription>;
  get(userId: number, feedId: number): Promise<Subscription | null>;
  /** The user's subscriptions by feed id. */
  list(userId: number): Promise<Subscription[]>;
  /** NOT_FOUND unless the user subscribes to the feed. */
  update(userId: number, feedId: number, patch: SubscriptionPatch): Promise<Subscription>;
  /**
   * Unsubscribes (NOT_FOUND unless subscribed); the articles stay. Returns how many users still
   * subscribe: at 0 the feed is no longer fetched.
   */
  remove(userId: number, feedId: number): Promise<number>;
  /** How many users subscribe to the feed. */
  subscribers(feedId: number): Promise<number>;
  /** How many subscriptions each user has (users with none are absent): for admin lists of users. */
  countsByUser(): Promise<Map<number, number>>;
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
  /** Articles with what re-extraction needs of their latest revision, by id after `afterId`, oldest first. */
  reextractTargets(filter: ReextractFilter): Promise<ReextractTarget[]>;
  /**
   * Stores a re-extraction of revision `basedOn` as the next revision (source 'reextract') with an
   * 'edited' event of that source, in one transaction; the article's feed hash is kept, as for a
   * re-check. Null when `basedOn` is no longer the latest (an edit came in meanwhile): nothing stored.
   */
  addReextraction(articleId: number, basedOn: number, rev: Reextraction, atMs: number): Promise<StoredRevision | null>;
}

export interface ReextractFilter {
  feedId?: number;
  /** Articles published at or after this. */
  sinceMs?: number;
  afterId: number;
  limit: number;
}

export interface ReextractTarget {
  articleId: number;
  link: string;
  title: string;
  revision: number;
  /** The feed's HTML as received. */
  html: string;
  /** The extracted page, null when the text is the feed's. */
  fullHtml: string | null;
  cleanHtml: string | null;
  extraction: string | null;
  /** The WARC payload digest the latest revision names. */
  warcDigest: string | null;
}

export interface Reextraction {
  title: string;
  fullHtml: string | null;
  extraction: string;
  clean: { html: string; text: string; firedRules: string[] };
  contentHash: string;
  /** Payload digest of the stored response it was extracted from (the revision chain names it); null: none. */
  warcDigest?: string | null;
}

export interface SearchOptions {
  /**
   * Whose search: a user sees only articles their subscriptions reach (with `archive`, an admin
   * sees every article), and `feed:` and `tag:` match the user's own feed names and tags (and
   * `feed:` the feeds' own titles).
   */
  scope: EntryScope;
  limit: number;
  sort: 'relevance' | 'date';
  /** From a previous page's nextCursor; null for the first page. */
  cursor: string | null;
}

export interface SearchHit {
  articleId: number;
  title: string;
  link: string;
  /**
   * The feed the article shows under in the searcher's lists (EntrySummary.feedTitle): by the
   * user's own name, never a feed the user does not subscribe to; null when none of the user's
   * feeds carries it (in the whole-archive view: the home feed's own title, null for imported records).
   */
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

// ── The reader's side: accounts, sessions, API tokens, entries and their read/starred state ──

export type SortOrder = 'newest' | 'oldest';

/** Per-user reader settings; null means "from the browser" (language, time zone). */
export interface UserSettings {
  language: 'en' | 'zh' | null;
  timeZone: string | null;
  /** Entries per list page, 10..200. */
  pageSize: number;
  sort: SortOrder;
}

export interface User {
  id: number;
  username: string;
  isAdmin: boolean;
  /** A disabled user cannot sign in, and their sessions and tokens stop working at once. */
  disabled: boolean;
  createdAt: number;
  settings: UserSettings;
}

export interface UserWithSecret extends User {
  /** The slow hash (scrypt) of the password, in the self-describing form serve/auth writes; '' for none (OIDC-only users). */
  passwordHash: string;
}


/** What is stored of an API password: its slow hash for ClientLogin, and a SHA-256 of its Fever key to find the user by. */
export interface ApiPasswordHashes {
  passwordHash: string;
  feverKeyHash: string;
}

export interface UserRepo {
  count(): Promise<number>;
  /** Every user, by id. */
  list(): Promise<User[]>;
  /** A username taken in any letter case is a CONFLICT. */
  create(user: { username: string; passwordHash: string; isAdmin: boolean }): Promise<User>;
  get(id: number): Promise<User | null>;
  /** Case-insensitive. */
  byName(username: string): Promise<UserWithSecret | null>;
  /**
   * Sets the password and, in the same transaction, ends the user's sessions (but `keepSession`,
   * the one asking, when given): a new password signs out everywhere else. Returns how many ended.
   */
  setPassword(id: number, passwordHash: string, opts?: { keepSession?: string }): Promise<number>;
  /** Disabling ends the user's sessions in the same transaction; the last enabled admin cannot be disabled (CONFLICT). */
  setDisabled(id: number, disabled: boolean): Promise<User>;
  /** The last enabled admin cannot lose the role (CONFLICT). */
  setAdmin(id: number, isAdmin: boolean): Promise<User>;
  updateSettings(id: number, patch: Partial<UserSettings>): Promise<User>;
  /**
   * Sets the user's API password for feed clients, as the two hashes serve/auth/api-password.ts
   * makes (never the password), or removes it with null. NOT_FOUND for no such user.
   */
  setApiPassword(id: number, secrets: ApiPasswordHashes | null): Promise<void>;
  /** The scrypt hash of the user's API password, or null when they have none (or no such user). */
  apiPasswordHash(id: number): Promise<string | null>;
  /** The enabled user whose Fever key has this hash, or null (unknown, removed with setApiPassword(null), or disabled). */
  byFeverKey(feverKeyHash: string): Promise<User | null>;
  /**
   * Removes the user with their subscriptions, state, sessions and tokens; never an article.
   * Removing the last enabled admin is a CONFLICT.
   */
  remove(id: number): Promise<void>;
  /** The user who signs in with this OpenID Connect identity (the ID token's `iss` and `sub`), disabled or not. */
  byOidc(issuer: string, subject: string): Promise<User | null>;
  /**
   * Links the identity to the user (a user has at most one: a new one replaces the old). CONFLICT
   * when it belongs to another user, NOT_FOUND for no such user.
   */
  linkOidc(id: number, issuer: string, subject: string): Promise<void>;
}

/**
 * Failed sign-ins, kept in the store so the limiter survives a restart (and is shared by every
 * web process of a scaled-out deployment). Keys are `ip:<address>` and `user:<lower-case name>`.
 */
export interface LoginAttemptRepo {
  /** Failures of each key at or after `sinceMs`, with the earliest of them. Keys without any are absent. */
  failures(keys: readonly string[], sinceMs: number): Promise<Map<string, { count: number; first: number }>>;
  record(keys: readonly string[], atMs: number): Promise<void>;
  clear(key: string): Promise<void>;
  /** Forgets failures older than `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
}

/** A login session. The store keeps only a hash of the cookie's secret, never the secret. */
export interface Session {
  idHash: string;
  userId: number;
  /** Per-session CSRF token, echoed by every form. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionRepo {
  create(session: Session): Promise<void>;
  /** The live session with this hash and its user, or null when unknown, expired at `nowMs`, or its user is disabled. */
  get(idHash: string, nowMs: number): Promise<{ session: Session; user: User } | null>;
  remove(idHash: string): Promise<void>;
  /** Moves a live session's expiry (a session in use stays signed in). Unknown sessions are ignored. */
  extend(idHash: string, expiresAt: number): Promise<void>;
  /** Deletes sessions expired at `nowMs`; returns how many. */
  removeExpired(nowMs: number): Promise<number>;
  /** Signs the user out everywhere (after a password change); returns how many sessions ended. */
  removeForUser(userId: number): Promise<number>;
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface TokenRepo {
  /** Stores a token by the hash of its secret (the secret itself is shown once and never stored). */
  create(token: { userId: number; name: string; tokenHash: string }): Promise<ApiToken>;
  /** The user's tokens, revoked ones included, oldest first. */
  list(userId: number): Promise<ApiToken[]>;
  /** NOT_FOUND for an unknown id or another user's token; revoking twice keeps the first time. */
  revoke(userId: number, id: number): Promise<ApiToken>;
  /** The live (not revoked) token with this hash and its user, unless that user is disabled. */
  findByHash(tokenHash: string): Promise<{ token: ApiToken; user: User } | null>;
  touch(id: number, nowMs: number): Promise<void>;
}

/**
 * Which entries a list shows. Every field narrows; an absent one does not. A list shows only
 * articles the user's subscriptions reach; `tag` is one of the user's own tags.
 */
export interface EntryFilter {
  /** Read and starred states are per user, and so is what the list can reach. */
  userId: number;
  feedId?: number;
  tag?: string;
  /** false: unread only; true: read only. */
  read?: boolean;
  starred?: boolean;
  /** published_at >= sinceMs */
  sinceMs?: number;
  /** published_at < untilMs */
  untilMs?: number;
  /** Stored by feedkeeper at or after this (created_at): what sync clients' `ot` asks for. */
  crawledSinceMs?: number;
  /** Stored before this (created_at): sync clients' `nt`, and "mark read what I had seen" (`ts`, `before`). */
  crawledUntilMs?: number;
  /** Only entries with an id up to this (mark all read "up to what was shown"). */
  maxId?: number;
  /** Only these entries (a search's hits, in any order; the list keeps its own order). */
  ids?: readonly number[];
}

export interface EntryListOptions {
  /** 1..500 */
  limit: number;
  /** From a previous page's nextCursor; null for the first page. */
  cursor: string | null;
  /** Newest first (the default) or oldest first; the cursor belongs to the order it came from. */
  order?: 'newest' | 'oldest';
  /** Also load each entry's clean HTML and categories (republished feeds); lists for people do not need them. */
  withContent?: boolean;
}

export interface EntrySummary {
  id: number;
  title: string;
  link: string;
  author: string | null;
  publishedAt: number;
  updatedAt: number | null;
  /** When feedkeeper first stored it. */
  createdAt: number;
  /** The feed it was first stored under (null for imported records or once that feed is removed). */
  feedId: number | null;
  feedTitle: string | null;
  /** Plain text: the feed's summary, else the start of the clean text (at most ~300 characters). */
  summary: string | null;
  /** How many versions are stored (1 = never revised). */
  revisionCount: number;
  /** When a confirmed removal of the article's page was first seen; null while it is there. */
  removedAt: number | null;
  read: boolean;
  starred: boolean;
  /** Clean HTML of the latest revision; only with `withContent` (null when it was never cleaned). */
  contentHtml?: string | null;
  /** The latest version's categories, sorted; only with `withContent`. */
  categories?: string[];
}

export interface CrawlListOptions {
  order: SortOrder;
  /** 1..10,001 (one more than a page, to tell whether another follows). */
  limit: number;
  /** Continue after this id, in `order`; null for the first page. */
  afterId: number | null;
}

export interface CrawlRef {
  id: number;
  /** When feedkeeper stored it (the entry's createdAt). */
  crawledAt: number;
}

export interface EntryPage {
  entries: EntrySummary[];
  nextCursor: string | null;
}

export interface RevisionInfo {
  /** 0 for the first version. */
  revision: number;
  title: string;
  publishedAt: number;
  updatedAt: number | null;
  fetchedAt: number;
  contentHash: string;
  /** Who found this version: the feed, a page re-check, or an imported record. */
  source: RevisionSource;
}

export type RevisionSource = 'feed' | 'recheck' | 'import' | 'reextract';

export interface RevisionContent extends RevisionInfo {
  link: string;
  /** Clean HTML, or null when this revision was stored before cleaning existed. */
  cleanHtml: string | null;
  /** Clean plain text (what diffs compare), or null likewise. */
  cleanText: string | null;
  /** The article HTML as received (the record file's body). Never shown unsanitized. */
  html: string;
}

export interface Entry extends EntrySummary {
  /** Clean HTML of the latest revision, or null when it was never cleaned (sanitize `html` then). */
  contentHtml: string | null;
  /** The latest revision's HTML as received. */
  html: string;
  categories: string[];
  /** Every feed that carried it. */
  feeds: Array<{ id: number; title: string | null }>;
  /** How the content was obtained ('feed', 'rule', 'readability', 'failed: …') or null. */
  extraction: string | null;
  /** Every version, oldest first. */
  revisions: RevisionInfo[];
}

export interface EntryRepo {
  list(filter: EntryFilter, opts: EntryListOptions): Promise<EntryPage>;
  /**
   * null when there is no such entry or the user's subscriptions do not reach it (unless
   * `archive`, for an admin following a whole-archive search hit). `feeds` lists only feeds the
   * user subscribes to, by the user's names.
   */
  get(scope: EntryScope, id: number): Promise<Entry | null>;
  /** One stored version, or null when the entry or the revision does not exist or is out of the scope. */
  revision(scope: EntryScope, id: number, revision: number): Promise<RevisionContent | null>;
  /** Sets read and/or starred on these entries for the user; ids the user cannot reach are ignored. Returns how many it could. */
  mark(userId: number, ids: readonly number[], change: { read?: boolean; starred?: boolean }): Promise<number>;
  /** Marks every entry the filter matches as read (use maxId for "up to what was shown"); returns how many changed. */
  markAllRead(filter: EntryFilter): Promise<number>;
  /** Unread entries per subscribed feed for the user (feeds with none are absent), plus the distinct total under key 0. */
  unreadCounts(userId: number): Promise<Map<number, number>>;
  /**
   * Ids of the entries the filter matches in crawl order (by id: ids grow as articles are stored),
   * newest or oldest first, after `afterId` (a keyset, so paging stays right while articles
   * arrive): what sync clients page through, 10,000 at a time, without loading a row each.
   */
  crawlIds(filter: EntryFilter, opts: CrawlListOptions): Promise<CrawlRef[]>;
}

export interface MaintenanceOptions {
  /** Also the slow steps: full statistics and compacting the files (VACUUM). */
  full: boolean;
  /** Called before each step (and once with 'done'), for a progress display. */
  onStep?: (name: string, index: number, total: number) => void;
}

export interface MaintenanceReport {
  steps: Array<{ name: string; ms: number }>;
  /** The database's files on disk before and after. */
  bytesBefore: number;
  bytesAfter: number;
}

export interface StoreCapabilities {
  /** More than one process may write at once (PostgreSQL); SQLite has one writer. */
  concurrentWriters: boolean;
}

export interface UpgradeProgress {
  /** Revisions in the archive. */
  total: number;
  /** Revisions the conversion has passed (converted, or written in the new form already). */
  done: number;
}

/**
 * Migration 014's conversion of revisions written before it (each text kept once, packed): run at
 * start by prepareArchive and by `feedkeeper vacuum`, resumable, and never needed for reading.
 */
export interface TextUpgrade {
  /** How far it got, or null when there is nothing left to convert. */
  pending(): Promise<UpgradeProgress | null>;
  /** Converts what is left, reporting after each batch; resolves to the revisions it converted. */
  run(onProgress?: (progress: UpgradeProgress) => void): Promise<number>;
}

export interface Store {
  readonly capabilities: StoreCapabilities;
  readonly feeds: FeedRepo;
  readonly subscriptions: SubscriptionRepo;
  readonly articles: ArticleRepo;
  readonly search: SearchRepo;
  readonly entries: EntryRepo;
  readonly users: UserRepo;
  readonly loginAttempts: LoginAttemptRepo;
  readonly sessions: SessionRepo;
  readonly tokens: TokenRepo;
  readonly watch: WatchRepo;
  readonly webhooks: WebhookRepo;
  /** Keeps an old archive fast (index merges, planner statistics, the log; `full` also compacts); changes nothing stored. */
  maintain(opts: MaintenanceOptions): Promise<MaintenanceReport>;
  /** When maintain() last finished (kept in the database, so across restarts), or null if never. */
  lastMaintainedAt(): Promise<number | null>;
  readonly textUpgrade: TextUpgrade;
  readonly media: MediaRepo;
  close(): Promise<void>;
}
