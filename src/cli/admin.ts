/**
 * The first admin account. `run` makes it on its first start (and so does the first CLI command
 * that writes a user's data) when the archive has no user yet, and gives it its password when
 * migration 006 made it without one (an archive that was used from the CLI only): the password is
 * FEEDKEEPER_ADMIN_PASSWORD when set, else a generated one printed once to stderr (never logged).
 * Later starts change nothing; `feedkeeper password` sets a new one and signs it out everywhere.
 */
import { FeedkeeperError, PASSWORD_NOT_SET } from '../core/index.js';
import { hashPassword, newPassword } from '../serve/index.js';
import type { Store, User } from '../store/index.js';
import { UsageError, type CliIo } from './io.js';

export const ADMIN_NAME = 'admin';

export async function ensureAdmin(store: Store, configured: string | null, io: CliIo): Promise<User> {
  const admin = (await store.users.list()).find((u) => u.isAdmin && !u.disabled);
  if (admin === undefined && (await store.users.count()) > 0) {
    throw new FeedkeeperError('NOT_FOUND', 'this archive has users but no enabled admin: enable one with `feedkeeper user enable NAME`');
  }
  const secret = admin === undefined ? null : await store.users.byName(admin.username);
  if (admin !== undefined && secret?.passwordHash !== PASSWORD_NOT_SET) return admin;
  const password = configured ?? newPassword();
  const passwordHash = await hashPassword(password);
  const user = admin ?? (await store.users.create({ username: ADMIN_NAME, passwordHash, isAdmin: true }));
  if (admin !== undefined) await store.users.setPassword(admin.id, passwordHash);
  io.stderr(configured === null
    ? `created the web reader's admin account: user "${user.username}", password ${password}\n  (shown once; set FEEDKEEPER_ADMIN_PASSWORD before the first start to choose it)\n`
    : `created the web reader's admin account: user "${user.username}", password from FEEDKEEPER_ADMIN_PASSWORD\n`);
  return user;
}

/** `feedkeeper password`: a new password for the first admin (FEEDKEEPER_ADMIN_PASSWORD, else generated and printed); ends its sessions. */
export async function resetAdminPassword(store: Store, configured: string | null, io: CliIo): Promise<void> {
  const admin = (await store.users.list()).find((u) => u.isAdmin && !u.disabled);
  if (admin === undefined) throw new UsageError('there is no admin account yet: `feedkeeper run` creates it on its first start');
  const password = configured ?? newPassword();
  const ended = await store.users.setPassword(admin.id, await hashPassword(password));
  io.stderr(`${configured === null ? `new password for "${admin.username}": ${password}` : `password of "${admin.username}" set from FEEDKEEPER_ADMIN_PASSWORD`}; signed out of ${ended} session(s)\n`);
}
