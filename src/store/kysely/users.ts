/**
 * UserRepo (SQLite and PostgreSQL): the archive's people, their roles, reader settings and whether they may
 * sign in. Names are unique without letter case (a unique index on `username_key`, the name in
 * JavaScript's lower case, holds * it; the checks here only give the clear error first). There is always an enabled admin once
 * there is one: disabling, demoting or removing the last is a CONFLICT. Disabling ends the user's
 * sessions in the same transaction; sessions and tokens of a disabled user are never found
 * (accounts.ts), so access stops at once. Removing a user deletes their subscriptions,
 * states, sessions and tokens (foreign keys); no article is touched.
 */
import { canonicalTimeZone, checkUsername, FeedkeeperError, PAGE_SIZE_BOUNDS } from '../../core/index.js';
import type { SortOrder, User, UserRepo, UserSettings, UserWithSecret } from '../store.js';
import { guard, writeTransaction } from './context.js';
import type { Db, StoreContext } from './context.js';
import { userFromRow } from './rows.js';
import type { UserRow } from './schema.js';
import { apiPasswordMethods } from './api-passwords.js';

export function createUserRepo(ctx: StoreContext): UserRepo {
  return {
    ...apiPasswordMethods(ctx),
    count: () =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        return Number(row.n);
      }),
    list: () =>
      guard(ctx, undefined, async () => {
        const rows = await ctx.db.selectFrom('users').selectAll().orderBy('id').execute();
        return rows.map(userFromRow);
      }),
    create: (user) => writeTransaction(ctx, `creating user ${JSON.stringify(user.username)}`, (db) => createUser(db, user, ctx.clock.now())),
    get: (id) => guard(ctx, undefined, async () => loadUser(ctx.db, id)),
    byName: (username) =>
      guard(ctx, undefined, async () => {
        const row = await byName(ctx.db, username.trim());
        return row === undefined ? null : userWithSecret(row);
      }),
    setPassword: (id, passwordHash, opts = {}) =>
      writeTransaction(ctx, `the new password of user ${id}`, async (db) => {
        const result = await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw noUser(id, 'set password');
        const ended = await db
          .deleteFrom('sessions')
          .where('user_id', '=', id)
          .$if(opts.keepSession !== undefined, (q) => q.where('id_hash', '<>', opts.keepSession as string))
          .executeTakeFirst();
        return Number(ended.numDeletedRows);
      }),
    setDisabled: (id, disabled) => writeTransaction(ctx, `${disabled ? 'disabling' : 'enabling'} user ${id}`, (db) => setDisabled(db, id, disabled)),
    setAdmin: (id, isAdmin) => writeTransaction(ctx, `changing the role of user ${id}`, (db) => setAdmin(db, id, isAdmin)),
    updateSettings: (id, patch) => writeTransaction(ctx, `the settings of user ${id}`, (db) => updateSettings(db, id, patch)),
    remove: (id) => writeTransaction(ctx, `removing user ${id}`, (db) => removeUser(db, id)),
    byOidc: (issuer, subject) =>
      guard(ctx, undefined, async () => {
        const row = await ctx.db.selectFrom('users').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
        return row === undefined ? null : userFromRow(row);
      }),
    linkOidc: (id, issuer, subject) =>
      writeTransaction(ctx, `the OpenID Connect identity of user ${id}`, (db) => linkOidc(db, id, { issuer, subject })),
  };
}

/**
 * The user with this name in any letter case. SQLite's lower() and NOCASE fold only ASCII letters,
 * but names may be in any script (Émile is émile), so the comparison is JavaScript's; an archive
 * has few users, and this runs at sign-in and when a user is created.
 */
function byName(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username_key', '=', username.toLowerCase()).executeTakeFirst();
}

async function createUser(db: Db, user: { username: string; passwordHash: string; isAdmin: boolean }, now: number): Promise<User> {
  const username = checkUsername(typeof user.username === 'string' ? user.username : '');
  const holder = await byName(db, username);
  if (holder !== undefined) {
    throw new FeedkeeperError('CONFLICT', `the user name ${JSON.stringify(username)} is taken (by ${JSON.stringify(holder.username)}, user ${holder.id}; names are compared without letter case)`, {
      details: { username, userId: holder.id },
    });
  }
  const row = await db
    .insertInto('users')
    .values({ username, username_key: username.toLowerCase(), password_hash: user.passwordHash, is_admin: user.isAdmin ? 1 : 0, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return userFromRow(row);
}

export async function loadUser(db: Db, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : userFromRow(row);
}

async function requireUserRow(db: Db, id: number, doing: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw noUser(id, doing);
  return row;
}

export function noUser(id: number, doing: string): FeedkeeperError {
  return new FeedkeeperError('NOT_FOUND', `${doing}: no user with id ${id}`, { details: { userId: id } });
}

/** CONFLICT when the user is the last enabled admin (the archive would have nobody to manage it). */
async function keepAnAdmin(db: Db, row: UserRow, doing: string): Promise<void> {
  if (row.is_admin === 0 || row.disabled !== 0) return;
  const others = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', 1)
    .where('disabled', '=', 0)
    .where('id', '<>', row.id)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) {
    throw new FeedkeeperError('CONFLICT', `cannot ${doing} ${JSON.stringify(row.username)}: it is the last enabled admin; make another user an admin first`, {
      details: { userId: row.id },
    });
  }
}

async function setDisabled(db: Db, id: number, disabled: boolean): Promise<User> {
  const row = await requireUserRow(db, id, disabled ? 'disable user' : 'enable user');
  if (disabled) {
    await keepAnAdmin(db, row, 'disable');
    await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  }
  await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
  return userFromRow(await requireUserRow(db, id, 'disable user'));
}

async function setAdmin(db: Db, id: number, isAdmin: boolean): Promise<User> {
  const row = await requireUserRow(db, id, 'change role');
  if (!isAdmin) await keepAnAdmin(db, row, 'demote');
  await db.updateTable('users').set({ is_admin: isAdmin ? 1 : 0 }).where('id', '=', id).execute();
  return userFromRow(await requireUserRow(db, id, 'change role'));
}

const LANGUAGES: ReadonlyArray<UserSettings['language']> = ['en', 'zh', null];
const SORTS: readonly SortOrder[] = ['newest', 'oldest'];

async function updateSettings(db: Db, id: number, patch: Partial<UserSettings>): Promise<User> {
  await requireUserRow(db, id, 'update settings');
  if (patch.language !== undefined && !LANGUAGES.includes(patch.language)) throw badSetting('language', patch.language, 'en, zh or none');
  if (patch.sort !== undefined && !SORTS.includes(patch.sort)) throw badSetting('sort', patch.sort, 'newest or oldest');
  if (patch.pageSize !== undefined && !(Number.isSafeInteger(patch.pageSize) && patch.pageSize >= PAGE_SIZE_BOUNDS.min && patch.pageSize <= PAGE_SIZE_BOUNDS.max)) {
    throw badSetting('pageSize', patch.pageSize, `a whole number from ${PAGE_SIZE_BOUNDS.min} to ${PAGE_SIZE_BOUNDS.max}`);
  }
  if (patch.timeZone !== undefined && patch.timeZone !== null && canonicalTimeZone(patch.timeZone) === null) throw badSetting('timeZone', patch.timeZone, 'an IANA time zone such as Asia/Taipei');
  const set = {
    ...(patch.language === undefined ? {} : { language: patch.language }),
    ...(patch.timeZone === undefined ? {} : { time_zone: patch.timeZone }),
    ...(patch.pageSize === undefined ? {} : { page_size: patch.pageSize }),
    ...(patch.sort === undefined ? {} : { sort: patch.sort }),
  };
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', id).execute();
  return userFromRow(await requireUserRow(db, id, 'update settings'));
}

function badSetting(field: string, value: unknown, expected: string): FeedkeeperError {
  return new FeedkeeperError('USAGE', `settings: ${field} must be ${expected}, got ${JSON.stringify(value)}`, { details: { field } });
}

/** One identity reaches one user (migration 007); linking the same one again is a no-op, another one replaces it. */
async function linkOidc(db: Db, id: number, identity: { issuer: string; subject: string }): Promise<void> {
  if (identity.issuer === '' || identity.subject === '') {
    throw new FeedkeeperError('USAGE', `link user ${id} to an OpenID Connect identity: expected a non-empty issuer and subject`);
  }
  await requireUserRow(db, id, 'link an OpenID Connect identity');
  const holder = await db.selectFrom('users').select(['id', 'username'])
    .where('oidc_issuer', '=', identity.issuer).where('oidc_subject', '=', identity.subject).executeTakeFirst();
  if (holder !== undefined && holder.id !== id) {
    throw new FeedkeeperError('CONFLICT', `link user ${id}: the identity ${identity.subject} at ${identity.issuer} belongs to ${JSON.stringify(holder.username)} (user ${holder.id})`, {
      details: { userId: holder.id },
    });
  }
  await db.updateTable('users').set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject }).where('id', '=', id).execute();
}

async function removeUser(db: Db, id: number): Promise<void> {
  const row = await requireUserRow(db, id, 'remove user');
  await keepAnAdmin(db, row, 'remove');
  await db.deleteFrom('users').where('id', '=', id).execute();
}

function userWithSecret(row: UserRow): UserWithSecret {
  return { ...userFromRow(row), passwordHash: row.password_hash };
}
