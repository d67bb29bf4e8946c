/**
 * Conversions between table rows and the domain types of store/store.ts, and the one query shape
 * that reads revisions with their article's key and record folder. Flags are 0/1 in the database
 * and booleans outside; enum-like text columns are checked on the way out.
 */
import { recordHtml, REVISIONS_TEXT_COLUMNS, revisionName, textsOf } from './revision-texts.js';
import type { FetchStatus, Feed, FulltextMode, StoredRevision, User } from '../store.js';
import type { Db } from './context.js';
import type { FeedRow, UserRow } from './schema.js';

const FULLTEXT_MODES: readonly FulltextMode[] = ['auto', 'always', 'never'];
const FETCH_STATUSES: readonly FetchStatus[] = ['never', 'ok', 'not-modified', 'error', 'gone', 'rate-limited'];

export function feedFromRow(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    slug: row.slug,
    minIntervalMs: row.min_interval_ms,
    maxIntervalMs: row.max_interval_ms,
    userAgent: row.user_agent,
    enabled: row.enabled !== 0,
    fulltext: oneOf(FULLTEXT_MODES, row.fulltext, 'auto'),
    watch: row.watch,
    images: row.images === 'keep' || row.images === 'off' ? row.images : null,
    createdAt: row.created_at,
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchAt: row.last_fetch_at,
    lastStatus: oneOf(FETCH_STATUSES, row.last_status, 'never'),
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextCheckAt: row.next_check_at,
    scheduleReason: row.schedule_reason,
  };
}

// A value written by a newer feedkeeper falls back to the default instead of leaking an unknown string.
function oneOf<T extends string>(allowed: readonly T[], value: string, fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export async function loadFeed(db: Db, where: { id: number } | { url: string }): Promise<Feed | null> {
  const query = db.selectFrom('feeds').selectAll();
  const row = await ('id' in where ? query.where('id', '=', where.id) : query.where('url', '=', where.url)).executeTakeFirst();
  return row === undefined ? null : feedFromRow(row);
}

/** Revisions joined with their article, in export order; callers add filters, paging and limits. */
export function selectRevisions(db: Db) {
  return db
    .selectFrom('revisions')
    .innerJoin('articles', 'articles.id', 'revisions.article_id')
    .select([
      'revisions.article_id',
      'articles.key',
      'articles.record_id',
      'revisions.revision',
      'articles.feed_slug',
      'revisions.title',
      'revisions.link',
      'revisions.published_at',
      'revisions.fetched_at',
      ...REVISIONS_TEXT_COLUMNS,
      'revisions.archived',
      'revisions.chain_hash',
      'revisions.warc_digest',
    ])
    .orderBy('revisions.article_id')
    .orderBy('revisions.revision');
}

type RevisionSelection = Awaited<ReturnType<ReturnType<typeof selectRevisions>['executeTakeFirstOrThrow']>>;

export function revisionFromRow(row: RevisionSelection): StoredRevision {
  return {
    articleId: row.article_id,
    articleKey: row.key,
    // Every row has one since migration 002; an empty id would fail loudly at the archive.
    recordId: row.record_id ?? '',
    revision: row.revision,
    feedSlug: row.feed_slug,
    title: row.title,
    link: row.link,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    html: recordHtml(textsOf(row, revisionName(row.article_id, row.revision))),
    archived: row.archived !== 0,
    chainHash: row.chain_hash ?? '',
    warcDigest: row.warc_digest,
  };
}

export function userFromRow(row: Pick<UserRow, 'id' | 'username' | 'is_admin' | 'created_at' | 'disabled' | 'language' | 'time_zone' | 'page_size' | 'sort'>): User {
  return {
    id: row.id,
    username: row.username,
    isAdmin: row.is_admin !== 0,
    disabled: row.disabled !== 0,
    createdAt: row.created_at,
    settings: {
      language: row.language === 'en' || row.language === 'zh' ? row.language : null,
      timeZone: row.time_zone,
      pageSize: row.page_size,
      sort: row.sort === 'oldest' ? 'oldest' : 'newest',
    },
  };
}

/** A user's tags per subscribed feed (one feed when feedId is given), in the order they were given. */
export async function loadSubscriptionTags(db: Db, userId: number, feedId?: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('subscription_tags')
    .select(['feed_id', 'tag'])
    .where('user_id', '=', userId)
    .$if(feedId !== undefined, (q) => q.where('feed_id', '=', feedId as number))
    .orderBy('feed_id')
    .orderBy('position')
    .execute();
  const tags = new Map<number, string[]>();
  for (const row of rows) {
    const list = tags.get(row.feed_id);
    if (list === undefined) tags.set(row.feed_id, [row.tag]);
    else list.push(row.tag);
  }
  return tags;
}

/** A JSON column holding an object (evidence, details); null when empty or not an object. */
export function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
