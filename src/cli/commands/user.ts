/**
 * `feedkeeper user add NAME [--admin] | list | disable NAME | enable NAME | remove NAME | password NAME
 * | api-password NAME`: the people of one archive. A new user's password (and a new password) is generated and printed
 * once, or the newPassword setting (FEEDKEEPER_NEW_PASSWORD) when that is set (config checks it
 * like any password: at least 12 characters). The store enforces the rules that must hold whoever asks: names unique without
 * letter case, always one enabled admin, a disabled user's sessions and tokens dead at once.
 */
import { checkUsername, isFeedkeeperError } from '../../core/index.js';
import { apiPasswordSecrets, hashPassword, newApiPassword, newPassword } from '../../serve/index.js';
import type { Store, User } from '../../store/index.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';
import { renderTable } from '../table.js';

const PASSWORD_ENV = 'FEEDKEEPER_NEW_PASSWORD';

async function named(store: Store, name: string): Promise<User> {
  const user = await store.users.byName(name);
  if (user === null) throw new UsageError(`there is no user named ${JSON.stringify(name)} (see \`feedkeeper user list\`)`);
  return user;
}

/** The password to set: the newPassword setting when given (config has checked it), else a generated one. */
function chosenPassword(app: App): { password: string; generated: boolean } {
  const given = app.web.newPassword;
  return given === null ? { password: newPassword(), generated: true } : { password: given, generated: false };
}

function told(io: CliIo, name: string, chosen: { password: string; generated: boolean }): void {
  io.stderr(chosen.generated ? `password of "${name}": ${chosen.password}\n  (shown once; they can sign in at the web reader with it)\n` : `password of "${name}" set from ${PASSWORD_ENV}\n`);
}

export async function userAddCommand(app: App, name: string, opts: { admin?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const username = usage(() => checkUsername(name));
  const chosen = chosenPassword(app);
  const user = await store.users.create({ username, passwordHash: await hashPassword(chosen.password), isAdmin: opts.admin === true });
  await io.stdout(`added user ${user.id} "${user.username}"${user.isAdmin ? ' (admin)' : ''}\n`);
  told(io, user.username, chosen);
  return 0;
}

export async function userListCommand(app: App, opts: { json?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const users = await store.users.list();
  if (opts.json) {
    await io.stdout(`${JSON.stringify(users)}\n`);
    return 0;
  }
  const rows = await Promise.all(
    users.map(async (u) => [
      String(u.id),
      u.username,
      u.isAdmin ? 'admin' : 'user',
      u.disabled ? 'disabled' : 'active',
      String((await store.subscriptions.list(u.id)).length),
      new Date(u.createdAt).toISOString().slice(0, 10),
    ]),
  );
  await io.stdout(`${renderTable(['id', 'name', 'role', 'state', 'subscriptions', 'since'].map((header) => ({ header })), rows)}\n`);
  return 0;
}

export async function userDisableCommand(app: App, name: string, disabled: boolean, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await store.users.setDisabled((await named(store, name)).id, disabled);
  await io.stdout(disabled ? `disabled "${user.username}": signed out everywhere, tokens stop working\n` : `enabled "${user.username}"\n`);
  return 0;
}

export async function userRemoveCommand(app: App, name: string, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await named(store, name);
  const subscriptions = (await store.subscriptions.list(user.id)).length;
  await store.users.remove(user.id);
  await io.stdout(`removed "${user.username}" with ${subscriptions} subscription(s), their read and starred marks, sessions and tokens; the archive keeps every article\n`);
  return 0;
}

export async function userPasswordCommand(app: App, name: string, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await named(store, name);
  const chosen = chosenPassword(app);
  await store.users.setPassword(user.id, await hashPassword(chosen.password));
  const ended = await store.sessions.removeForUser(user.id);
  await io.stdout(`new password for "${user.username}"; signed out of ${ended} session(s)\n`);
  told(io, user.username, chosen);
  return 0;
}

/** A new API password for feed clients (generated, printed once); the old one stops working. */
export async function userApiPasswordCommand(app: App, name: string, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await named(store, name);
  const password = newApiPassword();
  await store.users.setApiPassword(user.id, await apiPasswordSecrets(user.username, password));
  await io.stdout(`${password}\n`);
  io.stderr(`new API password of "${user.username}" for feed clients (Google Reader API at /api/greader, Fever at /api/fever), shown once; the old one stops working\n`);
  return 0;
}

function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isFeedkeeperError(err, 'USAGE')) throw new UsageError(err.message);
    throw err;
  }
}
