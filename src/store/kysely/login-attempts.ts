/**
 * LoginAttemptRepo (SQLite and PostgreSQL): one row per failed sign-in per key, so the limiter's windows
 * survive a restart. Rows older than the window are pruned by the limiter as it goes.
 */
import type { LoginAttemptRepo } from '../store.js';
import { guard } from './context.js';
import type { StoreContext } from './context.js';

export function createLoginAttemptRepo(ctx: StoreContext): LoginAttemptRepo {
  return {
    failures: (keys, sinceMs) =>
      guard(ctx, undefined, async () => {
        const out = new Map<string, { count: number; first: number }>();
        if (keys.length === 0) return out;
        const rows = await ctx.db
          .selectFrom('login_attempts')
          .select((eb) => ['key', eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first')])
          .where('key', 'in', keys)
          .where('at', '>=', sinceMs)
          .groupBy('key')
          .execute();
        for (const row of rows) out.set(row.key, { count: Number(row.n), first: Number(row.first) });
        return out;
      }),
    record: (keys, atMs) =>
      // One statement, atomic on its own.
      guard(ctx, 'the failed sign-in', async () => {
        if (keys.length > 0) await ctx.db.insertInto('login_attempts').values(keys.map((key) => ({ key, at: atMs }))).execute();
      }),
    clear: (key) =>
      guard(ctx, 'clearing sign-in failures', async () => {
        await ctx.db.deleteFrom('login_attempts').where('key', '=', key).execute();
      }),
    prune: (beforeMs) =>
      guard(ctx, 'pruning sign-in failures', async () => {
        const result = await ctx.db.deleteFrom('login_attempts').where('at', '<', beforeMs).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
