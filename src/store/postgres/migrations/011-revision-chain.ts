/**
 * Twin of SQLite's 011: `revisions.chain_hash` (the revision chain, archive/chain.ts) and
 * `revisions.warc_digest` (the payload digest of the response a revision came from). SQLite's twin
 * also chains the revisions stored before it; a PostgreSQL archive starts with the columns, and
 * every revision is chained as it is inserted (store/kysely/article-writes.ts).
 */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`alter table revisions add column chain_hash text`, sql`alter table revisions add column warc_digest text`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`alter table revisions drop column warc_digest`, sql`alter table revisions drop column chain_hash`]);
}
