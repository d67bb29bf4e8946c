/**
 * The API-password part of UserRepo over SQLite (migration 008), kept apart from the accounts file
 * so the two change independently. `byFeverKey` finds the id by the indexed hash and then asks the
 * repo's own `get`, so "enabled" means here what it means everywhere else.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { User, UserRepo } from '../store.js';
import { guard } from './context.js';
import type { SqliteContext } from './context.js';

type ApiPasswordMethods = Pick<UserRepo, 'setApiPassword' | 'apiPasswordHash' | 'byFeverKey'>;

export function apiPasswordMethods(ctx: SqliteContext, get: (id: number) => Promise<User | null>): ApiPasswordMethods {
  return {
    setApiPassword: (id, secrets) =>
      guard(ctx, `the API password of user ${id}`, async () => {
        const result = await ctx.db
          .updateTable('users')
          .set({ api_password_hash: secrets?.passwordHash ?? null, fever_key_hash: secrets?.feverKeyHash ?? null })
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw new FeedkeeperError('NOT_FOUND', `set API password: no user with id ${id}`, { details: { userId: id } });
      }),
    apiPasswordHash: (id) =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db.selectFrom('users').select('api_password_hash').where('id', '=', id).executeTakeFirst();
        return row?.api_password_hash ?? null;
      }),
    byFeverKey: (feverKeyHash) =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db.selectFrom('users').select('id').where('fever_key_hash', '=', feverKeyHash).executeTakeFirst();
        const user = row === undefined ? null : await get(row.id);
        return user === null || user.disabled ? null : user;
      }),
  };
}
