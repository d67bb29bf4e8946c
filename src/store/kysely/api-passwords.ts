/**
 * The API-password part of UserRepo (migration 008), kept apart from the accounts file
 * so the two change independently. `byFeverKey` finds an enabled user by the indexed hash in one query.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { UserRepo } from '../store.js';
import { guard } from './context.js';
import type { StoreContext } from './context.js';
import { userFromRow } from './rows.js';

type ApiPasswordMethods = Pick<UserRepo, 'setApiPassword' | 'apiPasswordHash' | 'byFeverKey'>;

export function apiPasswordMethods(ctx: StoreContext): ApiPasswordMethods {
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
        const row = await ctx.db.selectFrom('users').selectAll().where('fever_key_hash', '=', feverKeyHash).where('disabled', '=', 0).executeTakeFirst();
        return row === undefined ? null : userFromRow(row);
      }),
  };
}
