/**
 * Sign-in with OpenID Connect: a user may be linked to one identity at one provider, the pair
 * (issuer, subject) that the provider's ID token names. Both null for users who sign in with a
 * password only. The unique index makes one identity reach one user (SQLite and PostgreSQL both
 * let any number of rows hold nulls under a unique index), and it is how a sign-in finds its user.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('oidc_issuer', 'text').execute();
  await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
  await db.schema.createIndex('users_oidc_identity').unique().on('users').columns(['oidc_issuer', 'oidc_subject']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_oidc_identity').execute();
  await db.schema.alterTable('users').dropColumn('oidc_subject').execute();
  await db.schema.alterTable('users').dropColumn('oidc_issuer').execute();
}
