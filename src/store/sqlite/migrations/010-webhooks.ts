/**
 * Webhooks (issue 14): URLs a user registers to hear about new articles, edits, removals and
 * returns.
 * - `webhooks`: the URL, the events wanted, an optional feed, the signing secret, and two cursors
 *   (the last `article_events.id` and `articles.id` collected), so a new webhook starts at the
 *   archive's end and collecting is a keyset read.
 * - `webhook_deliveries`: one row per webhook and occurrence (unique key), the exact body signed
 *   and sent, and the attempt state; the reader's delivery log reads it.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table webhooks (
    id integer primary key autoincrement,
    user_id integer not null references users (id) on delete cascade,
    url text not null,
    events text not null,
    feed_id integer references feeds (id) on delete cascade,
    secret text not null,
    enabled integer not null default 1,
    disabled_reason text,
    created_at integer not null,
    event_cursor integer not null,
    article_cursor integer not null
  )`.execute(db);
  await sql`create index webhooks_user on webhooks (user_id)`.execute(db);
  await sql`create table webhook_deliveries (
    id integer primary key autoincrement,
    webhook_id integer not null references webhooks (id) on delete cascade,
    key text not null,
    event text not null,
    article_id integer,
    payload text not null,
    status text not null default 'pending',
    attempts integer not null default 0,
    next_attempt_at integer,
    created_at integer not null,
    last_attempt_at integer,
    last_status integer,
    last_result text,
    delivered_at integer,
    unique (webhook_id, key)
  )`.execute(db);
  await sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index webhook_deliveries_log on webhook_deliveries (webhook_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
