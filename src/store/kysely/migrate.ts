/**
 * Brings a database's schema up to date with Kysely's Migrator, for either backend: first refuses
 * a schema newer than this code (schema-version.ts), then runs what is missing, logs each migration
 * it ran, and turns a failure into STORE_IO naming the database and the migration that failed (a
 * driver error the backend knows, such as a full disk, keeps its own code and words).
 */
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { FeedkeeperError } from '../../core/index.js';
import type { StoreContext } from './context.js';
import { refuseNewerSchema } from './schema-version.js';

export interface MigrationTarget {
  provider: MigrationProvider;
  /** The database as messages name it (a file, or a URL without its password). */
  database: string;
  /** Details every error carries ({ file } or { database }). */
  details: Record<string, unknown>;
  /** The backend's error mapping (mapSqliteError, mapPostgresError). */
  mapError: (err: unknown, database: string, lost: string) => unknown;
}

export async function migrateToLatest(ctx: StoreContext, target: MigrationTarget): Promise<void> {
  await ctx.guard(undefined, () => refuseNewerSchema(ctx.db as unknown as Kysely<unknown>, target.provider, target.database));
  const migrator = new Migrator({ db: ctx.db, provider: target.provider });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') ctx.logger.info({ migration: result.migrationName }, 'database migrated');
  }
  if (error === undefined) return;
  const mapped = target.mapError(error, target.database, 'the schema update');
  if (mapped instanceof FeedkeeperError) throw mapped;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const message = error instanceof Error ? error.message : String(error);
  throw new FeedkeeperError(
    'STORE_IO',
    `database ${target.database}: cannot bring the schema up to date${failed === undefined ? '' : ` (migration ${failed})`}: ${message}`,
    { cause: error, details: target.details },
  );
}
