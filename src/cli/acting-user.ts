/**
 * Whom a CLI command acts for. Subscriptions, tags, searches and tokens belong to a user; the CLI
 * is run by whoever administers the machine, so it acts for the user named by `--user`, else the
 * first enabled admin. A command that only reads needs nobody (an archive without users has
 * nothing of anyone's to show). One that writes a user's data on an archive without users makes
 * the `admin` first, without a password yet (PASSWORD_NOT_SET: nothing signs in with it), which
 * `run` or `token create` then gives one and prints (admin.ts).
 */
import { PASSWORD_NOT_SET } from '../core/index.js';
import type { Store, User } from '../store/index.js';
import { ADMIN_NAME } from './admin.js';
import { UsageError } from './io.js';

/** The user named (USAGE when there is none), or the first enabled admin, or null on an archive without users. */
export async function readingUser(store: Store, name?: string): Promise<User | null> {
  if (name !== undefined) return userNamed(store, name, '--user: ');
  const admin = (await store.users.list()).find((u) => u.isAdmin && !u.disabled);
  if (admin !== undefined) return admin;
  if ((await store.users.count()) > 0) throw new UsageError('this archive has no enabled admin; name the user with --user NAME');
  return null;
}

/** Like readingUser, for a command that writes: an archive without users gets its admin now. */
export async function actingUser(store: Store, name?: string): Promise<User> {
  return (await readingUser(store, name)) ?? store.users.create({ username: ADMIN_NAME, passwordHash: PASSWORD_NOT_SET, isAdmin: true });
}

/** The user of that name (without letter case), or USAGE saying there is none. */
export async function userNamed(store: Store, name: string, prefix = ''): Promise<User> {
  const user = await store.users.byName(name);
  if (user === null) throw new UsageError(`${prefix}there is no user named ${JSON.stringify(name)} (see \`feedkeeper user list\`)`);
  return user;
}
