/** Twin of SQLite's 015: `maintenance_runs`, when the store's upkeep last finished, by kind. */
import { sql, type Kysely } from 'kysely';
import { run } from './run.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`create table maintenance_runs (kind text primary key, at bigint not null)`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await run(db, [sql`drop table maintenance_runs`]);
}
