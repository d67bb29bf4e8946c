/**
 * PostgreSQL upkeep for `feedkeeper vacuum` and run's daily pass: VACUUM (ANALYZE) gives dead rows'
 * space back for reuse and refreshes the planner's statistics (autovacuum does this too, but an
 * archive that just imported a million articles should not wait for it); `full` also runs
 * VACUUM FULL, which rewrites every table (it locks each table while it runs). GIN indexes flush
 * their pending lists in the same VACUUM. Nothing stored changes.
 */
import { sql } from 'kysely';
import type { Db } from '../kysely/context.js';
import { runMaintenance, type MaintenanceStep } from '../kysely/maintenance.js';
import type { MaintenanceOptions, MaintenanceReport } from '../store.js';
import { mapPostgresError } from './errors.js';

export async function maintainPostgres(db: Db, name: string, opts: MaintenanceOptions): Promise<MaintenanceReport> {
  const steps: MaintenanceStep[] = [
    { name: 'vacuum and refresh the query planner statistics', run: () => sql`vacuum (analyze)`.execute(db) },
    ...(opts.full ? [{ name: 'rewrite every table (vacuum full)', run: () => sql`vacuum (full, analyze)`.execute(db) }] : []),
  ];
  const size = async () => {
    const { rows } = await sql<{ n: number | string }>`select pg_database_size(current_database()) as n`.execute(db);
    return Number(rows[0]?.n ?? 0);
  };
  return runMaintenance(steps, opts, size, (err) => mapPostgresError(err, name));
}
