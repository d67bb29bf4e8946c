/**
 * SessionRepo and TokenRepo (SQLite and PostgreSQL): login sessions and API tokens. Secrets never reach this
 * file: sessions and tokens are stored and found by hashes serve/auth makes.
 * A session expired at `nowMs` is as good as gone; a revoked token is never found again but stays
 * listed (with when it was revoked); neither is found for a disabled user. Tokens are listed and
 * revoked per user: another user's token is NOT_FOUND.
 * Single-statement writes run under `guard` (each statement is atomic on both backends); anything that
 * checks before it writes runs in `writeTransaction`.
 */
import { FeedkeeperError } from '../../core/index.js';
import type { ApiToken, Session, SessionRepo, TokenRepo, User } from '../store.js';
import { guard, writeTransaction } from './context.js';
import type { Db, StoreContext } from './context.js';
import type { ApiTokenRow } from './schema.js';
import { userFromRow } from './rows.js';
import { loadUser, noUser } from './users.js';

/** Throws NOT_FOUND unless the user exists (a session or token for nobody is a caller's bug). */
async function requireUser(db: Db, id: number, doing: string): Promise<void> {
  if ((await loadUser(db, id)) === null) throw noUser(id, doing);
}

// ── sessions ──

export function createSessionRepo(ctx: StoreContext): SessionRepo {
  return {
    create: (session) => writeTransaction(ctx, `the new session of user ${session.userId}`, (db) => createSession(db, session)),
    get: (idHash, nowMs) => guard(ctx, undefined, () => liveSession(ctx.db, idHash, nowMs)),
    remove: (idHash) =>
      guard(ctx, 'the logout', async () => {
        // Logging out twice (two tabs) is fine: an unknown session is already gone.
        await ctx.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      }),
    extend: (idHash, expiresAt) =>
      guard(ctx, 'extending the session', async () => {
        await ctx.db.updateTable('sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
      }),
    removeExpired: (nowMs) =>
      guard(ctx, 'removing expired sessions', async () => {
        const result = await ctx.db.deleteFrom('sessions').where('expires_at', '<=', nowMs).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
    removeForUser: (userId) =>
      guard(ctx, `signing out user ${userId} everywhere`, async () => {
        const result = await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}

async function createSession(db: Db, session: Session): Promise<void> {
  await requireUser(db, session.userId, 'create session');
  const taken = await db.selectFrom('sessions').select('user_id').where('id_hash', '=', session.idHash).executeTakeFirst();
  if (taken !== undefined) throw new FeedkeeperError('CONFLICT', `create session for user ${session.userId}: a session with this id hash already exists`);
  await db
    .insertInto('sessions')
    .values({ id_hash: session.idHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: session.createdAt, expires_at: session.expiresAt })
    .execute();
}

/** "Expired at nowMs" includes the instant itself, as removeExpired does. */
async function liveSession(db: Db, idHash: string, nowMs: number): Promise<{ session: Session; user: User } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.csrf_token', 'sessions.created_at as session_created_at', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.id_hash', '=', idHash)
    .where('users.disabled', '=', 0)
    .where('sessions.expires_at', '>', nowMs)
    .executeTakeFirst();
  if (row === undefined) return null;
  const session: Session = { idHash: row.id_hash, userId: row.id, csrfToken: row.csrf_token, createdAt: row.session_created_at, expiresAt: row.expires_at };
  return { session, user: userFromRow(row) };
}

// ── API tokens ──

export function createTokenRepo(ctx: StoreContext): TokenRepo {
  return {
    create: (token) => writeTransaction(ctx, `the new token ${JSON.stringify(token.name)}`, (db) => createToken(db, token, ctx.clock.now())),
    list: (userId) =>
      guard(ctx, undefined, async () => {
        const rows = await ctx.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
        return rows.map(tokenFromRow);
      }),
    revoke: (userId, id) => writeTransaction(ctx, `revoking token ${id}`, (db) => revokeToken(db, userId, id, ctx.clock.now())),
    findByHash: (tokenHash) => guard(ctx, undefined, () => liveToken(ctx.db, tokenHash)),
    touch: (id, nowMs) =>
      guard(ctx, `the last use of token ${id}`, async () => {
        // No error for a token deleted meanwhile (its user was removed): the request it served is done.
        await ctx.db.updateTable('api_tokens').set({ last_used_at: nowMs }).where('id', '=', id).execute();
      }),
  };
}

async function createToken(db: Db, token: { userId: number; name: string; tokenHash: string }, now: number): Promise<ApiToken> {
  await requireUser(db, token.userId, `create token ${JSON.stringify(token.name)}`);
  const taken = await db.selectFrom('api_tokens').select('id').where('token_hash', '=', token.tokenHash).executeTakeFirst();
  if (taken !== undefined) throw new FeedkeeperError('CONFLICT', `create token ${JSON.stringify(token.name)}: token ${taken.id} already has this hash`);
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, created_at: now, last_used_at: null, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return tokenFromRow(row);
}

async function revokeToken(db: Db, userId: number, id: number, now: number): Promise<ApiToken> {
  const row = await db
    .updateTable('api_tokens')
    // Revoking twice keeps the first time: that is when access really ended.
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new FeedkeeperError('NOT_FOUND', `revoke token: no token with id ${id}`, { details: { tokenId: id } });
  return tokenFromRow(row);
}

async function liveToken(db: Db, tokenHash: string): Promise<{ token: ApiToken; user: User } | null> {
  const token = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  if (token === undefined) return null;
  const user = await loadUser(db, token.user_id);
  return user === null || user.disabled ? null : { token: tokenFromRow(token), user };
}

function tokenFromRow(row: ApiTokenRow): ApiToken {
  return { id: row.id, userId: row.user_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
