/**
 * The PostgreSQL migrations on a real server: up to the latest schema, down to nothing and up
 * again, with the same tables and indexes as SQLite's (where both have them), so the shared repos
 * find what they expect on either backend.
 */
import { Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havePostgres, startPostgres, type PostgresServer } from '../../../../test/postgres-server.js';
import { migrationProvider } from './index.js';

const available = havePostgres();
let server: PostgresServer;

beforeAll(async () => {
  if (available) server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
}, 30_000);

/** SQLite's tables (migrations.test.ts there) less its FTS5 shadow tables, plus search_index, FTS5's counterpart, and search_rank, its ranking source. */
const TABLES = [
  'api_tokens', 'archive_counts', 'article_categories', 'article_events', 'article_media', 'articles', 'entry_states', 'feed_articles', 'feed_read_counts', 'feeds', 'login_attempts',
  'maintenance_runs', 'media', 'media_queue', 'revisions', 'search_index', 'search_meta', 'search_rank', 'sessions', 'subscription_tags', 'subscriptions', 'upgrades', 'users', 'watch', 'watch_hosts', 'webhook_deliveries', 'webhooks',
];
/** SQLite's indexes, then search_index's GIN indexes. */
const INDEXES = [
  'article_events_article', 'article_media_sha', 'article_media_url', 'articles_published_at', 'articles_record_id', 'entry_states_read_by_article', 'entry_states_starred', 'feed_articles_article', 'feeds_due',
  'login_attempts_at', 'login_attempts_key', 'media_queue_order', 'revisions_unarchived', 'sessions_expires_at', 'subscription_tags_tag', 'subscriptions_feed', 'users_fever_key_hash', 'users_oidc_identity', 'users_username_key', 'users_username_nocase', 'watch_due',
  'webhook_deliveries_due', 'webhook_deliveries_log', 'webhooks_user',
  'search_index_a', 'search_index_au', 'search_index_b', 'search_index_bu', 'search_index_f', 'search_index_t', 'search_index_tu',
];

describe.skipIf(!available)('postgres migrations', () => {
  it('go up to the latest schema, down to nothing, and up again', async () => {
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await server.createDatabase(), max: 1 }) }) });
    const tables = async () =>
      (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'kysely%' order by 1`.execute(db)).rows.map((r) => r.name);
    // Indexes made by name (not those behind primary keys and unique constraints), SQLite's first.
    const indexes = async () =>
      (await sql<{ name: string }>`select indexname as name from pg_indexes i where schemaname = 'public' and indexname not like 'kysely%'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname) order by indexname like 'search_index%', 1`.execute(db)).rows.map((r) => r.name);
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await tables()).toEqual(TABLES);
      expect(await indexes()).toEqual(INDEXES);
      expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
      expect(await tables()).toEqual([]);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await tables()).toEqual(TABLES);
    } finally {
      await db.destroy();
    }
  });
});
