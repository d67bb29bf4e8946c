/**
 * `maintenance_runs`: when the store's upkeep last finished, one row per kind ('routine', 'full'),
 * so the daily schedule survives restarts and a change of leader instead of starting its day over
 * each time (a service restarted nightly would otherwise never be maintained).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table maintenance_runs (kind text primary key, at integer not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table maintenance_runs`.execute(db);
}
