/**
 * Refuses a database whose schema is newer than this code: one that a later feedkeeper migrated
 * has migrations recorded that this one has never heard of, and this code would misread its
 * tables. Both backends ask before migrating, and the error names the database and those
 * migrations, so the fix (run the newer feedkeeper, or restore a backup) is plain.
 */
import { DEFAULT_MIGRATION_TABLE, sql, type Kysely, type MigrationProvider } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';

/** The recorded migrations `provider` does not know, oldest name first. */
async function unknownMigrations(db: Kysely<unknown>, provider: MigrationProvider): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE)) return [];
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name`.execute(db);
  const known = new Set(Object.keys(await provider.getMigrations()));
  return rows.map((r) => r.name).filter((name) => !known.has(name));
}

/** Throws STORE_IO naming `database` and the unknown migrations when there are any. */
export async function refuseNewerSchema(db: Kysely<unknown>, provider: MigrationProvider, database: string): Promise<void> {
  const unknown = await unknownMigrations(db, provider);
  if (unknown.length === 0) return;
  throw new FeedkeeperError(
    'STORE_IO',
    `database ${database}: its schema is newer than this feedkeeper knows (migrations ${unknown.join(', ')}); run the feedkeeper that wrote it, or a newer one`,
    { details: { database, unknownMigrations: unknown } },
  );
}
