/** Twin of SQLite's 008: the scrypt hash of a user's API password and the SHA-256 of its Fever key (unique when set). */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table users add column api_password_hash text`,
    sql`alter table users add column fever_key_hash text`,
    sql`create unique index users_fever_key_hash on users (fever_key_hash) where fever_key_hash is not null`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`drop index users_fever_key_hash`, sql`alter table users drop column fever_key_hash`, sql`alter table users drop column api_password_hash`]);
}
