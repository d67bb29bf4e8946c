/**
 * When the store's upkeep last finished (migration 015), kept in the database so the scheduler's
 * daily maintenance counts from the last run, not from each process start.
 */
import type { Store } from '../store.js';
import type { StoreContext } from './context.js';

type Maintain = Store['maintain'];

/** The backend's maintenance, then its finish time written under its kind. */
export function recordedMaintenance(ctx: StoreContext, maintain: Maintain): Maintain {
  return async (opts) => {
    const report = await maintain(opts);
    const row = { kind: opts.full ? 'full' : 'routine', at: ctx.clock.now() };
    await ctx.guard(undefined, () =>
      ctx.db.insertInto('maintenance_runs').values(row).onConflict((oc) => oc.column('kind').doUpdateSet({ at: row.at })).execute(),
    );
    return report;
  };
}

/** The finish time of the last maintenance of either kind, or null when there has been none. */
export async function lastMaintainedAt(ctx: StoreContext): Promise<number | null> {
  const row = await ctx.guard(undefined, () => ctx.db.selectFrom('maintenance_runs').select((eb) => eb.fn.max('at').as('at')).executeTakeFirst());
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
