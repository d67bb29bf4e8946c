/**
 * The tables as Kysely sees them, on SQLite and PostgreSQL alike (each backend's migrations make
 * them): one interface per table, column names as stored. Epoch milliseconds, ids and counters
 * are numbers (PostgreSQL's bigints are parsed to numbers on the store's pool), flags are 0/1
 * integers (better-sqlite3 cannot bind booleans), JSON is text, everything else is text.
 * Nothing outside store/ imports this file; the rest of feedkeeper sees store/store.ts only.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface FeedsTable {
  id: Generated<number>;
  url: string;
  title: string | null;
  site_url: string | null;
  /** Folder name of the feed's records, fixed when the feed is added. */
  slug: string;
  min_interval_ms: number | null;
  max_interval_ms: number | null;
  user_agent: string | null;
  /** 0 or 1. */
  enabled: number;
  fulltext: string;
  created_at: number;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: number | null;
  last_status: string;
  last_error: string | null;
  consecutive_failures: number;
  next_check_at: number;
  schedule_reason: string | null;
  /** Articles linked to the feed, kept by counts.ts (migration 005). */
  article_count: Generated<number>;
  /** The feed's re-check schedule ("1h,6h,1d", "off"); null for the global one (migration 009). */
  watch: Generated<string | null>;
  /** 'keep' or 'off'; null for the global `images` setting (migration 012). */
  images: Generated<string | null>;
}

/** One user's subscription to a shared feed (migration 006). */
export interface SubscriptionsTable {
  user_id: number;
  feed_id: number;
  title_override: string | null;
  created_at: number;
}

export interface SubscriptionTagsTable {
  user_id: number;
  feed_id: number;
  tag: string;
  /** Keeps the tags in the order they were given. */
  position: number;
}

export interface ArticlesTable {
  id: Generated<number>;
  key: string;
  /** The feed that first stored the article; null for imported records or once that feed is removed. */
  home_feed_id: number | null;
  /** Folder of the article's record files ('imported' when it came from a file), fixed at first store. */
  feed_slug: string;
  title: string;
  link: string;
  author: string | null;
  published_at: number;
  updated_at: number | null;
  /** The feed's summary in rows not yet converted by migration 014; null since (the revision keeps it, `excerpt` is what lists show). */
  summary: string | null;
  latest_revision: number;
  content_hash: string;
  created_at: number;
  /** Name of the article's record files; set for every row since migration 002. */
  record_id: string | null;
  /** The list's plain-text summary of the latest revision (migration 014; null in rows not yet converted, whose `summary` is the feed's). */
  excerpt: string | null;
  /** When a confirmed removal of its page was first seen; null while the page is there (migration 009). */
  removed_at: Generated<number | null>;
}

export interface RevisionsTable {
  article_id: number;
  revision: number;
  title: string;
  link: string;
  author: string | null;
  published_at: number;
  updated_at: number | null;
  /** The five texts below as one brotli stream (archive/texts.ts, migration 014); null in rows not yet converted. */
  texts: Uint8Array | null;
  /** '' when `texts` holds it; read through revision-texts.ts, never directly. */
  html: string;
  /** Null when `texts` holds it, like the three below. */
  summary: string | null;
  content_hash: string;
  fetched_at: number;
  full_html: string | null;
  clean_html: string | null;
  clean_text: string | null;
  /** JSON array of rule names. */
  fired_rules: string | null;
  extraction: string | null;
  /** 1 once the record file is written. */
  archived: number;
  /** Who found it: 'feed', 'recheck' or 'import' (migration 009). */
  source: Generated<string>;
  /** archive/chain.ts over this revision and the one before (migration 011); null only if never chained. */
  chain_hash: string | null;
  /** WARC-Payload-Digest of the response the revision came from, or null (migration 011). */
  warc_digest: string | null;
}

export interface FeedArticlesTable {
  feed_id: number;
  article_id: number;
  first_seen_at: number;
}

export interface ArticleCategoriesTable {
  article_id: number;
  category: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** scrypt, in the self-describing form serve/auth writes. */
  password_hash: string;
  /** 0 or 1. */
  is_admin: number;
  created_at: number;
  /** The name in JavaScript's lower case, unique (migration 006): how a name is found. */
  username_key: string | null;
  /** 0 or 1 (migration 006). */
  disabled: Generated<number>;
  language: string | null;
  time_zone: string | null;
  page_size: Generated<number>;
  sort: Generated<string>;
  /** Distinct unread articles the user's subscriptions reach, kept by counts.ts (migration 006). */
  reach_unread: Generated<number>;
  /** The OpenID Connect identity the user signs in with (migration 007); both null or both set. */
  oidc_issuer: Generated<string | null>;
  oidc_subject: Generated<string | null>;
  /** scrypt of the API password for feed clients, or null (migration 008). */
  api_password_hash: string | null;
  /** SHA-256 of the API password's Fever key, or null (migration 008). */
  fever_key_hash: string | null;
}

export interface SessionsTable {
  /** Hash of the cookie's secret; the secret itself is never stored. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** One row per (user, article) the user has touched; no row means unread and not starred. */
export interface EntryStatesTable {
  user_id: number;
  article_id: number;
  read_at: number | null;
  starred_at: number | null;
}

/** One watched article (migration 009). */
export interface WatchTable {
  article_id: number;
  next_check_at: number | null;
  checks: Generated<number>;
  last_check_at: number | null;
  last_outcome: string | null;
  etag: string | null;
  last_modified: string | null;
  page_hash: string | null;
  page_title: string | null;
  /** 'ok', 'suspect' or 'removed'. */
  state: Generated<string>;
  suspect_since: number | null;
  /** JSON of the first check that found the page gone. */
  suspect_evidence: string | null;
  failures: Generated<number>;
}

export interface ArticleEventsTable {
  id: Generated<number>;
  article_id: number;
  at: number;
  /** 'edited', 'removed' or 'restored'. */
  kind: string;
  revision: number | null;
  source: string | null;
  /** JSON. */
  evidence: string | null;
}

/** A user's webhook and its two cursors into the archive (migration 010). */
export interface WebhooksTable {
  id: Generated<number>;
  user_id: number;
  url: string;
  /** Comma-separated WebhookEvent names. */
  events: string;
  feed_id: number | null;
  secret: string;
  enabled: Generated<number>;
  disabled_reason: string | null;
  created_at: number;
  /** The last article_events.id and articles.id collected. */
  event_cursor: number;
  article_cursor: number;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  key: string;
  event: string;
  article_id: number | null;
  payload: string;
  /** 'pending', 'delivered' or 'failed'. */
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: number | null;
  created_at: number;
  last_attempt_at: number | null;
  last_status: number | null;
  last_result: string | null;
  delivered_at: number | null;
}

export interface Database {
  feeds: FeedsTable;
  subscriptions: SubscriptionsTable;
  subscription_tags: SubscriptionTagsTable;
  login_attempts: { key: string; at: number };
  articles: ArticlesTable;
  revisions: RevisionsTable;
  feed_articles: FeedArticlesTable;
  article_categories: ArticleCategoriesTable;
  search_meta: { key: string; value: string };
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  entry_states: EntryStatesTable;
  /** Per user and feed: how many of the feed's articles the user has read (counts.ts). */
  feed_read_counts: { user_id: number; feed_id: number; read: number };
  watch: WatchTable;
  article_events: ArticleEventsTable;
  /** Re-checks spent per host and UTC day, and a pause a 429/503 asked for (migration 009). */
  watch_hosts: { host: string; day: number; used: Generated<number>; paused_until: number | null };
  /** Images stored once by content (migration 012). */
  media: { sha256: string; mime: string; bytes: number; width: number | null; height: number | null; first_url: string; fetched_at: number };
  /** Each revision's images: 'stored' with the file's hash, or 'failed' with a reason (migration 012). */
  article_media: { article_id: number; revision: number; url: string; status: string; sha256: string | null; reason: string | null; checked_at: number };
  /** Revisions whose images are still to be fetched (migration 012). */
  media_queue: { article_id: number; revision: number; queued_at: number };
  /** 'articles' and 'revisions' in the whole archive (counts.ts). */
  archive_counts: { name: string; n: number };
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  /** How far a data conversion got (migration 014): `cursor` is the last key done, `done` 0/1. */
  upgrades: { name: string; cursor: string; done: number };
  /** When the store's upkeep last finished, by kind ('routine', 'full'; migration 015). */
  maintenance_runs: { kind: string; at: number };
}

export type FeedRow = Selectable<FeedsTable>;
export type NewFeedRow = Insertable<FeedsTable>;
export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
