/**
 * Whom a CLI command acts for. Subscriptions, tags, searches and tokens belong to a user; the CLI
 * is run by whoever administers the machine, so it acts for the user named by `--user`, else the
 * first enabled admin. On an archive with no user yet (used only from the CLI so far) it makes
 * the `admin` without a password, which `feedkeeper run` then gives one on its first start.
 */
import type { Store, User } from '../store/index.js';
import { UsageError } from './io.js';

export const ADMIN_NAME = 'admin';

export async function actingUser(store: Store, name?: string): Promise<User> {
  if (name !== undefined) {
    const user = await store.users.byName(name);
    if (user === null) throw new UsageError(`--user: there is no user named ${JSON.stringify(name)} (see \`feedkeeper user list\`)`);
    return user;
  }
  const admin = (await store.users.list()).find((u) => u.isAdmin && !u.disabled);
  if (admin !== undefined) return admin;
  if ((await store.users.count()) > 0) throw new UsageError('this archive has no enabled admin; name the user with --user NAME');
  return store.users.create({ username: ADMIN_NAME, passwordHash: '', isAdmin: true });
}
