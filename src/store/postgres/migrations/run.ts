/**
 * The migrations' one helper: runs statements in order (Kysely's migrator wraps a whole run in one
 * transaction on PostgreSQL, since its DDL is transactional, so a failed step leaves nothing half-done).
 */
import type { Kysely, RawBuilder } from 'kysely';

export async function run(db: Kysely<unknown>, statements: ReadonlyArray<RawBuilder<unknown>>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
