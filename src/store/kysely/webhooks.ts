/**
 * Webhooks (SQLite and PostgreSQL): registrations, collecting what happened after each webhook's cursors, and the
 * delivery log. Collecting reads up to the archive's end as it is at the start of the read, so the
 * cursor moves past rows the webhook does not want as well and the next read starts there. SQLite
 * has one writer, so ids become visible in order. With several writers (PostgreSQL) a lower id can
 * commit after a higher one, so there the end is the newest row at least `settleMs` old: a refresh
 * still open at the read commits inside that margin and is collected by a later read.
 */
import { sql } from 'kysely';
import type { DeliveryAttempt, DeliveryStatus, NewWebhook, Webhook, WebhookBatch, WebhookDelivery, WebhookEvent, WebhookOccurrence, WebhookRepo } from '../webhooks.js';
import { WEBHOOK_EVENTS } from '../webhooks.js';
import { guard, writeTransaction, type Db, type StoreContext } from './context.js';
import { feedNames, reaches, shownFeed } from './reach.js';
import { jsonObject } from './rows.js';
import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhooksTable } from './schema.js';

/** The article_events kind behind each event a webhook can want. */
const EVENT_KINDS: Readonly<Record<Exclude<WebhookEvent, 'new'>, string>> = { edit: 'edited', removal: 'removed', restore: 'restored' };
const KIND_EVENTS = new Map(Object.entries(EVENT_KINDS).map(([event, kind]) => [kind, event as WebhookEvent]));

/** How old a row must be before a multi-writer store's collect reads up to it. */
export const CONCURRENT_SETTLE_MS = 60_000;

export function createWebhookRepo(ctx: StoreContext, opts: { settleMs: number }): WebhookRepo {
  return {
    create: (input) => writeTransaction(ctx, 'this webhook', (db) => createWebhook(db, input, ctx.clock.now())),
    get: (id) => guard(ctx, undefined, async () => {
      const row = await ctx.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toWebhook(row);
    }),
    list: (userId) => guard(ctx, undefined, async () => {
      let query = ctx.db.selectFrom('webhooks').selectAll().orderBy('id');
      if (userId !== null) query = query.where('user_id', '=', userId);
      return (await query.execute()).map(toWebhook);
    }),
    remove: (userId, id) => writeTransaction(ctx, 'removing this webhook', async (db) => {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    }),
    setEnabled: (userId, id, enabled) => guard(ctx, 'this change', async () => {
      const result = await ctx.db.updateTable('webhooks').set({ enabled: enabled ? 1 : 0, disabled_reason: null }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }),
    collect: (webhookId, limit) => guard(ctx, undefined, () => collect(ctx.db, webhookId, limit, opts.settleMs === 0 ? null : ctx.clock.now() - opts.settleMs)),
    enqueue: (webhookId, deliveries, cursors, nowMs) => writeTransaction(ctx, 'these webhook deliveries', async (db) => {
      let added = 0;
      for (const d of deliveries) {
        const result = await db
          .insertInto('webhook_deliveries')
          .values({ webhook_id: webhookId, key: d.key, event: d.event, article_id: d.articleId, payload: d.payload, next_attempt_at: nowMs, created_at: nowMs })
          .onConflict((oc) => oc.columns(['webhook_id', 'key']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      if (cursors !== null) {
        // Cursors only move forward: a late, stale batch never rewinds them.
        const now = await db.selectFrom('webhooks').select(['event_cursor', 'article_cursor']).where('id', '=', webhookId).executeTakeFirst();
        if (now !== undefined) {
          await db
            .updateTable('webhooks')
            .set({ event_cursor: Math.max(now.event_cursor, cursors.eventId), article_cursor: Math.max(now.article_cursor, cursors.articleId) })
            .where('id', '=', webhookId)
            .execute();
        }
      }
      return added;
    }),
    due: (nowMs, limit) => guard(ctx, undefined, async () => {
      const rows = await ctx.db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .selectAll('d')
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', nowMs)
        .where('w.enabled', '=', 1)
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    }),
    delivery: (id) => guard(ctx, undefined, async () => {
      const row = await ctx.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toDelivery(row);
    }),
    recordAttempt: (deliveryId, attempt) => writeTransaction(ctx, 'this delivery attempt', (db) => recordAttempt(db, deliveryId, attempt)),
    deliveries: (userId, opts) => guard(ctx, undefined, async () => {
      let query = ctx.db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .selectAll('d')
        .where('w.user_id', '=', userId)
        .orderBy('d.id', 'desc')
        .limit(opts.limit);
      if (opts.webhookId !== undefined) query = query.where('d.webhook_id', '=', opts.webhookId);
      return (await query.execute()).map(toDelivery);
    }),
    redeliver: (userId, deliveryId, nowMs) => guard(ctx, 'this redelivery', async () => {
      const result = await ctx.db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: nowMs })
        .where('id', '=', deliveryId)
        .where('webhook_id', 'in', (eb) => eb.selectFrom('webhooks').select('id').where('user_id', '=', userId))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }),
  };
}

/** The newest event and article ids (stored at or before `upTo`, when given): where a new webhook starts, and how far one collect reads. */
async function archiveEnd(db: Db, upTo: number | null = null): Promise<{ event_end: number; article_end: number }> {
  const { rows } = upTo === null
    ? await sql<{ event_end: number; article_end: number }>`select
        (select coalesce(max(id), 0) from article_events) as event_end,
        (select coalesce(max(id), 0) from articles) as article_end`.execute(db)
    : await sql<{ event_end: number; article_end: number }>`select
        (select coalesce(max(id), 0) from article_events where at <= ${upTo}) as event_end,
        (select coalesce(max(id), 0) from articles where created_at <= ${upTo}) as article_end`.execute(db);
  return rows[0] ?? { event_end: 0, article_end: 0 };
}

async function createWebhook(db: Db, input: NewWebhook, nowMs: number): Promise<Webhook> {
  const end = await archiveEnd(db);
  const row = await db
    .insertInto('webhooks')
    .values({
      user_id: input.userId,
      url: input.url,
      events: input.events.join(','),
      feed_id: input.feedId ?? null,
      secret: input.secret,
      created_at: nowMs,
      event_cursor: end.event_end,
      article_cursor: end.article_end,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toWebhook(row);
}

async function collect(db: Db, webhookId: number, limit: number, settledBy: number | null): Promise<WebhookBatch> {
  const hook = await db.selectFrom('webhooks').selectAll().where('id', '=', webhookId).executeTakeFirst();
  if (hook === undefined || hook.enabled === 0) return { occurrences: [], cursors: { eventId: 0, articleId: 0 }, more: false };
  const webhook = toWebhook(hook);
  const end = await archiveEnd(db, settledBy);
  const kinds = webhook.events.filter((e): e is Exclude<WebhookEvent, 'new'> => e !== 'new').map((e) => EVENT_KINDS[e]);
  const scope = { userId: webhook.userId };
  const feedId = webhook.feedId;
  const inFeed = sql<boolean>`exists (select 1 from feed_articles fx where fx.article_id = a.id and fx.feed_id = ${feedId})`;

  let eventQuery = db
    .selectFrom('article_events as e')
    .innerJoin('articles as a', 'a.id', 'e.article_id')
    .select(['e.id', 'e.article_id', 'e.at', 'e.kind', 'e.revision', 'e.source', 'e.evidence', 'a.title', 'a.link', 'a.published_at', shownFeed(scope).as('shown_feed')])
    .where('e.id', '>', hook.event_cursor)
    .where('e.id', '<=', end.event_end)
    .where('e.kind', 'in', kinds)
    // A re-extraction is our rules changing, not the publisher's edit: no webhook hears of it.
    .where((eb) => eb.or([eb('e.source', 'is', null), eb('e.source', '!=', 'reextract')]))
    .where(reaches(webhook.userId, sql.ref('a.id')))
    .orderBy('e.id')
    .limit(limit + 1);
  let articleQuery = db
    .selectFrom('articles as a')
    .select(['a.id', 'a.created_at', 'a.title', 'a.link', 'a.published_at', shownFeed(scope).as('shown_feed')])
    .where('a.id', '>', hook.article_cursor)
    .where('a.id', '<=', end.article_end)
    .where(reaches(webhook.userId, sql.ref('a.id')))
    .orderBy('a.id')
    .limit(limit + 1);
  if (feedId !== null) {
    eventQuery = eventQuery.where(inFeed);
    articleQuery = articleQuery.where(inFeed);
  }
  const events = kinds.length === 0 ? [] : await eventQuery.execute();
  const articles = webhook.events.includes('new') ? await articleQuery.execute() : [];
  const moreEvents = events.length > limit;
  const moreArticles = articles.length > limit;
  const eventPage = events.slice(0, limit);
  const articlePage = articles.slice(0, limit);
  const names = await feedNames(db, webhook.userId, [...eventPage, ...articlePage].map((r) => r.shown_feed));
  const feedOf = (id: number | null) => ({ feedId: id, feedTitle: id === null ? null : (names.get(id) ?? null) });
  const occurrences: WebhookOccurrence[] = [
    ...eventPage.map((r) => ({
      key: `event-${r.id}`,
      event: KIND_EVENTS.get(r.kind) ?? 'edit',
      at: r.at,
      articleId: r.article_id,
      title: r.title,
      link: r.link,
      ...feedOf(r.shown_feed),
      publishedAt: r.published_at,
      revision: r.revision,
      source: r.source,
      evidence: jsonObject(r.evidence),
    })),
    ...articlePage.map((r) => ({
      key: `article-${r.id}`,
      event: 'new' as const,
      at: r.created_at,
      articleId: r.id,
      title: r.title,
      link: r.link,
      ...feedOf(r.shown_feed),
      publishedAt: r.published_at,
      revision: 0,
      source: null,
      evidence: null,
    })),
  ].sort((x, y) => x.at - y.at);
  return {
    occurrences,
    cursors: {
      eventId: moreEvents ? (eventPage.at(-1)?.id ?? hook.event_cursor) : end.event_end,
      articleId: moreArticles ? (articlePage.at(-1)?.id ?? hook.article_cursor) : end.article_end,
    },
    more: moreEvents || moreArticles,
  };
}

async function recordAttempt(db: Db, deliveryId: number, attempt: DeliveryAttempt): Promise<void> {
  const status: DeliveryStatus = attempt.outcome === 'delivered' ? 'delivered' : attempt.outcome === 'retry' ? 'pending' : 'failed';
  const row = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status,
      last_attempt_at: attempt.at,
      last_status: attempt.status,
      last_result: attempt.result,
      next_attempt_at: attempt.outcome === 'retry' ? (attempt.nextAttemptAt ?? attempt.at) : null,
      delivered_at: attempt.outcome === 'delivered' ? attempt.at : null,
    }))
    .where('id', '=', deliveryId)
    .returning('webhook_id')
    .executeTakeFirst();
  if (attempt.outcome === 'gone' && row !== undefined) {
    await db.updateTable('webhooks').set({ enabled: 0, disabled_reason: attempt.result }).where('id', '=', row.webhook_id).execute();
  }
}

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    userId: row.user_id,
    url: row.url,
    events: row.events.split(',').filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e)),
    feedId: row.feed_id,
    secret: row.secret,
    enabled: row.enabled !== 0,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    key: row.key,
    event: row.event === 'ping' ? 'ping' : ((WEBHOOK_EVENTS as readonly string[]).includes(row.event) ? (row.event as WebhookEvent) : 'edit'),
    articleId: row.article_id,
    payload: row.payload,
    status: row.status === 'delivered' || row.status === 'failed' ? row.status : 'pending',
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    lastStatus: row.last_status,
    lastResult: row.last_result,
    deliveredAt: row.delivered_at,
  };
}
