/**
 * The reader's side: accounts, login sessions, API tokens, and each user's read/starred state of
 * each article. Portable like 001 (integers for epoch ms, text otherwise). Sessions and tokens
 * keep only hashes of their secrets. Deleting a user deletes its sessions, tokens and states;
 * deleting an article deletes its states.
 *
 * entry_states holds a row only for articles a user has touched: "unread" is the absence of a
 * read_at, so a fresh archive of 200,000 articles needs no rows at all. Its primary key starts
 * with user_id, which serves every per-user lookup; the partial index serves starred lists.
 * WITHOUT ROWID is SQLite's storage choice only; PostgreSQL's migration keeps the same columns.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('last_used_at', 'integer')
    .addColumn('revoked_at', 'integer')
    .execute();

  await db.schema
    .createTable('entry_states')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('read_at', 'integer')
    .addColumn('starred_at', 'integer')
    .addPrimaryKeyConstraint('entry_states_pk', ['user_id', 'article_id'])
    // Clustered by (user, article): the state probe every listed or counted entry makes reads
    // the row itself, not an index and then the row (unread counts at 200,000: 196 → 81 ms).
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
  // (user_id, starred_at) rather than (user_id, article_id): the range on starred_at is what makes
  // SQLite prefer this index to the primary key when a list asks for starred entries.
  await db.schema
    .createIndex('entry_states_starred')
    .on('entry_states')
    .columns(['user_id', 'starred_at'])
    .where(sql.ref('starred_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['entry_states', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
