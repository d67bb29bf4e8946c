/** Twin of SQLite's 007: a user's OpenID Connect identity (issuer, subject), unique, both null for password-only users. */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    sql`alter table users add column oidc_issuer text`,
    sql`alter table users add column oidc_subject text`,
    sql`create unique index users_oidc_identity on users (oidc_issuer, oidc_subject)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`drop index users_oidc_identity`, sql`alter table users drop column oidc_subject`, sql`alter table users drop column oidc_issuer`]);
}
