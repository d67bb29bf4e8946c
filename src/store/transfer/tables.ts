/**
 * What an archive copy moves, in the order foreign keys need (a row's parents before it): each
 * table with its primary key (rows are read in batches by that key, and a copy of a row already
 * there is skipped on it) and, for tables whose ids the database generates, the id column whose
 * sequence is moved past the copied ids. Left out on purpose: the search index (rebuilt from the
 * copied rows by the target's own indexer), search_meta (the target's, bar the archive id),
 * login_attempts (sign-in rate limits that expire within the hour, and have no key to copy by),
 * and the migrator's own tables.
 */
export interface TableSpec {
  readonly name: string;
  /** Primary key columns, in order. */
  readonly key: readonly string[];
  /** Which key columns are text (ordered by code point on both sides). */
  readonly textKey?: readonly string[];
  /** The generated id column, whose sequence is advanced after the copy. */
  readonly identity?: string;
  /** Rows per batch (default 500); big rows take smaller batches. */
  readonly batch?: number;
  /** Counters the target made when it was created, overwritten by the source's. */
  readonly overwrite?: boolean;
}

export const TABLES: readonly TableSpec[] = [
  { name: 'users', key: ['id'], identity: 'id' },
  { name: 'feeds', key: ['id'], identity: 'id' },
  { name: 'subscriptions', key: ['user_id', 'feed_id'] },
  { name: 'subscription_tags', key: ['user_id', 'feed_id', 'tag'], textKey: ['tag'] },
  { name: 'articles', key: ['id'], identity: 'id' },
  { name: 'revisions', key: ['article_id', 'revision'], batch: 100 },
  { name: 'feed_articles', key: ['feed_id', 'article_id'], batch: 2000 },
  { name: 'article_categories', key: ['article_id', 'category'], textKey: ['category'], batch: 2000 },
  { name: 'sessions', key: ['id_hash'], textKey: ['id_hash'] },
  { name: 'api_tokens', key: ['id'], identity: 'id' },
  { name: 'entry_states', key: ['user_id', 'article_id'], batch: 2000 },
  { name: 'feed_read_counts', key: ['user_id', 'feed_id'] },
  { name: 'watch', key: ['article_id'] },
  { name: 'article_events', key: ['id'], identity: 'id' },
  { name: 'watch_hosts', key: ['host', 'day'], textKey: ['host'] },
  { name: 'webhooks', key: ['id'], identity: 'id' },
  { name: 'webhook_deliveries', key: ['id'], identity: 'id', batch: 200 },
  { name: 'media', key: ['sha256'], textKey: ['sha256'] },
  { name: 'article_media', key: ['article_id', 'revision', 'url'], textKey: ['url'] },
  { name: 'media_queue', key: ['article_id'] },
  { name: 'archive_counts', key: ['name'], textKey: ['name'], overwrite: true },
  // How far the source converted its revisions (migration 014): the copied rows are in the same form.
  { name: 'upgrades', key: ['name'], textKey: ['name'], overwrite: true },
  // When the source was last maintained (migration 015): the target's daily schedule goes on from it.
  { name: 'maintenance_runs', key: ['kind'], textKey: ['kind'], overwrite: true },
];

/** Tables holding an archive's data: a target with rows in any of them is not empty. */
export const DATA_TABLES = ['users', 'feeds', 'articles'] as const;
