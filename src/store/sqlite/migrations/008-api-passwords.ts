/**
 * API passwords for feed clients (Google Reader and Fever APIs): per user, the scrypt hash of the
 * password (ClientLogin checks it) and a SHA-256 of its Fever key, which every Fever call and every
 * Google Reader call after login is looked up by, hence the index (unique: usernames are, and the
 * key is md5 of "username:password"). Both null for a user without one. No secret is stored.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('api_password_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('fever_key_hash', 'text').execute();
  await db.schema.createIndex('users_fever_key_hash').unique().on('users').column('fever_key_hash').where(sql.ref('fever_key_hash'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_fever_key_hash').execute();
  await db.schema.alterTable('users').dropColumn('fever_key_hash').execute();
  await db.schema.alterTable('users').dropColumn('api_password_hash').execute();
}
