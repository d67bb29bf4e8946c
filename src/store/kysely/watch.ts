/**
 * WatchRepo (SQLite and PostgreSQL): due re-checks, the per-host daily budget, one transaction per check
 * outcome (a re-check revision, an event, the watch row), and the changes lists.
 * A re-check revision keeps the article row's content hash: that hash is the feed's version
 * (title + feed HTML), so a later refresh that sees the same feed item stores nothing, while the
 * revision itself carries the hash of what the page now says.
 */
import { R_TEXT_COLUMNS, revisionName, textsOf } from './revision-texts.js';
import { sql } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import type { ChangeFilter, ChangeItem, ArticleEvent, WatchCheck, WatchEventKind, WatchRepo, WatchStateName, WatchTarget } from '../watch.js';
import type { EntryScope, StoredRevision } from '../store.js';
import { guard, writeTransaction, type Db, type IndexArticle, type StoreContext } from './context.js';
import { feedNames, reaches, shownFeed } from './reach.js';
import { jsonObject } from './rows.js';
import { appendDerivedRevision, insertEvent } from './derived-revisions.js';

const STATES: readonly WatchStateName[] = ['ok', 'suspect', 'removed'];
const KINDS: readonly WatchEventKind[] = ['edited', 'removed', 'restored'];

export function createWatchRepo(ctx: StoreContext): WatchRepo {
  return {
    due: (nowMs, limit) =>
      guard(ctx, undefined, async () => {
        const rows = await ctx.db
          .selectFrom('watch')
          .select('article_id')
          .where('next_check_at', 'is not', null)
          .where('next_check_at', '<=', nowMs)
          .orderBy('next_check_at')
          .limit(limit)
          .execute();
        return rows.map((r) => r.article_id);
      }),
    get: (articleId) => guard(ctx, undefined, () => loadTarget(ctx.db, articleId)),
    takeBudget: (host, nowMs, budget) =>
      writeTransaction(ctx, 'this re-check budget', async (db) => {
        const row = await db.selectFrom('watch_hosts').select(['used', 'paused_until']).where('host', '=', host).where('day', '=', budget.day).executeTakeFirst();
        if (row?.paused_until != null && row.paused_until > nowMs) return { ok: false, reason: 'paused', retryAt: row.paused_until } as const;
        if ((row?.used ?? 0) >= budget.limit) return { ok: false, reason: 'spent', retryAt: (budget.day + 1) * DAY } as const;
        await db
          .insertInto('watch_hosts')
          .values({ host, day: budget.day, used: 1 })
          .onConflict((oc) => oc.columns(['host', 'day']).doUpdateSet({ used: sql`watch_hosts.used + 1` }))
          .execute();
        return { ok: true } as const;
      }),
    pauseHost: (host, day, untilMs) =>
      guard(ctx, undefined, async () => {
        await ctx.db
          .insertInto('watch_hosts')
          .values({ host, day, paused_until: untilMs })
          .onConflict((oc) => oc.columns(['host', 'day']).doUpdateSet({ paused_until: untilMs }))
          .execute();
      }),
    record: (articleId, check) => writeTransaction(ctx, `this re-check of article ${articleId}`, (db) => recordCheck(db, articleId, check, ctx.indexArticle)),
    reschedule: (articleId, nextCheckAt, outcome) =>
      guard(ctx, undefined, async () => {
        await ctx.db.updateTable('watch').set({ next_check_at: nextCheckAt, last_outcome: outcome }).where('article_id', '=', articleId).execute();
      }),
    events: (scope, articleId) => guard(ctx, undefined, () => loadEvents(ctx.db, scope, articleId)),
    changes: (filter, opts) => guard(ctx, undefined, () => listChanges(ctx.db, filter, opts)),
  };
}

const DAY = 86_400_000;

async function loadTarget(db: Db, articleId: number): Promise<WatchTarget | null> {
  const row = await db
    .selectFrom('watch as w')
    .innerJoin('articles as a', 'a.id', 'w.article_id')
    .innerJoin('revisions as r', (join) => join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'))
    .leftJoin('feeds as f', 'f.id', 'a.home_feed_id')
    .selectAll('w')
    .select(['a.link', 'a.created_at', 'a.latest_revision', 'r.title', ...R_TEXT_COLUMNS, 'f.id as feed_id', 'f.watch', 'f.enabled', 'f.images'])
    .where('w.article_id', '=', articleId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const texts = textsOf(row, revisionName(articleId, row.latest_revision));
  return {
    articleId,
    link: row.link,
    createdAt: row.created_at,
    feed: row.feed_id === null ? null : { id: row.feed_id, watch: row.watch ?? null, enabled: row.enabled !== 0, images: row.images === 'keep' || row.images === 'off' ? row.images : null },
    nextCheckAt: row.next_check_at,
    checks: row.checks,
    lastCheckAt: row.last_check_at,
    etag: row.etag,
    lastModified: row.last_modified,
    pageHash: row.page_hash,
    pageTitle: row.page_title,
    state: (STATES as readonly string[]).includes(row.state) ? (row.state as WatchStateName) : 'ok',
    suspectSince: row.suspect_since,
    suspectEvidence: jsonObject(row.suspect_evidence),
    failures: row.failures,
    latest: { revision: row.latest_revision, title: row.title, cleanText: texts.cleanText, fromPage: texts.fullHtml !== null, html: texts.html },
  };
}

async function recordCheck(db: Db, articleId: number, check: WatchCheck, indexArticle: IndexArticle): Promise<{ revision: StoredRevision | null }> {
  // appendDerivedRevision reads the article itself (NOT_FOUND when it is gone); without a revision, only that it exists.
  const stored = check.revision ? await appendDerivedRevision(db, indexArticle, articleId, check.revision, check.checkedAt, 'recheck') : null;
  if (stored === null && (await db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst()) === undefined) {
    throw new FeedkeeperError('NOT_FOUND', `article ${articleId} does not exist (removed while it was re-checked?)`);
  }
  if (check.event) {
    await insertEvent(db, articleId, check.checkedAt, check.event.kind, null, 'recheck', check.event.evidence);
    await db.updateTable('articles').set({ removed_at: check.event.removedAt }).where('id', '=', articleId).execute();
  }
  await db
    .updateTable('watch')
    .set({
      next_check_at: check.nextCheckAt,
      checks: sql`checks + 1`,
      last_check_at: check.checkedAt,
      last_outcome: check.outcome,
      ...(check.etag !== undefined ? { etag: check.etag } : {}),
      ...(check.lastModified !== undefined ? { last_modified: check.lastModified } : {}),
      ...(check.pageHash !== undefined ? { page_hash: check.pageHash } : {}),
      ...(check.pageTitle !== undefined ? { page_title: check.pageTitle } : {}),
      state: check.state,
      suspect_since: check.suspectSince,
      suspect_evidence: check.suspectEvidence === null ? null : JSON.stringify(check.suspectEvidence),
      failures: check.failures,
    })
    .where('article_id', '=', articleId)
    .execute();
  return { revision: stored };
}


async function loadEvents(db: Db, scope: EntryScope, articleId: number): Promise<ArticleEvent[]> {
  let query = db.selectFrom('article_events as e').selectAll('e').where('e.article_id', '=', articleId).orderBy('e.id');
  if (scope.archive !== true) query = query.where(reaches(scope.userId, sql.ref('e.article_id')));
  return (await query.execute()).map(eventFromRow);
}

async function listChanges(db: Db, filter: ChangeFilter, opts: { limit: number; cursor: string | null }) {
  const before = opts.cursor === null ? null : decodeCursor(opts.cursor);
  let query = db
    .selectFrom('article_events as e')
    .innerJoin('articles as a', 'a.id', 'e.article_id')
    .selectAll('e')
    .select(['a.title', 'a.link', shownFeed(filter.scope).as('shown_feed')])
    .orderBy('e.id', 'desc')
    .limit(opts.limit + 1);
  if (filter.scope.archive !== true) query = query.where(reaches(filter.scope.userId, sql.ref('a.id')));
  if (before !== null) query = query.where('e.id', '<', before);
  if (filter.sinceMs !== undefined) query = query.where('e.at', '>=', filter.sinceMs);
  if (filter.kinds !== undefined && filter.kinds.length > 0) query = query.where('e.kind', 'in', [...filter.kinds]);
  if (filter.feedId !== undefined) {
    const feedId = filter.feedId;
    query = query.where(sql<boolean>`exists (select 1 from feed_articles fx where fx.article_id = a.id and fx.feed_id = ${feedId})`);
  }
  if (filter.tag !== undefined) {
    query = query.where(sql<boolean>`exists (select 1 from feed_articles fx cross join subscription_tags tx
      where tx.feed_id = fx.feed_id and tx.user_id = ${filter.scope.userId} and tx.tag = ${filter.tag} and fx.article_id = a.id)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, opts.limit);
  const names = await feedNames(db, filter.scope.userId, page.map((r) => r.shown_feed));
  const changes: ChangeItem[] = page.map((r) => ({
    ...eventFromRow(r),
    title: r.title,
    link: r.link,
    feedId: r.shown_feed,
    feedTitle: r.shown_feed === null ? null : (names.get(r.shown_feed) ?? null),
  }));
  const last = page.at(-1);
  return { changes, nextCursor: rows.length > opts.limit && last !== undefined ? encodeCursor(last.id) : null };
}

type EventRow = { id: number; article_id: number; at: number; kind: string; revision: number | null; source: string | null; evidence: string | null };

function eventFromRow(row: EventRow): ArticleEvent {
  return {
    id: row.id,
    articleId: row.article_id,
    at: row.at,
    kind: (KINDS as readonly string[]).includes(row.kind) ? (row.kind as WatchEventKind) : 'edited',
    revision: row.revision,
    source: row.source === 'feed' || row.source === 'recheck' || row.source === 'reextract' ? row.source : null,
    evidence: jsonObject(row.evidence),
  };
}

const encodeCursor = (id: number): string => Buffer.from(`c${id}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const id = Number(text.slice(1));
  if (!text.startsWith('c') || !Number.isSafeInteger(id) || id <= 0) {
    throw new FeedkeeperError('USAGE', `changes: the cursor "${cursor.slice(0, 40)}" is not one a changes list returned; start from the first page`, { details: { cursor } });
  }
  return id;
}
