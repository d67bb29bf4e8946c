/**
 * The first admin account. It is made on the first start of `run` (or by the first `token create`)
 * when the archive has no user yet, or given its password then when the CLI made it without one:
 * the password is FEEDKEEPER_ADMIN_PASSWORD when set, else a generated one printed once to stderr
 * (never logged). Later starts change nothing; `feedkeeper password` (or `user password admin`)
 * sets a new one and signs the admin out everywhere.
 */
import { FeedkeeperError } from '../core/index.js';
import { hashPassword, newPassword } from '../serve/index.js';
import type { Store, User } from '../store/index.js';
import { ADMIN_NAME } from './acting-user.js';
import { UsageError, type CliIo } from './io.js';

export async function ensureAdmin(store: Store, configured: string | null, io: CliIo): Promise<User> {
  const existing = await store.users.byName(ADMIN_NAME);
  if (existing !== null && existing.passwordHash !== '') return existing;
  if (existing === null && (await store.users.count()) > 0) {
    // Someone renamed or removed the admin: the other users are managed with `feedkeeper user`.
    throw new FeedkeeperError('NOT_FOUND', 'no user named "admin"; this archive has other users, so none was created');
  }
  const password = configured ?? newPassword();
  const passwordHash = await hashPassword(password);
  let user: User;
  if (existing === null) user = await store.users.create({ username: ADMIN_NAME, passwordHash, isAdmin: true });
  else {
    await store.users.setPassword(existing.id, passwordHash);
    user = existing;
  }
  if (configured === null) {
    io.stderr(`created the web reader's admin account: user "${ADMIN_NAME}", password ${password}\n  (shown once; set FEEDKEEPER_ADMIN_PASSWORD before the first start to choose it)\n`);
  } else {
    io.stderr(`created the web reader's admin account: user "${ADMIN_NAME}", password from FEEDKEEPER_ADMIN_PASSWORD\n`);
  }
  return user;
}

/** A new admin password: FEEDKEEPER_ADMIN_PASSWORD when set, else generated and printed. Ends every session. */
export async function resetAdminPassword(store: Store, configured: string | null, io: CliIo): Promise<void> {
  const admin = await store.users.byName(ADMIN_NAME);
  if (admin === null) throw new UsageError('there is no admin account yet: `feedkeeper run` creates it on its first start');
  const password = configured ?? newPassword();
  await store.users.setPassword(admin.id, await hashPassword(password));
  const ended = await store.sessions.removeForUser(admin.id);
  io.stderr(`${configured === null ? `new password for "${ADMIN_NAME}": ${password}` : `password of "${ADMIN_NAME}" set from FEEDKEEPER_ADMIN_PASSWORD`}; signed out of ${ended} session(s)\n`);
}
